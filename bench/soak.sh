#!/usr/bin/env bash
# fdw-gateway soak: a mixed load at a constant rate for a long run (10 minutes by default).
#
# Starts the reference database, the local issuer and the packaged gateway in prod mode (as
# bench/run.sh does), measures the maximum rate of the mix with wrk, then holds 70 % of it
# (or SOAK_RATE) with one constant-rate generator (hey -q) per kind of request:
#   GET and POST successes, a function over postgres_fdw, a slow call (pg_sleep), and 4xx
#   answers (unknown function, unknown argument, a function's own exception, a bad token).
# Each minute it prints the answers by status, unexpected statuses and 5xx (must be 0), p50 and
# p99 of the fast calls and of the slow call, RSS and pool waits; at the end RSS at start and
# end (growth must stay under 10 % after the warm-up) and a PASS/FAIL line.
#
# Usage: bench/soak.sh    (see bench/README.md, "Soak"; every knob is an env var)
#   SOAK_S       seconds of the constant-rate run (600)
#   SOAK_RATE    requests per second of the whole mix (default: 70 % of the measured maximum)
#   SOAK_SHARE   share of the maximum when SOAK_RATE is not given (0.70)
#   SOAK_MAX_S   seconds of the wrk run that measures the maximum (10), after as long a warm-up
#   SOAK_SLOW_S  seconds the slow call sleeps (0.5)
#   SOAK_SLOW_RATE  slow calls per second, on top of the rate (2: one pool connection asleep on average)
#   BENCH_*      as for bench/run.sh (ports, JVM flags, event loops, pool size, SKIP_SETUP …)
#
# Needs: java 17, psql, wrk, hey (apt-get install wrk hey), curl, awk.
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SOAK_S=${SOAK_S:-600}
SOAK_SHARE=${SOAK_SHARE:-0.70}
SOAK_MAX_S=${SOAK_MAX_S:-10}
SOAK_SLOW_S=${SOAK_SLOW_S:-0.5}
SOAK_SLOW_RATE=${SOAK_SLOW_RATE:-2}
SOAK_RATE=${SOAK_RATE:-}
OUT=${BENCH_OUT:-$ROOT/target/soak}

