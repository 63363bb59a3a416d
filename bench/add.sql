-- pgbench script: the exact transaction the gateway sends for GET /rpc/add?a=1&b=2
-- (io.fdwgateway.call.CallStatements + io.fdwgateway.call.SqlBuilder; $n are pgbench :variables)
BEGIN READ ONLY;
select pg_catalog.set_config('role', :role, true), pg_catalog.set_config('request.jwt.claims', :claims, true), pg_catalog.set_config('request.method', :method, true), pg_catalog.set_config('request.path', :path, true), pg_catalog.set_config('statement_timeout', :timeout, true);
select pg_catalog.to_json("public"."add"("a" => a."a", "b" => a."b"))::text from pg_catalog.jsonb_to_record(:args::text::jsonb) as a("a" pg_catalog.int4, "b" pg_catalog.int4);
COMMIT;
