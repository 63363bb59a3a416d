-- fdw-gateway reference database, part 2: the database the gateway serves.
-- Run as a superuser, connected to database fdw_gateway, after 00-roles.sql and after
-- 10-stripe-api.sql has loaded database stripe_api on the same server.
--
-- Layout
--   stripe  private schema: foreign tables from the "Stripe" database (postgres_fdw)
--   app     private schema: local tables
--   public  exposed schema: SECURITY DEFINER functions, the only thing the gateway serves
--   gateway_admin  not exposed: the event trigger that tells the gateway to reload

revoke create on schema public from public;
alter default privileges revoke execute on functions from public;

------------------------------------------------------------------------------------------
-- Foreign data: "Stripe" reached through postgres_fdw
------------------------------------------------------------------------------------------
create extension if not exists postgres_fdw;

-- The foreign server is this same Postgres instance, whatever port it listens on.
-- connect_timeout: postgres_fdw cannot interrupt a connection attempt, so without one a server
-- that accepts TCP and never answers would hold calls past every statement timeout.
do $$
begin
  execute format(
    'create server stripe_server foreign data wrapper postgres_fdw options (host %L, port %L, dbname %L, connect_timeout %L)',
    '127.0.0.1', current_setting('port'), 'stripe_api', '5');
end
$$;

-- A server nobody listens on: what the gateway answers when the upstream is down.
create server stripe_offline foreign data wrapper postgres_fdw
  options (host '127.0.0.1', port '1', dbname 'stripe_api', connect_timeout '2');

-- Only the definer role gets a user mapping. Under trust auth a non-superuser mapping
-- needs password_required 'false', which only a superuser may set.
create user mapping for api_definer server stripe_server
  options (user 'stripe_api_reader', password_required 'false');
create user mapping for api_definer server stripe_offline
  options (user 'stripe_api_reader', password_required 'false');

create schema stripe;
revoke all on schema stripe from public;

create foreign table stripe.stripe_products (
  id            text,
  name          text,
  active        boolean,
  default_price text,
  description   text
) server stripe_server options (schema_name 'public', table_name 'products');

create foreign table stripe.offline_products (
  id   text,
  name text
) server stripe_offline options (schema_name 'public', table_name 'products');

grant usage on schema stripe to api_definer;
grant select on stripe.stripe_products, stripe.offline_products to api_definer;

------------------------------------------------------------------------------------------
-- Local data
------------------------------------------------------------------------------------------
create schema app;
revoke all on schema app from public;

create table app.plans (
  id          int primary key,
  name        text not null,
  monthly_eur numeric(10, 2) not null
);
insert into app.plans
select g, 'Plan ' || g, g * 9.5 from generate_series(1, 10) g;

create table app.orders (
  id         int primary key,
  owner_sub  text not null,
  item       text not null,
  amount     numeric(10, 2) not null,
  created_at timestamptz not null
);
insert into app.orders values
  (1, 'alice', 'Basic plan',  9.50, '2026-01-05T10:00:00Z'),
  (2, 'alice', 'Pro plan',   29.00, '2026-02-05T10:00:00Z'),
  (3, 'bob',   'Enterprise', 990.00, '2026-03-05T10:00:00Z');

create table app.events (
  id      bigint generated always as identity primary key,
  kind    text not null,
  payload jsonb not null,
  actor   text
);

create table app.visits (
  page text not null,
  at   timestamptz not null default now()
);

grant usage on schema app to api_definer;
grant select on app.plans, app.orders to api_definer;
grant select, insert on app.events, app.visits to api_definer;

------------------------------------------------------------------------------------------
-- Exposed functions
------------------------------------------------------------------------------------------

-- The seed's example, made safe: qualified columns (an unqualified "id" is ambiguous with
-- the output column and fails with 42702) and a prefix test that treats % and _ literally.
create function public.get_stripe_products(name_prefix text)
returns table (id text, name text, active boolean, default_price text, description text)
language sql stable security definer set search_path = ''
as $$
  select p.id, p.name, p.active, p.default_price, p.description
  from stripe.stripe_products p
  where starts_with(p.name, name_prefix)
  order by p.id
$$;
comment on function public.get_stripe_products(text) is
  'Stripe products whose name starts with name_prefix (taken literally, no wildcards).';

