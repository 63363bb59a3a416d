-- fdw-gateway reference database, part 1: the database that plays Stripe's products API.
-- Run as a superuser, connected to database stripe_api.
-- The names below contain % and _ on purpose: a LIKE-based prefix filter would leak them.

create table public.products (
  id            text primary key,
  name          text not null,
  active        boolean not null default true,
  default_price text,
  description   text
);

insert into public.products (id, name, active, default_price, description) values
  ('prod_001', 'Basic plan',        true,  'price_basic',   'Entry tier'),
  ('prod_002', 'Basic plan yearly', true,  'price_basic_y', 'Entry tier, billed yearly'),
  ('prod_003', 'Pro plan',          true,  'price_pro',     'For growing teams'),
  ('prod_004', 'Pro plan (legacy)', false, 'price_pro_old', 'No longer sold'),
  ('prod_005', 'Enterprise',        true,  null,            'Contact sales'),
  ('prod_006', '100% uptime add-on', true, 'price_uptime',  'A name with a percent sign'),
  ('prod_007', 'snake_case widget', true,  'price_snake',   'A name with an underscore'),
  ('prod_008', 'Zeta',              true,  'price_zeta',    null);

grant usage on schema public to stripe_api_reader;
grant select on public.products to stripe_api_reader;
