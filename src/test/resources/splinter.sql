-- Fixtures in the shape of Supabase's database linter (splinter) lints 0010, 0011, 0016, 0017,
-- 0028 and 0029, written for fdw-gateway's comparison test (SplinterComparisonTest). A stock
-- Supabase project: API roles anon, authenticated and service_role; user objects owned by a
-- role that is not a superuser (here splinter_owner); default privileges that grant new
-- functions and tables in public to the API roles; platform schemas owned by a superuser.
-- Run as a superuser in a fresh database, after the reference database created the API roles.
do $$
begin
  if not exists (select from pg_roles where rolname = 'splinter_owner') then
    create role splinter_owner nologin;
  end if;
end
$$;

-- Supabase's default privileges on public
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant execute on functions to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

create extension postgres_fdw;
create server splinter_server foreign data wrapper postgres_fdw
  options (host '127.0.0.1', port '1', dbname 'nowhere', connect_timeout '2');
create user mapping for splinter_owner server splinter_server options (user 'nobody', password_required 'false');
create schema billing;
create foreign table billing.invoices (id text, customer text, total numeric) server splinter_server;
grant usage on schema billing to splinter_owner;
grant select on billing.invoices to splinter_owner;
create table public.notes (id int, body text);

-- 0017 foreign_table_in_api: a foreign table in the exposed schema, granted by default privileges
create foreign table public.api_invoices (id text, total numeric) server splinter_server;

-- 0010 security_definer_view: views in the exposed schema without security_invoker
create view public.invoice_view as select i.id, i.total from billing.invoices i;
create view public.notes_view as select n.id from public.notes n;
create view public.invoice_invoker_view with (security_invoker = true) as select i.id from billing.invoices i;

-- 0016 materialized_view_in_api
create materialized view public.invoice_totals as select i.customer, i.total from billing.invoices i with no data;
create materialized view public.note_count as select pg_catalog.count(*) as n from public.notes with no data;

-- 0011 function_search_path_mutable
create function public.mutable_definer() returns int
language sql stable security definer as $$ select 1 $$;
create function public.mutable_invoker() returns int
language sql stable as $$ select 1 $$;
create function public.path_public() returns int
language sql stable security definer set search_path = public as $$ select 1 $$;

-- 0028 anon_security_definer_function_executable: executable by anon through the default privileges
create function public.invoice_total(invoice_id text) returns numeric
language sql stable security definer set search_path = ''
as $$ select i.total from billing.invoices i where i.id = invoice_id $$;

-- 0029 authenticated_security_definer_function_executable: anon's grant taken back
create function public.my_invoices() returns setof text
language sql stable security definer set search_path = ''
as $$ select i.id from billing.invoices i
      where i.customer = (pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub') $$;
revoke execute on function public.my_invoices() from anon, public;

do $$
declare
  f regprocedure;
begin
  for f in select p.oid::regprocedure from pg_catalog.pg_proc p
           join pg_catalog.pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
  loop
    execute format('alter function %s owner to splinter_owner', f);
  end loop;
end
$$;
alter view public.invoice_view owner to splinter_owner;
alter view public.invoice_invoker_view owner to splinter_owner;
alter materialized view public.invoice_totals owner to splinter_owner;

-- a platform schema as Supabase ships it: superuser-owned definer functions anyone may call
create schema auth;
grant usage on schema auth to anon, authenticated, service_role;
create function auth.uid() returns text
language sql stable security definer set search_path = ''
as $$ select pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub' $$;
grant execute on function auth.uid() to anon, authenticated, service_role;