-- Same upstream, but its foreign server is down: the gateway answers 502.
create function public.get_offline_products()
returns table (id text, name text)
language sql stable security definer set search_path = ''
as $$ select o.id, o.name from stripe.offline_products o $$;

-- Filters on the verified caller: the token's sub claim, as the gateway sets it.
create function public.my_orders()
returns table (id int, item text, amount numeric, created_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select o.id, o.item, o.amount, o.created_at
  from app.orders o
  where o.owner_sub = (pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub')
  order by o.id
$$;
comment on function public.my_orders() is 'Orders of the calling user (token sub claim).';

-- What the database sees of the call: role, claims, method and path.
create function public.whoami()
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'role',   pg_catalog.current_setting('role'),
    'sub',    pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub',
    'claims', pg_catalog.current_setting('request.jwt.claims', true)::jsonb,
    'method', pg_catalog.current_setting('request.method', true),
    'path',   pg_catalog.current_setting('request.path', true),
    'statement_timeout', pg_catalog.current_setting('statement_timeout'),
    'read_only', pg_catalog.current_setting('transaction_read_only'))
$$;

-- About ten rows from a local table; callable without a token.
create function public.list_plans()
returns table (id int, name text, monthly_eur numeric)
language sql stable security definer set search_path = ''
as $$ select p.id, p.name, p.monthly_eur from app.plans p order by p.id $$;
comment on function public.list_plans() is 'The public price list.';

-- Scalar, immutable, with a default.
create function public.add(a int, b int default 0)
returns int
language sql immutable security definer set search_path = ''
as $$ select a + b $$;

-- Set of scalars.
create function public.product_ids()
returns setof text
language sql stable security definer set search_path = ''
as $$ select p.id from stripe.stripe_products p order by p.id $$;

-- Composite (one row, not a set).
create type public.products_summary as (total int, active int);
create function public.stripe_summary()
returns public.products_summary
language sql stable security definer set search_path = ''
as $$
  select pg_catalog.count(*)::int, pg_catalog.count(*) filter (where p.active)::int
  from stripe.stripe_products p
$$;

-- Every supported argument type, each with a default; echoes what Postgres received.
create function public.echo_types(
  i    int         default 1,
  n    numeric     default 1.5,
  b    boolean     default false,
  d    date        default '2024-01-01',
  ts   timestamptz default '2024-01-01T00:00:00Z',
  u    uuid        default '00000000-0000-0000-0000-000000000000',
  tags text[]      default '{}',
  doc  jsonb       default '{}')
returns table (i int, n numeric, b boolean, d date, ts timestamptz, u uuid, tags text[], doc jsonb)
language sql immutable security definer set search_path = ''
as $$ select i, n, b, d, ts, u, tags, doc $$;

-- VOLATILE: POST only; a GET answers 405.
create function public.record_event(kind text, payload jsonb default '{}')
returns bigint
language sql volatile security definer set search_path = ''
as $$
  insert into app.events (kind, payload, actor)
  values (kind, payload, pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub')
  returning id
$$;

-- void: answers 204.
create function public.log_visit(page text default 'home')
returns void
language sql volatile security definer set search_path = ''
as $$ insert into app.visits (page) values (page) $$;

-- Raises with a hint: the message is the function author's and reaches the client.
create function public.check_quota(amount int)
returns int
language plpgsql immutable security definer set search_path = ''
as $$
begin
  if amount > 100 then
    raise exception 'quota exceeded: % requested, 100 allowed', amount
      using hint = 'Ask for a quota increase.';
  end if;
  return amount;
end
$$;

-- Raises any SQLSTATE, so tests can walk the whole SQLSTATE -> HTTP table.
create function public.raise_error(sqlstate text, message text default 'raised on request')
returns void
language plpgsql immutable security definer set search_path = ''
as $$
begin
  raise exception using errcode = sqlstate, message = message, hint = 'hint for ' || sqlstate;
end
$$;

-- Slow on demand: the gateway's statement timeout turns a long sleep into 504.
create function public.slow(seconds numeric default 1)
returns text
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform pg_catalog.pg_sleep(seconds);
  return 'done';
end
$$;

-- Overloads, told apart by their argument names.
create function public.lookup(id int)
returns text
language sql immutable security definer set search_path = ''
as $$ select 'by id ' || id $$;
create function public.lookup(name text)
returns text
language sql immutable security definer set search_path = ''
as $$ select 'by name ' || name $$;

-- Only service_role may call this one: authenticated gets 403, anonymous 401.
create function public.admin_stats()
returns jsonb
language sql stable security definer set search_path = ''
as $$ select pg_catalog.jsonb_build_object('events', (select pg_catalog.count(*) from app.events)) $$;

-- Variadic: the array is passed whole, by name (variadic words => …).
create function public.join_words(separator text, variadic words text[])
returns text
language sql immutable security definer set search_path = ''
as $$ select pg_catalog.array_to_string(words, separator) $$;

------------------------------------------------------------------------------------------
-- Careless functions: what a database author may write, and the gateway must survive
------------------------------------------------------------------------------------------

create table app.ledger_notes (
  id        bigint generated always as identity primary key,
  owner_sub text not null,
  note      text not null
);
create table app.usernames (
  name      text primary key,
  owner_sub text not null
);
create sequence app.tickets;
grant select, insert on app.ledger_notes, app.usernames to api_definer;
grant usage on sequence app.tickets to api_definer;

-- Leaves state in the pooled session: a session-level setting, the time zone and a session
-- advisory lock. The gateway resets the session after every call, so no later caller sees them.
create function public.leave_session_state(value text)
returns text
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform pg_catalog.set_config('app.left_behind', value, false);
  perform pg_catalog.set_config('TimeZone', 'Pacific/Chatham', false);
  perform pg_catalog.pg_advisory_lock(4242);
  return value;
end
$$;

-- Leaves a temporary table with a value in it in the pooled session.
create function public.leave_temp_table(value text)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  create temporary table left_behind as select value as secret;
end
$$;

-- What a caller can see of the session it was given.
create function public.session_state()
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'left_behind', pg_catalog.current_setting('app.left_behind', true),
    'time_zone', pg_catalog.current_setting('TimeZone'),
    'advisory_locks', (select pg_catalog.count(*) from pg_catalog.pg_locks l
                       where l.locktype = 'advisory' and l.pid = pg_catalog.pg_backend_pid()),
    'temp_tables', (select pg_catalog.count(*) from pg_catalog.pg_class c
                    where c.relnamespace = pg_catalog.pg_my_temp_schema()),
    'backend', pg_catalog.pg_backend_pid())
$$;

-- Waits while another session holds advisory lock "key": keeps a connection busy for exactly
-- as long as a test chooses.
create function public.wait_for_lock(key bigint)
returns text
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform pg_catalog.pg_advisory_xact_lock_shared(key);
  return 'unlocked';
end
$$;

-- A NOT NULL violation inside the body: Postgres' message names the private table.
create function public.add_ledger_note(note text default null)
returns void
language sql volatile security definer set search_path = ''
as $$
  insert into app.ledger_notes (owner_sub, note)
  values (coalesce(pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub', 'anon'), note)
$$;

-- A cast of a stored foreign value inside the body: Postgres' message quotes that value.
create function public.product_tier(product text)
returns int
language sql stable security definer set search_path = ''
as $$ select p.description::int from stripe.stripe_products p where p.id = product $$;

-- A unique violation inside the body: answered 409, naming the constraint only.
create function public.claim_username(name text)
returns void
language sql volatile security definer set search_path = ''
as $$
  insert into app.usernames (name, owner_sub)
  values (name, coalesce(pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub', 'anon'))
$$;

-- Declared STABLE but writes: nextval cannot run in the read-only transaction a STABLE
-- function gets, so the call answers 405 (SQLSTATE 25006) with the function's verbs.
create function public.next_ticket()
returns bigint
language sql stable security definer set search_path = ''
as $$ select pg_catalog.nextval('app.tickets') $$;

-- Overloads Postgres cannot choose between: {"a": …} fits the served pick(a, b) and also
-- pick(a, text), which the gateway does not serve (its second argument has no name):
-- SQLSTATE 42725 answers 400.
create function public.pick(a int, b int default 0)
returns int
language sql immutable security definer set search_path = ''
as $$ select a + b $$;
create function public.pick(a int, text default 'c')
returns text
language sql immutable security definer set search_path = ''
as $$ select $2 $$;

------------------------------------------------------------------------------------------
-- Decoys: never served
------------------------------------------------------------------------------------------

-- Exposed schema, but SECURITY INVOKER: not served even though authenticated may execute it.
create function public.invoker_decoy()
returns text
language sql stable
as $$ select 'invoker functions are not served' $$;

-- A single unnamed parameter takes the whole request body (PostgREST's raw bodies): JSON for
-- json/jsonb, text/plain for text, application/octet-stream for bytea.
create function public.raw_json(jsonb)
returns jsonb
language sql immutable security definer set search_path = ''
as $$ select pg_catalog.jsonb_build_object('got', $1) $$;
create function public.raw_text(text)
returns text
language sql immutable security definer set search_path = ''
as $$ select 'got ' || pg_catalog.length($1)::text || ' characters: ' || $1 $$;
create function public.raw_bytes(bytea)
returns text
language sql immutable security definer set search_path = ''
as $$ select pg_catalog.length($1)::text || ' bytes, sha256 ' || pg_catalog.encode(pg_catalog.sha256($1), 'hex') $$;

-- SECURITY DEFINER, but in the private schema: not served.
create function stripe.internal_all_products()
returns setof text
language sql stable security definer set search_path = ''
as $$ select p.id from stripe.stripe_products p $$;

------------------------------------------------------------------------------------------
-- Ownership and grants
------------------------------------------------------------------------------------------
do $$
declare
  f regprocedure;
begin
  for f in
    select p.oid::regprocedure
    from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'stripe') and p.prosecdef
  loop
    execute format('alter function %s owner to api_definer', f);
    execute format('revoke execute on function %s from public', f);
  end loop;
end
$$;

grant usage on schema public to anon, authenticated, service_role;

grant execute on function public.list_plans(), public.add(int, int) to anon, authenticated, service_role;
grant execute on function
  public.get_stripe_products(text),
  public.get_offline_products(),
  public.my_orders(),
  public.whoami(),
  public.product_ids(),
  public.stripe_summary(),
  public.echo_types(int, numeric, boolean, date, timestamptz, uuid, text[], jsonb),
  public.record_event(text, jsonb),
  public.log_visit(text),
  public.check_quota(int),
  public.raise_error(text, text),
  public.slow(numeric),
  public.lookup(int),
  public.lookup(text),
  public.join_words(text, text[]),
  public.leave_session_state(text),
  public.leave_temp_table(text),
  public.session_state(),
  public.wait_for_lock(bigint),
  public.add_ledger_note(text),
  public.product_tier(text),
  public.claim_username(text),
  public.next_ticket(),
  public.pick(int, int),
  public.raw_json(jsonb),
  public.raw_text(text),
  public.raw_bytes(bytea)
to authenticated, service_role;
grant execute on function public.whoami() to anon;
grant execute on function public.admin_stats() to service_role;
grant execute on function public.invoker_decoy() to authenticated;

------------------------------------------------------------------------------------------
-- Reload: tell the gateway after every DDL command
------------------------------------------------------------------------------------------
create schema gateway_admin;
revoke all on schema gateway_admin from public;

-- Temporary objects are skipped: they belong to one session, are never served, and any role
-- with TEMP may create them, which would otherwise make every gateway reload. A DROP is judged
-- by the sql_drop event alone (its ddl_command_end lists no objects).
create function gateway_admin.notify_reload()
returns event_trigger
language plpgsql
as $$
begin
  if tg_event = 'sql_drop' then
    if exists (select from pg_catalog.pg_event_trigger_dropped_objects() o where not o.is_temporary) then
      notify fdw_gateway, 'reload';
    end if;
  elsif tg_tag not like 'DROP %'
    and (exists (select from pg_catalog.pg_event_trigger_ddl_commands() c where c.schema_name is distinct from 'pg_temp')
         or not exists (select from pg_catalog.pg_event_trigger_ddl_commands())) then
    notify fdw_gateway, 'reload';
  end if;
end
$$;

create event trigger fdw_gateway_reload_ddl on ddl_command_end
  execute function gateway_admin.notify_reload();
create event trigger fdw_gateway_reload_drop on sql_drop
  execute function gateway_admin.notify_reload();
