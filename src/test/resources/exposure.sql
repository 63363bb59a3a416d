-- A database for the exposure graph's tests (ExposureCommandIT): one served function per way the
-- gateway learns that a function reaches a foreign server (pg_depend, a body scan, a
-- @foreign-server line, untagged dynamic SQL), and per way a role may execute it (a grant to the
-- role, to PUBLIC, to a role it inherits from). Run as a superuser in a fresh database, after
-- the reference database created anon and authenticated.
do $$
begin
  if not exists (select from pg_roles where rolname = 'exposure_owner') then
    create role exposure_owner nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'exposure_group') then
    create role exposure_group nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'exposure_user') then
    create role exposure_user nologin inherit;
  end if;
end
$$;
grant exposure_group to exposure_user;
revoke create on schema public from public;
grant usage on schema public to anon, authenticated, exposure_user;

create extension postgres_fdw;
create server warehouse_server foreign data wrapper postgres_fdw
  options (host '127.0.0.1', port '1', dbname 'nowhere', connect_timeout '2');
create server billing_server foreign data wrapper postgres_fdw
  options (host '127.0.0.1', port '1', dbname 'nowhere', connect_timeout '2');
create user mapping for exposure_owner server warehouse_server options (user 'nobody', password_required 'false');
create user mapping for exposure_owner server billing_server options (user 'nobody', password_required 'false');
create schema priv;
revoke all on schema priv from public;
create foreign table priv.items (id text) server warehouse_server;
create foreign table priv.invoices (id text) server billing_server;
grant usage on schema priv to exposure_owner;
grant select on priv.items, priv.invoices to exposure_owner;

-- pg_depend: a SQL-standard body records what it reads
-- (inside a DO block: the JDBC driver that loads this file would split the body at its semicolon)
do $do$
begin
  execute $f$
    create function public.atomic_items() returns setof text
    language sql stable security definer set search_path = ''
    begin atomic
      select i.id from priv.items i;
    end
  $f$;
end
$do$;

-- the body scan: a schema-qualified foreign table in a PL/pgSQL body
create function public.body_invoices() returns setof text
language plpgsql stable security definer set search_path = ''
as $$ begin return query select v.id from priv.invoices v; end $$;

-- dynamic SQL with a @foreign-server line: the server the line names
create function public.tagged_report(tbl text) returns bigint
language plpgsql stable security definer set search_path = ''
as $$
declare
  n bigint;
begin
  execute pg_catalog.format('select count(*) from priv.%I', tbl) into n;
  return n;
end
$$;
comment on function public.tagged_report(text) is E'Counts rows of a billing table.\n@foreign-server billing_server';

-- dynamic SQL without one: server "unknown"
create function public.untagged_run(tbl text) returns bigint
language plpgsql stable security definer set search_path = ''
as $$
declare
  n bigint;
begin
  execute pg_catalog.format('select count(*) from priv.%I', tbl) into n;
  return n;
end
$$;

-- reaches nothing foreign: no path
create function public.local_only() returns int
language sql stable security definer set search_path = '' as $$ select 1 $$;

-- executable by PUBLIC (Postgres' default, not revoked): every API role
create function public.public_items() returns setof text
language sql stable security definer set search_path = ''
as $$ select i.id from priv.items i $$;

do $$
declare
  f regprocedure;
begin
  for f in select p.oid::regprocedure from pg_catalog.pg_proc p
           join pg_catalog.pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
  loop
    execute format('alter function %s owner to exposure_owner', f);
  end loop;
end
$$;
revoke execute on function public.atomic_items(), public.body_invoices(), public.tagged_report(text),
  public.untagged_run(text), public.local_only() from public;
grant execute on function public.atomic_items(), public.local_only() to anon;
grant execute on function public.body_invoices() to exposure_group;
grant execute on function public.tagged_report(text), public.untagged_run(text) to authenticated;
