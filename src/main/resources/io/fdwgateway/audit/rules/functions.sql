-- Functions and procedures (not members of an extension, not Postgres' own) that can run with
-- someone else's privileges, or that sit in an exposed schema without being served.
with params as (select $1::text[] as exposed, $2::text[] as api_roles, $3::text[] as ignored),
-- PUBLIC and the API roles, by name: the has_*_privilege functions accept 'public'
who(name) as (
  select 'public'
  union all
  select r.rolname::text from params, pg_catalog.pg_roles r where r.rolname = any (params.api_roles)
),
-- roles whose members reach beyond the database: server files, server programs, all data
server_roles as (
  select r.oid, r.rolname
  from pg_catalog.pg_roles r
  where r.rolname in ('pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files',
                      'pg_read_all_data', 'pg_write_all_data')
),
-- what, short of superuser, lets a role (and so the functions it owns) step around privileges:
-- worked out once per role, not once per function (thousands of functions, a few owners)
role_powers as materialized (
  select o.oid, o.rolname, o.rolsuper,
         pg_catalog.array_remove(
           array[case when o.rolbypassrls then 'BYPASSRLS' end, case when o.rolcreaterole then 'CREATEROLE' end]
           || array(select 'member of ' || sr.rolname from server_roles sr
                    where pg_catalog.pg_has_role(o.oid, sr.oid, 'MEMBER') order by sr.rolname),
           null) as powers
  from pg_catalog.pg_roles o
  where o.oid in (select p.proowner from pg_catalog.pg_proc p)
),
fn as (
  select p.oid, p.pronamespace, p.prosecdef, p.prokind, p.proowner, p.proacl, p.proconfig, o.rolname as owner, o.rolsuper as owner_super,
         o.powers as owner_powers,
         n.nspname = any (params.exposed) as exposed,
         -- a platform schema (gateway.audit.ignore-schemas) that is not exposed
         n.nspname = any (params.ignored) and not n.nspname = any (params.exposed) as ignored,
         -- exposed, or callable by an API role or PUBLIC: USAGE on its schema and EXECUTE
         n.nspname = any (params.exposed)
           or exists (select from who where pg_catalog.has_schema_privilege(who.name, p.pronamespace, 'USAGE')
                                        and pg_catalog.has_function_privilege(who.name, p.oid, 'EXECUTE')) as reachable,
         pg_catalog.format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)) as sig
  from params, pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  join role_powers o on o.oid = p.proowner
  where n.nspname not in ('pg_catalog', 'information_schema')
    and n.nspname not like 'pg\_toast%'
    and p.prokind in ('f', 'p', 'w')
    and not exists (select from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                      and d.objid = p.oid and d.deptype = 'e')
),
-- the API roles that can call each exposed definer function (USAGE on its schema, EXECUTE), and
-- through which grant: to the role itself, to PUBLIC, or to roles whose privileges it inherits
executors as (
  select fn.oid, r.rolname, g.how, g.grantee
  from params
  join fn on fn.prosecdef and fn.exposed and fn.prokind = 'f'
  -- the function's EXECUTE grantees (0 = PUBLIC), once per grant, read from its own ACL
  cross join lateral (
    select coalesce(pg_catalog.array_agg(a.grantee) filter (where a.privilege_type = 'EXECUTE'), '{}') as grantees
    from pg_catalog.aclexplode(coalesce(fn.proacl, pg_catalog.acldefault('f', fn.proowner))) a
  ) gs
  join pg_catalog.pg_roles r on r.rolname = any (params.api_roles)
                            and pg_catalog.has_function_privilege(r.oid, fn.oid, 'EXECUTE')
                            and pg_catalog.has_schema_privilege(r.oid, fn.pronamespace, 'USAGE')
  cross join lateral (
    select 'direct' as how, pg_catalog.quote_ident(r.rolname) as grantee
    where r.oid = any (gs.grantees)
    union all
    select 'PUBLIC', 'public'
    where not r.oid = any (gs.grantees) and 0::pg_catalog.oid = any (gs.grantees)
    union all
    select 'member of ' || pg_catalog.string_agg(pg_catalog.quote_ident(m.rolname), ', ' order by m.rolname),
           pg_catalog.string_agg(pg_catalog.quote_ident(m.rolname), ', ' order by m.rolname)
    from pg_catalog.unnest(gs.grantees) as gr(grantee) join pg_catalog.pg_roles m on m.oid = gr.grantee
    where gr.grantee <> r.oid and pg_catalog.pg_has_role(r.oid, gr.grantee, 'USAGE')
      and not (r.oid = any (gs.grantees) or 0::pg_catalog.oid = any (gs.grantees))
    having pg_catalog.count(*) > 0
  ) g
),
-- per function: who can call it, and the grantees a revoke would name
executor_list as (
  select x.oid,
         pg_catalog.string_agg(pg_catalog.format('%I [%s]', x.rolname, x.how), ', ' order by x.rolname) as executable_by,
         pg_catalog.string_agg(distinct x.grantee, ', ') as grantees
  from executors x
  group by x.oid
),
-- each search_path entry of a definer function's own settings, unquoted, "$user" resolved
path_entry as (
  select fn.oid, e.ord, pg_catalog.count(*) over (partition by fn.oid) as total,
         pg_catalog.max(e.ord) over (partition by fn.oid) as last,
         case when e.item = '"$user"' or e.item = '$user' then fn.owner::text
              when e.item like '"%"' then pg_catalog.replace(pg_catalog.substr(e.item, 2, pg_catalog.length(e.item) - 2), '""', '"')
              else e.item end as schema_name
  from fn
  cross join lateral pg_catalog.unnest(fn.proconfig) as c(setting)
  cross join lateral pg_catalog.unnest(pg_catalog.string_to_array(pg_catalog.substr(c.setting, 13), ',')) with ordinality as u(raw, ord)
  cross join lateral (select pg_catalog.btrim(u.raw) as item, u.ord) as e
  where fn.prosecdef and fn.exposed and c.setting like 'search\_path=%' and pg_catalog.btrim(u.raw) not in ('', '""')
),
-- an entry is writable when PUBLIC or an API role may create objects that it resolves to:
-- CREATE on the schema; CREATE on the database for a schema that does not exist yet; TEMP on
-- the database for pg_temp anywhere but last
writable as (
  select pe.oid, pg_catalog.string_agg(pg_catalog.quote_ident(pe.schema_name), ', ' order by pe.ord) as schemas
  from path_entry pe
  left join pg_catalog.pg_namespace s on s.nspname = pe.schema_name
  where exists (select from who where
          case when pe.schema_name = 'pg_temp' then pe.ord < pe.total and pg_catalog.has_database_privilege(who.name, pg_catalog.current_database(), 'TEMP')
               when s.oid is null then pg_catalog.has_database_privilege(who.name, pg_catalog.current_database(), 'CREATE')
               else pg_catalog.has_schema_privilege(who.name, s.oid, 'CREATE') end)
  group by pe.oid
),
-- the last entry of each path: anything but pg_temp there means pg_temp is searched before it
-- (first, when it is not listed: Postgres then searches the caller's temporary schema before
-- every listed one for tables, views and types)
path_end as (
  select pe.oid,
         pg_catalog.bool_or(pe.ord = pe.last and pe.schema_name = 'pg_temp') as temp_last,
         pg_catalog.string_agg(pg_catalog.quote_ident(pe.schema_name), ', ' order by pe.ord) as listed,
         pg_catalog.string_agg(pg_catalog.quote_ident(pe.schema_name), ', ' order by pe.ord)
           filter (where pe.schema_name <> 'pg_temp') as others
  from path_entry pe
  group by pe.oid
)
select 'definer-search-path-unpinned' as rule_id, 'function ' || fn.sig as object, fn.oid::bigint as function_oid,
       pg_catalog.format('alter routine %s set search_path = ''''; -- then schema-qualify every name in its body', fn.sig) as fix
from fn
where fn.prosecdef and fn.exposed
  and not exists (select from pg_catalog.unnest(fn.proconfig) c where c like 'search\_path=%')
union all
select 'definer-search-path-writable', pg_catalog.format('function %s (search_path: %s)', fn.sig, w.schemas), fn.oid::bigint,
       pg_catalog.format('alter routine %s set search_path = ''''; -- then schema-qualify every name in its body', fn.sig)
