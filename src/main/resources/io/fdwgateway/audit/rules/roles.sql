-- The login role (session_user) and the API roles must not be able to step around what the
-- gateway and the database enforce.
with params as (select $1::text[] as exposed, $2::text[] as api_roles, $3::text[] as ignored),
checked(oid, kind) as (
  select r.oid, 'login role' from pg_catalog.pg_roles r where r.rolname = session_user
  union
  select r.oid, 'API role' from params, pg_catalog.pg_roles r where r.rolname = any (params.api_roles)
)
select a.rule_id,
       pg_catalog.format('%s %I', k.kind, r.rolname) as object,
       null::bigint as function_oid,
       case when a.rule_id = 'role-superuser' and k.kind = 'login role'
            -- usually the login role is postgres itself: the fix is another login role, not a
            -- postgres that is no longer a superuser
            then pg_catalog.format('-- log in as a dedicated role instead of %I: create role authenticator login noinherit'
                                   ' nosuperuser nobypassrls nocreaterole; grant %s to authenticator; then set'
                                   ' quarkus.datasource.username=authenticator', r.rolname,
                                   coalesce((select pg_catalog.string_agg(pg_catalog.quote_ident(x), ', ')
                                             from params, pg_catalog.unnest(params.api_roles) as x),
                                            'the roles of gateway.role.allowed'))
            else pg_catalog.format('alter role %I %s;', r.rolname, a.revoke) end as fix
from checked k
join pg_catalog.pg_roles r on r.oid = k.oid
cross join lateral (values ('role-superuser', r.rolsuper, 'nosuperuser'),
                           ('role-bypassrls', r.rolbypassrls, 'nobypassrls'),
                           ('role-createrole', r.rolcreaterole, 'nocreaterole')) as a(rule_id, held, revoke)
where a.held
