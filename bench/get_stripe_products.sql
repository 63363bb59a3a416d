-- pgbench script: the exact transaction the gateway sends for GET /rpc/get_stripe_products?name_prefix=Pro
-- (io.fdwgateway.call.CallStatements + io.fdwgateway.call.SqlBuilder; $n are pgbench :variables)
BEGIN READ ONLY;
select pg_catalog.set_config('role', :role, true), pg_catalog.set_config('request.jwt.claims', :claims, true), pg_catalog.set_config('request.method', :method, true), pg_catalog.set_config('request.path', :path, true), pg_catalog.set_config('statement_timeout', :timeout, true);
select coalesce(pg_catalog.json_agg(r), '[]'::pg_catalog.json)::text from pg_catalog.jsonb_to_record(:args::text::jsonb) as a("name_prefix" pg_catalog.text), lateral "public"."get_stripe_products"("name_prefix" => a."name_prefix") as r;
COMMIT;
