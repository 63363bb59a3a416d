-- Views and materialized views in an exposed schema that read a foreign table, directly or
-- through other views: a view runs with its owner's privileges, around every definer function.
with recursive params as (select $1::text[] as exposed, $2::text[] as api_roles),
reads(view_oid, rel_oid) as (
  select distinct r.ev_class, d.refobjid
  from pg_catalog.pg_rewrite r
  join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass and d.objid = r.oid
   and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.refobjid <> r.ev_class
),
reach(view_oid, rel_oid) as (
  select view_oid, rel_oid from reads
  union
  select reach.view_oid, reads.rel_oid from reach join reads on reads.view_oid = reach.rel_oid
)
select 'view-over-foreign-table' as rule_id,
       pg_catalog.format('%s %I.%I (reads %s)', case v.relkind when 'm' then 'materialized view' else 'view' end,
                         n.nspname, v.relname,
                         pg_catalog.string_agg(distinct pg_catalog.format('%I.%I', fn.nspname, f.relname), ', ')) as object,
       null::bigint as function_oid,
       pg_catalog.format('create schema if not exists fdw_private; revoke all on schema fdw_private from public; '
                         'alter %s %I.%I set schema fdw_private;',
                         case v.relkind when 'm' then 'materialized view' else 'view' end, n.nspname, v.relname) as fix
from params, reach
join pg_catalog.pg_class v on v.oid = reach.view_oid
join pg_catalog.pg_namespace n on n.oid = v.relnamespace
join pg_catalog.pg_class f on f.oid = reach.rel_oid
join pg_catalog.pg_namespace fn on fn.oid = f.relnamespace
where v.relkind in ('v', 'm')
  and f.relkind = 'f'
  and n.nspname = any (params.exposed)
group by v.relkind, n.nspname, v.relname
