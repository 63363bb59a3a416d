-- Foreign tables in an exposed schema. Every rule file takes $1 = exposed schemas and
-- $2 = API roles (text[]) and answers rows of (rule_id, object, function_oid, fix).
with params as (select $1::text[] as exposed, $2::text[] as api_roles, $3::text[] as ignored)
select 'foreign-table-in-exposed-schema' as rule_id,
       pg_catalog.format('foreign table %I.%I', n.nspname, c.relname) as object,
       null::bigint as function_oid,
       pg_catalog.format('create schema if not exists fdw_private; revoke all on schema fdw_private from public; '
                         'alter foreign table %I.%I set schema fdw_private;', n.nspname, c.relname) as fix
from params, pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'f'
  and n.nspname = any (params.exposed)
