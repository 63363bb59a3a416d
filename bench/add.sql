-- pgbench script: the exact statements the gateway sends for GET /rpc/add?a=1&b=2
-- (io.fdwgateway.call.CallStatements, in the order io.fdwgateway.exec.RunningCall pipelines them;
-- $n are pgbench :variables): the transaction, then the session reset before the connection is reused
\startpipeline
begin read only;
select pg_catalog.set_config('role', :role, true), pg_catalog.set_config('request.jwt.claims', :claims, true), pg_catalog.set_config('request.method', :method, true), pg_catalog.set_config('request.path', :path, true), pg_catalog.set_config('statement_timeout', :timeout, true), pg_catalog.set_config('request.headers', :headers, true), pg_catalog.set_config('request.cookies', :cookies, true);
select case when s.l <= :max::pg_catalog.int8 then pg_catalog.substr(s.j, g.o, 1048576) end, s.l, g.o from (select s.*, pg_catalog.octet_length(s.j) as l from (select pg_catalog.convert_to(pg_catalog.to_json("public"."add"("a" => a."a", "b" => a."b"))::text, 'UTF8') as j from pg_catalog.jsonb_to_record(:args::text::jsonb) as a("a" pg_catalog.int4, "b" pg_catalog.int4) offset 0) as s) as s, pg_catalog.generate_series(1, case when s.l <= :max::pg_catalog.int8 then greatest(s.l, 1) else 1 end, 1048576) as g(o);
select pg_catalog.current_setting('response.status', true), pg_catalog.current_setting('response.headers', true);
commit;
close all;
reset all;
unlisten *;
select pg_catalog.pg_advisory_unlock_all();
discard temp;
discard sequences;
\endpipeline
