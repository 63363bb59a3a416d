#!/usr/bin/env bash
# fdw-gateway response cache (@cache) in front of a slow foreign function.
#
# Creates two copies of a function that reads the "Stripe" foreign table and then waits
# CACHE_SLOW_MS (a slow upstream): public.bench_slow_cached, whose comment says
# "@cache 60s vary sub", and public.bench_slow_plain, without it. Calls each CACHE_CALLS times
# in a row with one token (curl, one connection per call), then prints the median and p90 time
# per call, how many answers said Gateway-Cache: hit, and the gateway's
# gateway_cache_requests_total counters.
#
# Usage: bench/cache.sh    (CACHE_CALLS=50, CACHE_SLOW_MS=200, CACHE_STORE=memory|redis,
#                           BENCH_* as for bench/run.sh; with redis, QUARKUS_REDIS_HOSTS as well)
# Needs: java 17, psql, curl, awk. About a minute after the build.
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CALLS=${CACHE_CALLS:-50}
SLOW_MS=${CACHE_SLOW_MS:-200}
STORE=${CACHE_STORE:-memory}
OUT=${BENCH_OUT:-$ROOT/target/cache-bench}
bench_need java psql curl awk
mkdir -p "$OUT"
rm -f "$OUT"/*
bench_prepare "$OUT"
BASE="http://127.0.0.1:$GATEWAY_PORT"

psql -X -q -v ON_ERROR_STOP=1 -d fdw_gateway <<SQL
create or replace function public.bench_slow_cached() returns table (id text, name text)
language plpgsql stable security definer set search_path = ''
as \$\$ begin perform pg_catalog.pg_sleep($SLOW_MS / 1000.0);
  return query select p.id, p.name from stripe.stripe_products p order by p.id; end \$\$;
comment on function public.bench_slow_cached() is E'Slow upstream read, cached.\n@cache 60s vary sub';
create or replace function public.bench_slow_plain() returns table (id text, name text)
language plpgsql stable security definer set search_path = ''
as \$\$ begin perform pg_catalog.pg_sleep($SLOW_MS / 1000.0);
  return query select p.id, p.name from stripe.stripe_products p order by p.id; end \$\$;
alter function public.bench_slow_cached() owner to api_definer;
alter function public.bench_slow_plain() owner to api_definer;
revoke execute on function public.bench_slow_cached(), public.bench_slow_plain() from public;
grant execute on function public.bench_slow_cached(), public.bench_slow_plain() to authenticated;
SQL

bench_start_gateway "$OUT/gateway.log" GATEWAY_CACHE_STORE="$STORE"

run() { # function -> writes one "seconds hit|miss|-" line per call to $OUT/<function>.txt
  local f=$1 i
  for i in $(seq 1 "$CALLS"); do
    curl -s -o /dev/null -D "$OUT/headers" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$BASE/rpc/$f"
    printf ' %s\n' "$(sed -n 's/^[Gg]ateway-[Cc]ache: *\([a-z]*\).*/\1/p' "$OUT/headers" | head -n1)"
  done >"$OUT/$f.txt"
}
stats() { # file -> "median p90 hits"
  local hits
  hits=$(awk '$2 == "hit" { h++ } END { print h + 0 }' "$1")
  awk '{ print $1 * 1000 }' "$1" | sort -g | awk -v hits="$hits" '{ t[NR] = $1 }
    END { printf "%8.1f ms %8.1f ms %5d / %d\n", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], hits, NR }'
}

run bench_slow_plain
run bench_slow_cached
echo "bench/cache.sh: $(bench_conditions 2>/dev/null || date -u)"
echo "upstream wait ${SLOW_MS} ms per call, ${CALLS} sequential calls, store $STORE"
printf '%-20s %11s %11s %13s\n' function median p90 "cache hits"
printf '%-20s %s\n' bench_slow_plain "$(stats "$OUT/bench_slow_plain.txt")"
printf '%-20s %s\n' bench_slow_cached "$(stats "$OUT/bench_slow_cached.txt")"
curl -s "$METRICS_URL" | grep '^gateway_cache_requests_total' || true
