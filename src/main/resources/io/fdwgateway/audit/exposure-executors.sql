-- Which API roles ($2) may call which served functions ($1, oids): EXECUTE, through a grant to
-- the role, to PUBLIC or to a role whose privileges it inherits, and USAGE on the schema.
select r.rolname::text as role, p.oid::bigint as oid
from pg_catalog.pg_proc p
join pg_catalog.pg_roles r on r.rolname = any ($2::text[])
where p.oid = any ($1::bigint[]::oid[])
  and pg_catalog.has_function_privilege(r.oid, p.oid, 'EXECUTE')
  and pg_catalog.has_schema_privilege(r.oid, p.pronamespace, 'USAGE')
