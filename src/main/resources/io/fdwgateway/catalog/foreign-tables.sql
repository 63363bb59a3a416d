-- Every foreign server, with each of its foreign tables (none: one row with null table), for
-- the body scan and the @foreign-server check of the catalog read. pg_foreign_server and
-- pg_foreign_table are readable without privileges.
select s.srvname::text as server,
       n.nspname::text as schema_name,
       c.relname::text as table_name
from pg_catalog.pg_foreign_server s
left join pg_catalog.pg_foreign_table ft on ft.ftserver = s.oid
left join pg_catalog.pg_class c on c.oid = ft.ftrelid
left join pg_catalog.pg_namespace n on n.oid = c.relnamespace
order by s.srvname, n.nspname, c.relname
