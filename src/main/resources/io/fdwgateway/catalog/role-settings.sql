-- Each role's own settings (ALTER ROLE … SET, and ALTER ROLE … IN DATABASE … SET for the
-- database the gateway serves), for the per-role statement timeout. pg_db_role_setting is
-- readable without privileges. Rows for all databases come first, so the database's own win.
select r.rolname::text as role_name, s.setconfig as settings
from pg_catalog.pg_db_role_setting s
join pg_catalog.pg_roles r on r.oid = s.setrole
where s.setdatabase = 0
   or s.setdatabase = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())
order by r.rolname, s.setdatabase <> 0
