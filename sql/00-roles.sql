-- fdw-gateway reference database, part 0: cluster-wide roles.
-- Idempotent: roles are shared by every database of a cluster, so this file may run
-- against a server that already has them. Run as a superuser.

do $$
begin
  -- API roles: the only roles the gateway ever switches to. They cannot log in.
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit;
  end if;

  -- The gateway's login role: NOINHERIT, so it holds no privilege of its own until it
  -- switches role; neither superuser nor BYPASSRLS (the gateway refuses to start otherwise).
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit nosuperuser nobypassrls nocreaterole nocreatedb;
  end if;

  -- Owner of every SECURITY DEFINER function: not a superuser, so a definer function
  -- runs with exactly the privileges granted here and nothing more.
  if not exists (select from pg_roles where rolname = 'api_definer') then
    create role api_definer nologin nosuperuser nobypassrls;
  end if;

  -- The account the "Stripe" side hands out: what postgres_fdw logs in as.
  if not exists (select from pg_roles where rolname = 'stripe_api_reader') then
    create role stripe_api_reader login nosuperuser nobypassrls;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
