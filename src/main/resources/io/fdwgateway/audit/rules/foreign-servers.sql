-- postgres_fdw foreign servers without a positive connect_timeout: libpq then waits for the
-- connection without a time limit, and postgres_fdw cannot interrupt that wait, so a server
-- that accepts TCP and never answers holds the call, and its pool connection, past every
-- statement timeout.
with params as (select $1::text[] as exposed, $2::text[] as api_roles, $3::text[] as ignored)
select 'foreign-server-no-connect-timeout' as rule_id,
       pg_catalog.format('foreign server %I', s.srvname) as object,
       null::bigint as function_oid,
       pg_catalog.format('alter server %I options (%s connect_timeout ''10'');', s.srvname,
                         case when t.value is null then 'add' else 'set' end) as fix
from params, pg_catalog.pg_foreign_server s
join pg_catalog.pg_foreign_data_wrapper w on w.oid = s.srvfdw
join pg_catalog.pg_proc h on h.oid = w.fdwhandler
left join lateral (select o.option_value as value
                   from pg_catalog.pg_options_to_table(s.srvoptions) o
                   where o.option_name = 'connect_timeout') t on true
where h.proname = 'postgres_fdw_handler'
  and (t.value is null or t.value !~ '^\s*[0-9]+\s*$' or t.value::numeric <= 0)
