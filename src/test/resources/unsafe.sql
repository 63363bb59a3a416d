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
  -- the anonymous role, as the reference database and Supabase name it
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
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

create schema hidden;
grant usage on schema hidden to unsafe_api;                                        -- foreign-schema-privilege
create foreign table hidden.secrets (id text, secret text) server unsafe_server;
grant select (id) on hidden.secrets to unsafe_api;                                 -- foreign-table-privilege (column)

create foreign table public.exposed_secrets (id text) server unsafe_server;       -- foreign-table-in-exposed-schema
create view public.secrets_view as select s.id from hidden.secrets s;              -- view-over-foreign-table
create view public.secrets_view_view as select v.id from public.secrets_view v;   -- ... through another view
create materialized view public.secrets_mv as select s.id from hidden.secrets s with no data;

create view public.secrets_invoker_view with (security_invoker = true)
  as select s.id from hidden.secrets s;                                           -- invoker-view-over-foreign-table

-- outside the exposed schemas: a definer view an API role can select from, directly and through
-- another view (private-view-over-foreign-table); an invoker view and a view in a schema the API
-- role has no USAGE on are the controls
create schema reports;
grant usage on schema reports to unsafe_api;
create view reports.secret_ids as select s.id from hidden.secrets s;
create view reports.secret_ids_again as select x.id from reports.secret_ids x;
create view reports.invoker_ids with (security_invoker = true) as select s.id from hidden.secrets s;
create schema closed;
create view closed.secret_ids as select s.id from hidden.secrets s;
grant select on reports.secret_ids, reports.secret_ids_again, reports.invoker_ids, closed.secret_ids to unsafe_api;

-- a platform schema (gateway.audit.ignore-schemas): a superuser's definer function anyone may call
create schema auth;
grant usage on schema auth to public;
create function auth.platform_uid() returns text
language sql stable security definer set search_path = '' as $$ select 'u' $$;

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
create function hidden.leak() returns setof text
language sql stable security definer set search_path = ''
as $$ select s.secret from hidden.secrets s $$;                                    -- private-definer-executable
-- private definer functions nobody can reach: no USAGE on their schema
create function closed.unreachable() returns int
language sql stable security definer set search_path = '' as $$ select 1 $$;     -- executable, no USAGE: quiet
create function closed.superuser_internal() returns int
language sql stable security definer set search_path = '' as $$ select 1 $$;     -- superuser-owned, unreachable: quiet

-- function-body lints, each with a control that does it right
create function public.search_secrets(prefix text) returns setof text
language sql stable security definer set search_path = ''
as $$ select s.id from hidden.secrets s where s.id like prefix || '%' $$;        -- like-pattern-from-argument
create function public.safe_search(prefix text) returns setof text
language sql stable security definer set search_path = ''
as $$ select s.id from hidden.secrets s where starts_with(s.id, prefix) $$;
create function public.count_rows(tbl text) returns bigint
language plpgsql stable security definer set search_path = ''
as $$
declare
  n bigint;
begin
  execute 'select count(*) from ' || tbl into n;                                -- dynamic-sql-from-argument
  return n;
end
$$;
create function public.safe_count(tbl text, min_key text) returns bigint
language plpgsql stable security definer set search_path = ''
as $$
declare
  n bigint;
begin
  -- 'select ' || tbl in a comment is no statement
  execute format('select count(*) from hidden.%I where id > $1', tbl) into n using min_key;
  return n;
end
$$;
create function public.anon_secrets() returns setof text
language sql stable security definer set search_path = ''
as $$ select s.id from hidden.secrets s $$;                                       -- definer-without-claims-check
create function public.anon_own_secrets() returns setof text
language sql stable security definer set search_path = ''
as $$ select s.id from hidden.secrets s
      where s.id = (pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub') $$;

-- id-like arguments: one callers choose (unbound-id-argument), one bound to the token, one
-- checked against the claims in the body, and a @bind line naming no argument (bind-directive-invalid)
create function public.order_for(customer_id text) returns text
language sql stable security definer set search_path = '' as $$ select customer_id $$;
create function public.bound_order_for(customer_id text) returns text
language sql stable security definer set search_path = '' as $$ select customer_id $$;
comment on function public.bound_order_for(text) is E'Orders of the caller.\n@bind customer_id = claims.sub';
create function public.checked_order_for(owner text) returns text
language sql stable security definer set search_path = ''
as $$ select owner where owner = (pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub') $$;
create function public.bad_bind(account text) returns text
language sql stable security definer set search_path = '' as $$ select account $$;
comment on function public.bad_bind(text) is '@bind acount = claims.sub';

-- @cache lines the gateway does not follow
create function public.cache_vary_leak() returns text
language sql stable security definer set search_path = ''
as $$ select pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'org' $$;
comment on function public.cache_vary_leak() is '@cache 60s vary sub';             -- cache-vary-reads-other-claims
create function public.cache_volatile() returns int
language sql volatile security definer set search_path = '' as $$ select 1 $$;
comment on function public.cache_volatile() is '@cache 60s';                         -- cache-on-volatile
create function public.cache_bad() returns int
language sql stable security definer set search_path = '' as $$ select 1 $$;
comment on function public.cache_bad() is '@cache soon';                             -- cache-directive-invalid

create function public.invoker_fn() returns int
language sql stable as $$ select 1 $$;                                            -- invoker-function-exposed
comment on function public.invoker_fn() is
  E'@frobnicate now\n@foreign-server nowhere';                                    -- directive-unknown, foreign-server-directive-unknown-server
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
alter function hidden.leak() owner to unsafe_owner;
alter function closed.unreachable() owner to unsafe_owner;
alter function public.search_secrets(text) owner to unsafe_owner;
alter function public.safe_search(text) owner to unsafe_owner;
alter function public.count_rows(text) owner to unsafe_owner;
alter function public.safe_count(text, text) owner to unsafe_owner;
alter function public.anon_secrets() owner to unsafe_owner;
alter function public.anon_own_secrets() owner to unsafe_owner;
alter function public.order_for(text) owner to unsafe_owner;
alter function public.bound_order_for(text) owner to unsafe_owner;
alter function public.checked_order_for(text) owner to unsafe_owner;
alter function public.bad_bind(text) owner to unsafe_owner;
alter function public.cache_vary_leak() owner to unsafe_owner;
alter function public.cache_volatile() owner to unsafe_owner;
alter function public.cache_bad() owner to unsafe_owner;
alter function public.safe_definer() owner to unsafe_owner;
revoke execute on function public.hijackable(), public.temp_first(), public.temp_implicit(), public.runs_as_superuser(),
  public.owned_by_bypassrls(), public.owned_by_createrole(), public.owned_by_file_reader(),
  public.owned_by_data_writer(), public.safe_definer(), closed.superuser_internal(), public.search_secrets(text),
  public.safe_search(text), public.count_rows(text), public.safe_count(text, text), public.anon_secrets(),
  public.anon_own_secrets(), public.order_for(text), public.bound_order_for(text), public.checked_order_for(text),
  public.bad_bind(text), public.cache_vary_leak(), public.cache_volatile(), public.cache_bad() from public;
grant execute on function public.safe_definer() to unsafe_api;
grant execute on function hidden.leak(), closed.unreachable() to unsafe_api;
grant execute on function public.search_secrets(text), public.safe_search(text), public.count_rows(text),
  public.safe_count(text, text) to unsafe_api;
grant execute on function public.anon_secrets(), public.anon_own_secrets() to anon;
grant execute on function public.order_for(text), public.bound_order_for(text), public.checked_order_for(text),
  public.bad_bind(text) to unsafe_api;
