-- Enums, domains and composite types outside the system schemas, named as format_type names
-- them (the same spelling exposed-functions.sql uses for argument and column types).
-- One JSON document each.
select pg_catalog.json_build_object(
  'name', pg_catalog.format_type(t.oid, null),
  'kind', t.typtype,
  'baseType', case when t.typtype = 'd' then pg_catalog.format_type(t.typbasetype, null) end,
  'labels', coalesce((select pg_catalog.json_agg(e.enumlabel order by e.enumsortorder)
                      from pg_catalog.pg_enum e
                      where e.enumtypid = t.oid), '[]')
)::text
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
where t.typtype in ('e', 'd', 'c')
  and n.nspname <> 'information_schema'
  and n.nspname not like 'pg\_%'
order by t.oid
