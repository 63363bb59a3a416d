-- Every routine of the exposed schemas ($1, in order), one row each: schema, name, whether it
-- may be served (a SECURITY DEFINER plain function, not an aggregate, window function or
-- procedure, not a member of an extension) and, for those, a JSON document built by Postgres.
-- The others are listed too: the first schema with a routine of a name owns that name, served
-- or not.
-- btree_default: the input types of btree's default operator classes, read once (a type is
-- comparable when its base or element type is one of them, enums through anyenum); a lookup
-- per argument instead cost as much as the rest of this query at 2,000 functions.
with btree_default as materialized (
  select oc.opcintype
  from pg_catalog.pg_opclass oc
  join pg_catalog.pg_am am on am.oid = oc.opcmethod
  where am.amname = 'btree' and oc.opcdefault
),
-- ty: every type's SQL spelling (quoted, schema-qualified; arrays as element[]) and whether it is
-- comparable: a domain's base type, or an array's element type, has a default btree operator class
-- (enums through anyenum), so that =, < and order by apply to it.
ty as not materialized (
  select t.oid,
         case when et.oid is not null
              then pg_catalog.quote_ident(etn.nspname) || '.' || pg_catalog.quote_ident(et.typname) || '[]'
              else pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.typname) end as sql_type,
         coalesce(bt.oid in (select b.opcintype from btree_default b)
                  or (bt.typtype = 'e' and 'pg_catalog.anyenum'::pg_catalog.regtype in (select b.opcintype from btree_default b)),
                  false) as comparable,
         t.typtype = 'p' as pseudo
  from pg_catalog.pg_type t
  join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
  left join pg_catalog.pg_type et on et.oid = t.typelem and t.typcategory = 'A'
  left join pg_catalog.pg_namespace etn on etn.oid = et.typnamespace
  -- the element type (the type itself unless an array), then a domain's base type
  left join pg_catalog.pg_type el on el.oid = coalesce(et.oid, t.oid)
  left join pg_catalog.pg_type bt on bt.oid = case when el.typtype = 'd' then el.typbasetype else el.oid end
),
fn as (
  select p.oid,
         n.nspname,
         p.proname,
         p.provolatile,
         p.proretset,
         p.prorettype,
         p.pronargdefaults,
         p.provariadic,
         coalesce(p.proallargtypes, p.proargtypes::oid[]) as types,
         p.proargmodes as modes,
         p.proargnames as names,
         p.prolang,
         p.prosrc,
         p.prosqlbody is not null as atomic,
         p.proconfig,
         p.prosecdef and p.prokind = 'f'
           and not exists (select from pg_catalog.pg_depend d
                           where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                             and d.objid = p.oid and d.deptype = 'e') as servable,
         pg_catalog.array_position($1::text[], n.nspname::text) as schema_rank
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  where n.nspname = any ($1::text[])
),
-- every servable function's arguments, set-based: one join of all arguments with the types
-- (each type's spelling and comparability worked out once), not one lookup per argument
fn_args as (
  select fn.oid,
         pg_catalog.json_agg(pg_catalog.json_build_object(
           'name', fn.names[a.ord],
           'mode', coalesce(fn.modes[a.ord]::text, 'i'),
           'type', pg_catalog.format_type(a.typ, null),
           'sqlType', ty.sql_type,
           'comparable', ty.comparable,
           'pseudo', ty.pseudo) order by a.ord) as args
  from fn
  cross join lateral unnest(fn.types) with ordinality as a(typ, ord)
  join ty on ty.oid = a.typ
  where fn.servable
  group by fn.oid
)
select fn.nspname::text as schema_name, fn.proname::text as name, fn.servable,
  case when fn.servable then pg_catalog.json_build_object(
  'oid', fn.oid,
  'schema', fn.nspname,
  'name', fn.proname,
  'volatility', fn.provolatile,
  'returnsSet', fn.proretset,
  'returnType', pg_catalog.format_type(fn.prorettype, null),
  'returnTypeKind', rt.typtype,
  'returnsRecord', fn.prorettype = 'pg_catalog.record'::pg_catalog.regtype,
  'returnsVoid', fn.prorettype = 'pg_catalog.void'::pg_catalog.regtype,
  'comment', c.description,
  'language', (select l.lanname from pg_catalog.pg_language l where l.oid = fn.prolang),
  'atomic', fn.atomic,
  'body', case when fn.atomic then null else fn.prosrc end,
  'config', coalesce(pg_catalog.to_json(fn.proconfig), '[]'),
  -- what a SQL-standard body (BEGIN ATOMIC) reads is recorded in pg_depend
  'dependsOn', coalesce((
    select pg_catalog.json_agg(distinct pg_catalog.jsonb_build_object(
             'table', ftn.nspname || '.' || ftc.relname, 'server', fs.srvname))
    from pg_catalog.pg_depend d
    join pg_catalog.pg_class ftc on ftc.oid = d.refobjid and ftc.relkind = 'f'
    join pg_catalog.pg_namespace ftn on ftn.oid = ftc.relnamespace
    join pg_catalog.pg_foreign_table ft on ft.ftrelid = ftc.oid
    join pg_catalog.pg_foreign_server fs on fs.oid = ft.ftserver
    where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and d.objid = fn.oid
      and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass), '[]'),
  'defaults', fn.pronargdefaults,
  'args', coalesce(fa.args, '[]'),
  'compositeColumns', coalesce((
    select pg_catalog.json_agg(pg_catalog.json_build_object(
             'name', att.attname,
             'type', pg_catalog.format_type(att.atttypid, att.atttypmod),
             'sqlType', ty.sql_type,
             'comparable', ty.comparable) order by att.attnum)
    from pg_catalog.pg_attribute att
    join ty on ty.oid = att.atttypid
    where rt.typtype = 'c' and att.attrelid = rt.typrelid and att.attnum > 0 and not att.attisdropped), '[]')
  )::text end as doc
from fn
join pg_catalog.pg_type rt on rt.oid = fn.prorettype
left join fn_args fa on fa.oid = fn.oid
-- the comment as obj_description reads it, joined: obj_description runs a query of its own per call
left join pg_catalog.pg_description c
  on c.objoid = fn.oid and c.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass and c.objsubid = 0
order by fn.schema_rank, fn.proname, fn.oid
