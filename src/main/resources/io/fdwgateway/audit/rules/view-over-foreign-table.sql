-- Views and materialized views that read a foreign table, directly or through other views.
-- Whose privileges (and user mapping) reach the foreign table depends on the views on the way:
-- the first view that is not security_invoker, walking down from the view queried, reads
-- everything below it as its owner; a path of security_invoker views only reads as the role
-- that queries it. A materialized view is filled by its owner, so it counts as a definer view.
--   view-over-foreign-table          definer path, view in an exposed schema
--   invoker-view-over-foreign-table  security_invoker path, view in an exposed schema
--   private-view-over-foreign-table  definer path, view outside the exposed schemas that an
--                                    API role or PUBLIC can select from (schema USAGE + SELECT)
with recursive params as (select $1::text[] as exposed, $2::text[] as api_roles, $3::text[] as ignored),
who(name) as (
  select 'public'
  union all
  select r.rolname::text from params, pg_catalog.pg_roles r where r.rolname = any (params.api_roles)
),
views as (
  select c.oid, c.relkind,
         c.relkind = 'v' and coalesce((select o.option_value::boolean
                                        from pg_catalog.pg_options_to_table(c.reloptions) o
                                        where o.option_name = 'security_invoker'), false) as invoker
  from pg_catalog.pg_class c
  where c.relkind in ('v', 'm')
),
reads(view_oid, rel_oid) as (
  select distinct r.ev_class, d.refobjid
  from pg_catalog.pg_rewrite r
  join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass and d.objid = r.oid
   and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.refobjid <> r.ev_class
),
-- definer: some view on the path from view_oid down to rel_oid reads as its owner
reach(view_oid, rel_oid, definer) as (
  select reads.view_oid, reads.rel_oid, not v.invoker
  from reads join views v on v.oid = reads.view_oid
  union
  select reach.view_oid, reads.rel_oid, reach.definer or not v.invoker
  from reach
  join views v on v.oid = reach.rel_oid
  join reads on reads.view_oid = reach.rel_oid
),
found as (
  select v.oid, v.relkind, v.relnamespace, n.nspname, v.relname, reach.definer,
         n.nspname = any (params.exposed) as exposed,
         n.nspname = any (params.ignored) as ignored,
         case v.relkind when 'm' then 'materialized view' else 'view' end as kind,
         pg_catalog.string_agg(distinct pg_catalog.format('%I.%I', fn.nspname, f.relname), ', ') as tables
  from params, reach
  join pg_catalog.pg_class v on v.oid = reach.view_oid
  join pg_catalog.pg_namespace n on n.oid = v.relnamespace
  join pg_catalog.pg_class f on f.oid = reach.rel_oid
  join pg_catalog.pg_namespace fn on fn.oid = f.relnamespace
  where f.relkind = 'f'
  group by v.oid, v.relkind, v.relnamespace, n.nspname, v.relname, reach.definer, params.exposed, params.ignored
),
move(oid, sql) as (
  select found.oid,
         pg_catalog.format('create schema if not exists fdw_private; revoke all on schema fdw_private from public; '
                           'alter %s %I.%I set schema fdw_private;', found.kind, found.nspname, found.relname)
  from found
)
select 'view-over-foreign-table' as rule_id,
       pg_catalog.format('%s %I.%I (reads %s)', found.kind, found.nspname, found.relname, found.tables) as object,
       null::bigint as function_oid,
       move.sql as fix
from found join move on move.oid = found.oid
where found.exposed and found.definer
union all
select 'invoker-view-over-foreign-table',
       pg_catalog.format('view %I.%I (security_invoker, reads %s)', found.nspname, found.relname, found.tables),
       null::bigint,
       move.sql
from found join move on move.oid = found.oid
where found.exposed and not found.definer
union all
select 'private-view-over-foreign-table',
       pg_catalog.format('%s %I.%I (reads %s; selectable by %s)', found.kind, found.nspname, found.relname, found.tables,
                         pg_catalog.string_agg(pg_catalog.quote_ident(who.name), ', ' order by who.name)),
       null::bigint,
       pg_catalog.format('revoke select on %I.%I from %s;', found.nspname, found.relname,
                         pg_catalog.string_agg(pg_catalog.quote_ident(who.name), ', ' order by who.name))
         || case when found.relkind = 'v'
                 then pg_catalog.format(' -- or, to read with the caller''s privileges: alter view %I.%I set (security_invoker = true);',
                                        found.nspname, found.relname)
                 else '' end
from found
join who on pg_catalog.has_schema_privilege(who.name, found.relnamespace, 'USAGE')
        and pg_catalog.has_table_privilege(who.name, found.oid, 'SELECT')
where not found.exposed and not found.ignored and found.definer
group by found.oid, found.kind, found.relkind, found.nspname, found.relname, found.tables
