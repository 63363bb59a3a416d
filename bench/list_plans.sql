-- pgbench script: the exact statements the gateway sends for GET /rpc/list_plans
-- (io.fdwgateway.call.CallStatements, in the order io.fdwgateway.exec.RunningCall pipelines them;
-- $n are pgbench :variables): the transaction, then the session reset before the connection is reused
\startpipeline
begin read only;
select pg_catalog.set_config('role', :role, true), pg_catalog.set_config('request.jwt.claims', :claims, true), pg_catalog.set_config('request.method', :method, true), pg_catalog.set_config('request.path', :path, true), pg_catalog.set_config('statement_timeout', :timeout, true), pg_catalog.set_config('request.headers', :headers, true), pg_catalog.set_config('request.cookies', :cookies, true);
select case when pg_catalog.octet_length(s.j) <= :max::pg_catalog.int8 then s.j end, pg_catalog.octet_length(s.j) from (select pg_catalog.convert_to(coalesce(pg_catalog.json_agg(r), '[]'::pg_catalog.json)::text, 'UTF8') as j from "public"."list_plans"() as r offset 0) as s;
select pg_catalog.current_setting('response.status', true), pg_catalog.current_setting('response.headers', true);
commit;
close all;
reset all;
unlisten *;
select pg_catalog.pg_advisory_unlock_all();
discard temp;
discard sequences;
\endpipeline
