-- pgbench script: the exact transaction the gateway sends for GET /rpc/list_plans
-- (io.fdwgateway.call.CallStatements + io.fdwgateway.call.SqlBuilder; $n are pgbench :variables)
BEGIN READ ONLY;
select pg_catalog.set_config('role', :role, true), pg_catalog.set_config('request.jwt.claims', :claims, true), pg_catalog.set_config('request.method', :method, true), pg_catalog.set_config('request.path', :path, true), pg_catalog.set_config('statement_timeout', :timeout, true);
select coalesce(pg_catalog.json_agg(r), '[]'::pg_catalog.json)::text from "public"."list_plans"() as r;
COMMIT;
