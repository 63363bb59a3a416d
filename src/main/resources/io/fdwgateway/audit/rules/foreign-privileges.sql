-- What API roles or PUBLIC hold on foreign data: privileges on foreign tables (in any schema,
-- table or column level), on schemas that hold them, on foreign servers and wrappers, and
-- user mappings. Only direct grants are listed, so each fix names the grant to revoke.
with params as (select $1::text[] as exposed, $2::text[] as api_roles, $3::text[] as ignored),
grantees(oid, name) as (
  select 0::oid, 'public'
  union all
  select r.oid, pg_catalog.quote_ident(r.rolname) from params, pg_catalog.pg_roles r where r.rolname = any (params.api_roles)
),
table_grants(rel, grantee, privilege) as (
  select c.oid, a.grantee, a.privilege_type
  from pg_catalog.pg_class c
  cross join lateral pg_catalog.aclexplode(c.relacl) a
  where c.relkind = 'f'
  union
  select c.oid, a.grantee, a.privilege_type || ' (' || att.attname || ')'
  from pg_catalog.pg_class c
  join pg_catalog.pg_attribute att on att.attrelid = c.oid and att.attnum > 0 and not att.attisdropped
  cross join lateral pg_catalog.aclexplode(att.attacl) a
  where c.relkind = 'f'
),
server_acls(kind, name, acl) as (
  select 'foreign server', s.srvname, s.srvacl from pg_catalog.pg_foreign_server s
  union all
  select 'foreign data wrapper', w.fdwname, w.fdwacl from pg_catalog.pg_foreign_data_wrapper w
)
select 'foreign-table-privilege' as rule_id,
       pg_catalog.format('foreign table %I.%I: %s to %s', n.nspname, c.relname,
                         pg_catalog.string_agg(g.privilege, ', ' order by g.privilege), e.name) as object,
       null::bigint as function_oid,
       pg_catalog.format('revoke all on table %I.%I from %s;', n.nspname, c.relname, e.name) as fix
from table_grants g
join grantees e on e.oid = g.grantee
join pg_catalog.pg_class c on c.oid = g.rel
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
group by n.nspname, c.relname, e.name
union all
select 'foreign-schema-privilege',
       pg_catalog.format('schema %I (holds foreign tables): %s to %s', n.nspname,
                         pg_catalog.string_agg(a.privilege_type, ', ' order by a.privilege_type), e.name),
       null::bigint,
       -- an exposed schema (or public) also holds the API: revoking it would break the API, so
       -- the fix moves the foreign tables out instead
       case when n.nspname = any (params.exposed) or n.nspname = 'public'
            then 'create schema if not exists fdw_private; revoke all on schema fdw_private from public; '
                 || (select pg_catalog.string_agg(pg_catalog.format('alter foreign table %I.%I set schema fdw_private;',
                                                                    n.nspname, f.relname), ' ' order by f.relname)
                     from pg_catalog.pg_class f where f.relnamespace = n.oid and f.relkind = 'f')
            else pg_catalog.format('revoke all on schema %I from %s;', n.nspname, e.name) end
from params, pg_catalog.pg_namespace n
cross join lateral pg_catalog.aclexplode(n.nspacl) a
join grantees e on e.oid = a.grantee
where exists (select from pg_catalog.pg_class c where c.relnamespace = n.oid and c.relkind = 'f')
group by n.oid, n.nspname, e.name, params.exposed
union all
select 'foreign-server-privilege',
       pg_catalog.format('%s %I: %s to %s', o.kind, o.name, a.privilege_type, e.name),
       null::bigint,
       pg_catalog.format('revoke all on %s %I from %s;', o.kind, o.name, e.name)
from server_acls o
cross join lateral pg_catalog.aclexplode(o.acl) a
join grantees e on e.oid = a.grantee
union all
select 'user-mapping-for-api-role',
       pg_catalog.format('user mapping for %s on server %I', e.name, m.srvname),
       null::bigint,
       pg_catalog.format('drop user mapping for %s server %I;', e.name, m.srvname)
from pg_catalog.pg_user_mappings m
join grantees e on e.oid = m.umuser
