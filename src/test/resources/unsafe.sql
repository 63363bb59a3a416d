-- A deliberately unsafe database for the posture audit's tests: every rule has at least one
-- object here that trips it, and public.safe_definer is the control that trips none.
-- Run as a superuser in a fresh database. Roles are cluster-wide, so they are created only
-- when absent and none of the reference database's roles is changed.
do $$
begin
  if not exists (select from pg_roles where rolname = 'unsafe_login') then
    create role unsafe_login login superuser;           -- role-superuser (login role)
  end if;
  if not exists (select from pg_roles where rolname = 'unsafe_api') then
    create role unsafe_api nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'unsafe_api_bypass') then
    create role unsafe_api_bypass nologin bypassrls;    -- role-bypassrls
  end if;
  if not exists (select from pg_roles where rolname = 'unsafe_api_creator') then
    create role unsafe_api_creator nologin createrole;  -- role-createrole
  end if;
  if not exists (select from pg_roles where rolname = 'unsafe_owner') then
    create role unsafe_owner nologin;
  end if;
  -- owners with powers short of superuser: definer-owned-by-privileged-role
  if not exists (select from pg_roles where rolname = 'unsafe_owner_bypass') then
    create role unsafe_owner_bypass nologin bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'unsafe_owner_creator') then
    create role unsafe_owner_creator nologin createrole;
  end if;
  if not exists (select from pg_roles where rolname = 'unsafe_owner_files') then
    create role unsafe_owner_files nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'unsafe_owner_all_data') then
    create role unsafe_owner_all_data nologin;
  end if;
end
$$;
grant pg_read_server_files to unsafe_owner_files;
grant pg_write_all_data to unsafe_owner_all_data;

create extension postgres_fdw;
create server unsafe_server foreign data wrapper postgres_fdw options (host '127.0.0.1', dbname 'nowhere');
                                                                                  -- foreign-server-no-connect-timeout
grant usage on foreign server unsafe_server to unsafe_api;                        -- foreign-server-privilege
create user mapping for public server unsafe_server options (user 'nobody');      -- user-mapping-for-api-role

create schema vault;
grant usage on schema vault to unsafe_api;                                        -- foreign-schema-privilege
create foreign table vault.secrets (id text, secret text) server unsafe_server;
grant select (id) on vault.secrets to unsafe_api;                                 -- foreign-table-privilege (column)

create foreign table public.exposed_secrets (id text) server unsafe_server;       -- foreign-table-in-exposed-schema
create view public.secrets_view as select s.id from vault.secrets s;              -- view-over-foreign-table
create view public.secrets_view_view as select v.id from public.secrets_view v;   -- ... through another view
create materialized view public.secrets_mv as select s.id from vault.secrets s with no data;

create schema scratch;
grant create, usage on schema scratch to public;

create function public.unpinned() returns int
language sql stable security definer as $$ select 1 $$;                           -- definer-search-path-unpinned
                                                                                   -- + definer-executable-by-public
create function public.hijackable() returns int
language sql stable security definer set search_path = scratch, pg_temp
as $$ select 1 $$;                                                                -- definer-search-path-writable
create function public.temp_first() returns int
language sql stable security definer set search_path = pg_temp, pg_catalog
as $$ select 1 $$;                                                                -- definer-search-path-writable (pg_temp)
                                                                                   -- + definer-search-path-pg-temp-not-last
create function public.temp_implicit() returns int
language sql stable security definer set search_path = pg_catalog
as $$ select 1 $$;                                                                -- definer-search-path-pg-temp-not-last
create function public.runs_as_superuser() returns int
language sql stable security definer set search_path = ''
as $$ select 1 $$;                                                                -- definer-owned-by-superuser
create function public.owned_by_bypassrls() returns int
language sql stable security definer set search_path = '' as $$ select 1 $$;     -- definer-owned-by-privileged-role
create function public.owned_by_createrole() returns int
language sql stable security definer set search_path = '' as $$ select 1 $$;     -- definer-owned-by-privileged-role
create function public.owned_by_file_reader() returns int
language sql stable security definer set search_path = '' as $$ select 1 $$;     -- definer-owned-by-privileged-role
create function public.owned_by_data_writer() returns int
language sql stable security definer set search_path = '' as $$ select 1 $$;     -- definer-owned-by-privileged-role
create function vault.leak() returns setof text
language sql stable security definer set search_path = ''
as $$ select s.secret from vault.secrets s $$;                                    -- private-definer-executable
create function public.invoker_fn() returns int
language sql stable as $$ select 1 $$;                                            -- invoker-function-exposed
create function public.safe_definer() returns int
language sql stable security definer set search_path = ''
as $$ select 1 $$;

alter function public.unpinned() owner to unsafe_owner;
alter function public.hijackable() owner to unsafe_owner;
alter function public.temp_first() owner to unsafe_owner;
alter function public.temp_implicit() owner to unsafe_owner;
alter function public.owned_by_bypassrls() owner to unsafe_owner_bypass;
alter function public.owned_by_createrole() owner to unsafe_owner_creator;
alter function public.owned_by_file_reader() owner to unsafe_owner_files;
alter function public.owned_by_data_writer() owner to unsafe_owner_all_data;
alter function vault.leak() owner to unsafe_owner;
alter function public.safe_definer() owner to unsafe_owner;
revoke execute on function public.hijackable(), public.temp_first(), public.temp_implicit(), public.runs_as_superuser(),
  public.owned_by_bypassrls(), public.owned_by_createrole(), public.owned_by_file_reader(),
  public.owned_by_data_writer(), public.safe_definer() from public;
grant execute on function public.safe_definer() to unsafe_api;
grant execute on function vault.leak() to unsafe_api;