from fn
join writable w on w.oid = fn.oid
union all
select 'definer-search-path-pg-temp-not-last', pg_catalog.format('function %s (search_path: %s)', fn.sig, pe.listed),
       fn.oid::bigint,
       pg_catalog.format('alter routine %s set search_path = %s; -- or set search_path = '''' and schema-qualify every name in its body',
                         fn.sig, coalesce(pe.others || ', ', '') || 'pg_temp')
from fn
join path_end pe on pe.oid = fn.oid
where not pe.temp_last
union all
select 'definer-executable-by-public', 'function ' || fn.sig, fn.oid::bigint,
       pg_catalog.format('revoke execute on routine %s from public; -- grant execute to the roles that may call it', fn.sig)
from fn
where fn.prosecdef and fn.exposed
  and exists (select from pg_catalog.aclexplode(coalesce(fn.proacl, pg_catalog.acldefault('f', fn.proowner))) a
              where a.grantee = 0 and a.privilege_type = 'EXECUTE')
union all
select 'definer-owned-by-superuser', pg_catalog.format('function %s (owner %I)', fn.sig, fn.owner), fn.oid::bigint,
       pg_catalog.format('alter routine %s owner to api_definer; -- a NOLOGIN role that is not a superuser, granted only what the function reads', fn.sig)
from fn
where fn.prosecdef and fn.owner_super and fn.reachable and not fn.ignored
union all
select 'definer-owned-by-privileged-role',
       pg_catalog.format('function %s (owner %I: %s)', fn.sig, fn.owner, pg_catalog.array_to_string(fn.owner_powers, ', ')),
       fn.oid::bigint,
       pg_catalog.format('alter routine %s owner to api_definer; -- a NOLOGIN role without BYPASSRLS or CREATEROLE, member'
                         ' of no role that reaches server files, programs or all data, granted only what the function reads', fn.sig)
from fn
where fn.prosecdef and not fn.owner_super and pg_catalog.cardinality(fn.owner_powers) > 0 and fn.reachable and not fn.ignored
union all
select 'private-definer-executable',
       pg_catalog.format('function %s (executable by %s)', fn.sig, pg_catalog.string_agg(pg_catalog.quote_ident(who.name), ', ')),
       fn.oid::bigint,
       pg_catalog.format('revoke execute on routine %s from %s;', fn.sig, pg_catalog.string_agg(pg_catalog.quote_ident(who.name), ', '))
from fn
join who on pg_catalog.has_function_privilege(who.name, fn.oid, 'EXECUTE')
        and pg_catalog.has_schema_privilege(who.name, fn.pronamespace, 'USAGE')
where fn.prosecdef and not fn.exposed and not fn.ignored
group by fn.oid, fn.sig
union all
select 'served-function-executors',
       pg_catalog.format('function %s (executable by %s)', fn.sig, coalesce(el.executable_by, 'no API role')),
       fn.oid::bigint,
       case when el.oid is null
            then pg_catalog.format('-- no API role can call it; to serve it: grant execute on routine %s to <API role>;', fn.sig)
            else pg_catalog.format('-- nothing to fix if each may call it; otherwise: revoke execute on routine %s from %s;',
                                   fn.sig, el.grantees) end
from fn
left join executor_list el on el.oid = fn.oid
where fn.prosecdef and fn.exposed and fn.prokind = 'f'
union all
select 'invoker-function-exposed', 'function ' || fn.sig, fn.oid::bigint,
       pg_catalog.format('-- not served. To serve it, review it, then: alter routine %s security definer set search_path = '''';', fn.sig)
from fn
where not fn.prosecdef and fn.exposed and fn.prokind = 'f'
