-- The exposed definer functions with their bodies, for the lints that read them (BodyLints):
-- $1 = exposed schemas, $2 = the anonymous API role, $3 = the API roles other than service_role. foreign_tables lists the foreign tables a
-- function reads: recorded dependencies (SQL-standard bodies) and schema-qualified names in the
-- body (served functions pin search_path, so what they read is written schema-qualified).
-- the foreign tables, once: read for every function below
with foreign_table as materialized (
  -- with the pattern of its schema-qualified name in a body, built once per table, not once per
  -- table and function
  select f.oid, fn.nspname, f.relname,
         '(^|[^[:alnum:]_$."])"?' || pg_catalog.regexp_replace(fn.nspname, '([^[:alnum:]_])', '\\\1', 'g')
           || '"?\s*\.\s*"?' || pg_catalog.regexp_replace(f.relname, '([^[:alnum:]_])', '\\\1', 'g')
           || '($|[^[:alnum:]_$"])' as pattern
  from pg_catalog.pg_class f
  join pg_catalog.pg_namespace fn on fn.oid = f.relnamespace
  where f.relkind = 'f'
)
select p.oid::bigint as oid,
       pg_catalog.format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) as sig,
       l.lanname::text as language,
       p.provolatile::text as volatility,
       p.prosrc as body,
       -- input arguments only (modes i, b, v), by position; unnamed ones as ''
       array(select coalesce(p.proargnames[a.ord], '')
             from pg_catalog.unnest(coalesce(p.proargmodes, pg_catalog.array_fill('i'::"char", array[p.pronargs])))
                  with ordinality as a(mode, ord)
             where a.mode in ('i', 'b', 'v')
             order by a.ord) as arguments,
       coalesce(pg_catalog.has_function_privilege(anon.oid, p.oid, 'EXECUTE')
                and pg_catalog.has_schema_privilege(anon.oid, p.pronamespace, 'USAGE'), false) as anonymous_can_execute,
       exists (select from pg_catalog.pg_roles r
               where r.rolname = any ($3::text[])
                 and pg_catalog.has_function_privilege(r.oid, p.oid, 'EXECUTE')
                 and pg_catalog.has_schema_privilege(r.oid, p.pronamespace, 'USAGE')) as non_admin_can_execute,
       c.description as comment,
       array(select pg_catalog.format('%I.%I', ft.nspname, ft.relname)
             from foreign_table ft
             where (exists (select from pg_catalog.pg_depend d
                            where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and d.objid = p.oid
                              and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.refobjid = ft.oid)
                    or p.prosrc ~* ft.pattern)
             order by 1) as foreign_tables
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_language l on l.oid = p.prolang
left join pg_catalog.pg_roles anon on anon.rolname = $2::text
-- the comment as obj_description reads it, joined: obj_description runs a query of its own per call
left join pg_catalog.pg_description c
  on c.objoid = p.oid and c.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass and c.objsubid = 0
where n.nspname = any ($1::text[])
  and p.prosecdef
  and p.prokind in ('f', 'p')
  and not exists (select from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                    and d.objid = p.oid and d.deptype = 'e')
