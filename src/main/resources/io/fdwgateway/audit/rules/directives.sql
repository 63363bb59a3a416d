-- Not a rule file of its own: the input of the directive checks, which parse comments in Java
-- with the catalog's one parser. Functions of the exposed schemas whose comment has a line
-- starting with @, and every foreign server's name.
with params as (select $1::text[] as exposed, $2::text[] as api_roles, $3::text[] as ignored)
select p.oid::bigint as function_oid,
       pg_catalog.format('function %I.%I(%s)', n.nspname, p.proname,
                         pg_catalog.pg_get_function_identity_arguments(p.oid)) as object,
       c.description as comment,
       array(select s.srvname::text from pg_catalog.pg_foreign_server s order by 1) as servers,
       -- input argument names, for @bind lines
       array(select p.proargnames[a.ord]
             from pg_catalog.unnest(coalesce(p.proargmodes, pg_catalog.array_fill('i'::"char", array[p.pronargs])))
                  with ordinality as a(mode, ord)
             where a.mode in ('i', 'b', 'v') and p.proargnames[a.ord] <> '') as arguments
from params, pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
-- the comment as obj_description reads it, joined: obj_description runs a query of its own per call
join pg_catalog.pg_description c
  on c.objoid = p.oid and c.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass and c.objsubid = 0
where n.nspname = any (params.exposed)
  and c.description ~ '(^|\n)[ \t]*@'