bench_need java psql wrk hey curl awk
mkdir -p "$OUT"
rm -rf "${OUT:?}"/*
bench_prepare "$OUT" soak
bench_start_gateway "$OUT/gateway.log"
BASE="http://127.0.0.1:$GATEWAY_PORT"

# The mix: name | share of the rate | method | path | body | expected status | token.
# The slow call comes at a fixed rate on top (SOAK_SLOW_RATE), and is left out of the
# maximum: at the mix's share it would put every pool connection to sleep.
MIX=(
  "get_add|0.35|GET|/rpc/add?a=1&b=2||200|good"
  "post_event|0.10|POST|/rpc/record_event|{\"kind\":\"soak\",\"payload\":{\"n\":1}}|200|good"
  "post_visit|0.05|POST|/rpc/log_visit|{\"page\":\"soak\"}|204|good"
  "get_plans|0.10|GET|/rpc/list_plans||200|good"
  "get_fdw|0.15|GET|/rpc/get_stripe_products?name_prefix=Pro||200|good"
  "get_404|0.05|GET|/rpc/no_such_function||404|good"
  "get_400|0.05|GET|/rpc/add?c=1||400|good"
  "post_p0001|0.05|POST|/rpc/check_quota|{\"amount\":500}|400|good"
  "get_401|0.10|GET|/rpc/add?a=1&b=2||401|bad"
  "get_slow|fixed|GET|/rpc/slow?seconds=$SOAK_SLOW_S||200|good"
)

# A bad token: a real one with its signature's last characters changed (full verification, 401).
BAD_TOKEN="${TOKEN%?????}AAAAA"
token_of() { [[ $1 == good ]] && echo "$TOKEN" || echo "$BAD_TOKEN"; }

# every kind answers what it should before the load starts
for m in "${MIX[@]}"; do
  IFS='|' read -r name share method path body expect tok <<<"$m"
  args=(-s -o "$OUT/$name.check" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $(token_of "$tok")")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  status=$(curl "${args[@]}" "$BASE$path" || true)
  [[ $status == "$expect" ]] || { bench_log "$name answered $status, not $expect: $(head -c 300 "$OUT/$name.check")"; exit 1; }
done
bench_log "every kind of request answers as expected"

# ---- the maximum of the mix (wrk, a Lua script that walks the same mix) ----------------
lua_mix() { # requests are formatted in init(), once wrk knows the host (a request without Host is a 400)
  echo 'local reqs = {}'
  echo 'init = function(args)'
  local m
  for m in "${MIX[@]}"; do
    IFS='|' read -r name share method path body expect tok <<<"$m"
    [[ $share == fixed ]] && continue
    local n weight
    weight=$(awk -v s="$share" 'BEGIN { printf "%d", s * 100 + 0.5 }')
    local headers="{ [\"Authorization\"] = \"Bearer $(token_of "$tok")\", [\"Accept\"] = \"application/json\""
    [[ -n $body ]] && headers+=", [\"Content-Type\"] = \"application/json\""
    headers+=" }"
    local lbody=nil
    [[ -n $body ]] && lbody="[[$body]]"
    echo "  local r_$name = wrk.format(\"$method\", \"$path\", $headers, $lbody)"
    for ((n = 0; n < weight; n++)); do echo "  reqs[#reqs + 1] = r_$name"; done
  done
  echo 'end'
  echo 'local i = 0'
  echo 'request = function() i = i + 1; return reqs[(i % #reqs) + 1] end'
}
lua_mix >"$OUT/mix.lua"
bench_log "warming up on the mix (wrk ${SOAK_MAX_S}s), then measuring its maximum (wrk ${SOAK_MAX_S}s)"
wrk -t2 -c32 -d"${SOAK_MAX_S}s" --timeout 10s -s "$OUT/mix.lua" "$BASE" >"$OUT/max-warmup.txt" 2>&1
wrk -t2 -c32 -d"${SOAK_MAX_S}s" --timeout 10s -s "$OUT/mix.lua" "$BASE" >"$OUT/max.txt" 2>&1
MAX_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$OUT/max.txt")
# about a quarter of the mix answers 4xx on purpose; many more means the mix itself is broken
NON2XX=$(awk '/requests in/ { n = $1 } /Non-2xx/ { e = $NF } END { printf "%.2f", (n > 0 ? e / n : 1) }' "$OUT/max.txt")
awk -v f="$NON2XX" 'BEGIN { exit !(f < 0.35) }' || { bench_log "the mix answered $NON2XX non-2xx under wrk:"; cat "$OUT/max.txt" >&2; exit 1; }
RATE=${SOAK_RATE:-$(awk -v m="$MAX_RPS" -v s="$SOAK_SHARE" 'BEGIN { printf "%.0f", m * s }')}
bench_log "maximum of the mix: $MAX_RPS req/s; soaking at $RATE req/s for ${SOAK_S}s"

# ---- the soak: one hey per kind, one chunk per minute ----------------------------------
# hey -q is a rate per worker: each kind gets enough workers that one worker's interval
# (1/q) stays above 20 ms, so a slower answer does not make the generator fall behind.
run_minute() { # index seconds
  local m pids=()
  for m in "${MIX[@]}"; do
    IFS='|' read -r name share method path body expect tok <<<"$m"
    local r c q
    if [[ $share == fixed ]]; then
      r=$SOAK_SLOW_RATE
      c=$(awk -v r="$r" -v s="$SOAK_SLOW_S" 'BEGIN { print int(r * s * 2) + 2 }')
    else
      r=$(awk -v R="$RATE" -v s="$share" 'BEGIN { printf "%.3f", R * s }')
      c=$(awk -v r="$r" 'BEGIN { print int(r / 50) + 1 }')
    fi
    q=$(awk -v r="$r" -v c="$c" 'BEGIN { printf "%.3f", r / c }')
    local args=(-z "${2}s" -c "$c" -q "$q" -t 15 -o csv -m "$method" -H "Authorization: Bearer $(token_of "$tok")" -A application/json)
    [[ -n $body ]] && args+=(-T application/json -d "$body")
    hey "${args[@]}" "$BASE$path" >"$OUT/m$1.$name.csv" 2>"$OUT/m$1.$name.err" &
    pids+=($!)
  done
  wait "${pids[@]}"
}

pct() { # p < sorted numbers -> the p-th percentile, or -
  awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(NR * p); if (i < 1) i = 1; printf "%.1f\n", v[i] }'
}

# Prints: answers req/s fast-p50 fast-p99 slow-p50 slow-p99 unexpected 5xx statuses
minute_report() { # index seconds
  local m all=$OUT/m$1.all
  for m in "${MIX[@]}"; do
    IFS='|' read -r name share method path body expect tok <<<"$m"
    awk -F, -v name="$name" -v expect="$expect" 'NR > 1 && $7 != "" { print name, expect, $7, $1 * 1000 }' "$OUT/m$1.$name.csv"
  done >"$all"
  local fast slow
  fast=$(awk '$1 != "get_slow" { print $4 }' "$all" | sort -n)
  slow=$(awk '$1 == "get_slow" { print $4 }' "$all" | sort -n)
  awk -v sec="$2" -v f50="$(pct 0.5 <<<"$fast")" -v f99="$(pct 0.99 <<<"$fast")" \
      -v s50="$(pct 0.5 <<<"$slow")" -v s99="$(pct 0.99 <<<"$slow")" '
    { n++; st[$3]++; if ($3 != $2) bad++; if ($3 >= 500) s5++ }
    END {
      codes = ""; for (c in st) codes = codes c ":" st[c] " "
      printf "%d %.0f %s %s %s %s %d %d %s\n", n, n / sec, f50, f99, s50, s99, bad, s5, codes }' "$all"
}

LOAD_BEFORE=$(bench_loadavg)
RSS_START=$(bench_rss_mb "$GW_PID")
RSS_REF=
CPU_START=$(bench_cpu_ms "$GW_PID")
read -r POOL_C0 POOL_S0 _ POOL_R0 < <(bench_pool_metrics)
MINUTES=$(( (SOAK_S + 59) / 60 ))
TOTAL=0; UNEXPECTED=0; FIVEXX=0
{
  echo "soak: $(bench_conditions) at the start"
  echo "mix maximum (wrk -t2 -c32, ${SOAK_MAX_S}s after a ${SOAK_MAX_S}s warm-up): $MAX_RPS req/s; target rate $RATE req/s for ${SOAK_S}s"
  echo "RSS at the start: $RSS_START MB (the growth limit counts from the end of minute 1, the warm-up)"
  echo
  printf '| %6s | %7s | %6s | %9s | %9s | %9s | %9s | %10s | %3s | %6s | %10s | %11s | %14s | %s\n' \
    minute answers "req/s" "fast p50" "fast p99" "slow p50" "slow p99" unexpected 5xx "RSS" "pool waits" "wait max" "load average" "statuses"
  echo "|-------:|--------:|-------:|----------:|----------:|----------:|----------:|-----------:|----:|-------:|-----------:|------------:|---------------:|"
} | tee "$OUT/summary.txt"
for ((i = 1; i <= MINUTES; i++)); do
  sec=$(( i * 60 <= SOAK_S ? 60 : SOAK_S - (i - 1) * 60 ))
  run_minute "$i" "$sec"
  read -r n rps p50 p99 s50 s99 bad s5 codes < <(minute_report "$i" "$sec")
  read -r pc ps pm pr < <(bench_pool_metrics)
  waits=$(awk -v a="$ps" -v b="${PREV_PS:-$POOL_S0}" 'BEGIN { if (a == "-") print "-"; else printf "%.2fs", a - b }')
  PREV_PS=$ps
  [[ -z $RSS_REF ]] && RSS_REF=$(bench_rss_mb "$GW_PID")
  TOTAL=$((TOTAL + n)); UNEXPECTED=$((UNEXPECTED + bad)); FIVEXX=$((FIVEXX + s5))
  printf '| %6s | %7s | %6s | %6s ms | %6s ms | %6s ms | %6s ms | %10s | %3s | %3s MB | %10s | %10ss | %14s | %s\n' \
    "$i" "$n" "$rps" "$p50" "$p99" "$s50" "$s99" "$bad" "$s5" "$(bench_rss_mb "$GW_PID")" "$waits" "$pm" "$(bench_loadavg | tr ' ' '/')" "$codes" \
    | tee -a "$OUT/summary.txt"
done
RSS_END=$(bench_rss_mb "$GW_PID")
CPU_END=$(bench_cpu_ms "$GW_PID")
read -r POOL_C1 POOL_S1 POOL_M1 POOL_R1 < <(bench_pool_metrics)
GROWTH=$(awk -v a="$RSS_REF" -v b="$RSS_END" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
VERDICT=PASS
[[ $FIVEXX -eq 0 && $UNEXPECTED -eq 0 ]] || VERDICT=FAIL
awk -v g="$GROWTH" 'BEGIN { exit !(g < 10) }' || VERDICT=FAIL
{
  echo
  echo "answers: $TOTAL in ${SOAK_S}s ($(awk -v n="$TOTAL" -v s="$SOAK_S" 'BEGIN { printf "%.0f", n / s }') req/s of $RATE asked); unexpected statuses: $UNEXPECTED; 5xx: $FIVEXX"
  echo "RSS: $RSS_START MB at the start, $RSS_REF MB after minute 1 (warm-up), $RSS_END MB at the end: ${GROWTH} % growth after the warm-up (limit 10 %)"
  echo "gateway CPU: $(awk -v c=$((CPU_END - CPU_START)) -v n="$TOTAL" 'BEGIN { printf "%.3f", c / n }') ms per answer"
  echo "pool: $(awk -v a="$POOL_C1" -v b="$POOL_C0" 'BEGIN { if (a == "-") print "-"; else printf "%d", a - b }') acquisitions, $(awk -v a="$POOL_S1" -v b="$POOL_S0" 'BEGIN { if (a == "-") print "-"; else printf "%.2f", a - b }') s spent waiting in the queue in total, longest recent wait ${POOL_M1} s, refused $(awk -v a="$POOL_R1" -v b="$POOL_R0" 'BEGIN { if (a == "-") print "-"; else printf "%d", a - b }')"
  echo "load average before the soak: $LOAD_BEFORE, after: $(bench_loadavg)"
  echo "gateway JVM flags: $GW_OPTS; event loops: $EVENT_LOOPS, pool max-size: $POOL_SIZE"
  echo "soak: $VERDICT"
  echo "raw outputs: $OUT"
} | tee -a "$OUT/summary.txt"
[[ $VERDICT == PASS ]]
