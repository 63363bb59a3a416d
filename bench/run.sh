#!/usr/bin/env bash
# fdw-gateway benchmark: the gateway against the physical limit of its database work.
#
# On one machine: loads the reference database (sql/) into a local PostgreSQL, starts a
# local OIDC issuer and the packaged gateway (target/quarkus-app/quarkus-run.jar, JVM mode,
# sized as in a 512 MiB container), mints a token, then:
#   1. the warm-up: wrk on case (a) for the first BENCH_FIRST_S seconds after the ready signal;
#   2. a JIT warm-up of every case;
#   3. BENCH_REPS repetitions of, for each case, wrk against the gateway and pgbench -M prepared
#      running the identical transaction (bench/<case>.sql, pipelined as the gateway sends it)
#      at the same concurrency; median, min and max of each figure;
#   4. for each case, latency at a fixed rate: hey -q at half of the gateway's median maximum, as a
#      stream (BENCH_FIXED_WORKERS workers) and as bursts (BENCH_CONNECTIONS workers).
# It prints req/s, p50, p99, errors, gateway/pgbench, the warm-up against the steady state,
# CPU time per call, RSS after the load, and whether each target of issue 15 is met.
#
# Usage: bench/run.sh            (see bench/README.md; every knob below is an env var)
#        BENCH_AOT=1 bench/run.sh  the gateway on JDK 25 with an AOT cache trained for
#                                  BENCH_AOT_TRAIN_S (30) seconds on the three cases first
#
# Needs: java 17, psql, pgbench, wrk, hey, curl, awk (apt-get install wrk hey). About 5 minutes.
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=${BENCH_DURATION:-10}               # seconds per measured run (wrk and pgbench each)
REPS=${BENCH_REPS:-3}                        # repetitions of every measured run
FIRST_S=${BENCH_FIRST_S:-10}                 # the reported warm-up: case (a) right after ready
WARMUP=${BENCH_WARMUP:-5}                    # seconds of JIT warm-up per case before the repetitions
FIXED_S=${BENCH_FIXED_S:-10}                 # seconds of the fixed-rate run per case
FIXED_WORKERS=${BENCH_FIXED_WORKERS:-4}      # hey workers of the fixed-rate stream (see step 4)
CONNECTIONS=${BENCH_CONNECTIONS:-32}         # wrk connections = pgbench clients = hey workers
THREADS=${BENCH_THREADS:-$(nproc)}           # wrk threads = pgbench threads (one per core)
CASES=${BENCH_CASES:-"add list_plans get_stripe_products"}
OUT=${BENCH_OUT:-$ROOT/target/bench}

# The bound value of $2 (the arguments object) exactly as the gateway builds it from the query.
declare -A ARGS_OF=(
  [add]='{"a":"1","b":"2"}'
  [list_plans]=''
  [get_stripe_products]='{"name_prefix":"Pro"}'
)
declare -A LABEL_OF=(
  [add]="(a) add: no table"
  [list_plans]="(b) list_plans: 10 rows"
  [get_stripe_products]="(c) get_stripe_products: fdw"
)
# issue 15's targets: the ratio gateway/pgbench per case
declare -A TARGET_OF=([add]=0.90 [list_plans]=0.95 [get_stripe_products]=0.98)
declare -A RATIO_OF FIXED_P99 BURST_P99

bench_need java psql pgbench wrk hey curl awk
mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/pgbench_* "$OUT"/*.txt "$OUT"/*.json "$OUT"/*.runs
bench_prepare "$OUT"
CLAIMS=$(bench_claims "$TOKEN")
bench_maybe_aot "$OUT/gateway.train.log"
LOAD_BEFORE=$(bench_loadavg)
bench_start_gateway "$OUT/gateway.log"

# ---- helpers ---------------------------------------------------------------------------
to_ms() { # wrk latency "812.00us" / "1.20ms" / "2.01s" -> milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

run_wrk() { # case seconds outfile
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --latency --timeout 10s -s "$ROOT/bench/auth.lua" \
    "http://127.0.0.1:$GATEWAY_PORT${BENCH_PATH_OF[$1]}" >"$3" 2>&1
}

per_call() { # ms calls [ms-after: then the first is ms-before] -> ms per call, or "-"
  awk -v a="$1" -v n="${2:-0}" -v b="${3:-}" 'BEGIN {
    if (a == "-" || b == "-" || n <= 0) { print "-"; exit }
    t = (b == "") ? a : b - a
    printf "%.3f", t / n }'
}

wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
wrk_errors() {
  awk '/Non-2xx or 3xx responses:/ { e += $NF }
       /Socket errors:/ { gsub(",", ""); e += $4 + $6 + $8 + $10 }
       END { print e + 0 }' "$1"
}

run_pgbench() { # case seconds log-prefix(or empty) outfile
  local args=(-n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$2" -h "$PGHOST" -p "$PGPORT" -U "$LOGIN_ROLE"
    -D role=authenticated -D "claims=$CLAIMS" -D method=GET -D "path=${BENCH_PATH_OF[$1]%%\?*}" -D timeout=10000 -D max=16777216
    -D "headers={\"host\":\"127.0.0.1:$GATEWAY_PORT\",\"accept\":\"application/json\"}" -D 'cookies={}'
    -f "$ROOT/bench/$1.sql")
  [[ -n ${ARGS_OF[$1]} ]] && args+=(-D "args=${ARGS_OF[$1]}")
  [[ -n $3 ]] && args+=(-l --log-prefix="$3")
  pgbench "${args[@]}" fdw_gateway >"$4" 2>&1 || true
}

percentiles() { # per-transaction pgbench logs -> "p50 p99" in ms
  cat "$@" | awk '$3 ~ /^[0-9]+$/ { print $3 }' | sort -n | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "- -"; exit }
      i50 = int(NR * 0.50); if (i50 < 1) i50 = 1
      i99 = int(NR * 0.99); if (i99 < 1) i99 = 1
      printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }'
}

# numbers on stdin -> "median min max"
stats() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- - -"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    print m, v[1], v[NR] }'
}
fmt() { awk -v d="$1" -v a="$2" -v b="$3" -v c="$4" 'BEGIN { if (a == "-") print "-"; else printf "%." d "f [%." d "f–%." d "f]", a, b, c }'; }

# ---- 1. the warm-up: the first seconds after ready --------------------------------------
first=${CASES%% *}
status=$(curl -s -o "$OUT/$first.response.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$GATEWAY_PORT${BENCH_PATH_OF[$first]}")
[[ $status == 200 ]] || { bench_log "$first answered $status, not 200:"; cat "$OUT/$first.response.json" >&2; exit 1; }
bench_log "$first: wrk ${FIRST_S}s right after ready (the warm-up as a new process sees it)"
cpu_before=$(bench_cpu_ms "$GW_PID")
run_wrk "$first" "$FIRST_S" "$OUT/$first.first.txt"
FIRST_RPS=$(wrk_rps "$OUT/$first.first.txt")
FIRST_CPU=$(awk -v t=$(( $(bench_cpu_ms "$GW_PID") - cpu_before )) -v n="$(awk '/requests in/ { print $1 }' "$OUT/$first.first.txt")" \
  'BEGIN { if (n > 0) printf "%.3f", t / n; else print "-" }')
ERRORS=$(wrk_errors "$OUT/$first.first.txt")

# ---- 2. every case answers, then a JIT warm-up of each -----------------------------------
for c in $CASES; do
  status=$(curl -s -o "$OUT/$c.response.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$GATEWAY_PORT${BENCH_PATH_OF[$c]}")
  [[ $status == 200 ]] || { bench_log "$c answered $status, not 200:"; cat "$OUT/$c.response.json" >&2; exit 1; }
  bench_log "$c: $(tr -d '\n' < "$OUT/$c.response.json" | head -c 100)"
done
for c in $CASES; do
  bench_log "$c: JIT warm-up, wrk ${WARMUP}s, pgbench ${WARMUP}s"
  run_wrk "$c" "$WARMUP" "$OUT/$c.wrk-warmup.txt"
  run_pgbench "$c" "$WARMUP" "" "$OUT/$c.pgbench-warmup.txt"
done

# ---- 3. repetitions: wrk and pgbench side by side, interleaved --------------------------
for r in $(seq 1 "$REPS"); do
  for c in $CASES; do
    bench_log "$c: repetition $r/$REPS: wrk ${DURATION}s, pgbench ${DURATION}s at $CONNECTIONS connections"
    cpu_before=$(bench_cpu_ms "$GW_PID"); pg_before=$(bench_pg_cpu_ms); bench_children_cpu_ms gen_before
    run_wrk "$c" "$DURATION" "$OUT/$c.wrk.$r.txt"
    cpu_after=$(bench_cpu_ms "$GW_PID"); pg_after=$(bench_pg_cpu_ms); bench_children_cpu_ms gen_after
    w=$OUT/$c.wrk.$r.txt
    reqs=$(awk '/requests in/ { print $1 }' "$w")
    echo "$(wrk_rps "$w") $(to_ms "$(awk '$1 == "50%" { print $2 }' "$w")") $(to_ms "$(awk '$1 == "99%" { print $2 }' "$w")") \
      $(wrk_errors "$w") $(per_call $((cpu_after - cpu_before)) "$reqs") $(per_call "$pg_before" "$reqs" "$pg_after") \
      $(per_call $((gen_after - gen_before)) "$reqs")" \
      >>"$OUT/$c.gateway.runs"
    rm -f "$OUT/pgbench_$c.$r".*
    pg_before=$(bench_pg_cpu_ms); bench_children_cpu_ms gen_before
    run_pgbench "$c" "$DURATION" "$OUT/pgbench_$c.$r" "$OUT/$c.pgbench.$r.txt"
    pg_after=$(bench_pg_cpu_ms); bench_children_cpu_ms gen_after
    p=$OUT/$c.pgbench.$r.txt
    tps=$(awk '/^tps = / { printf "%.0f", $3 }' "$p")
    [[ -n $tps ]] || { bench_log "pgbench failed:"; cat "$p" >&2; tps=0; }
    txns=$(awk '/number of transactions actually processed:/ { print $6 }' "$p")
    echo "$tps $(percentiles "$OUT/pgbench_$c.$r".*) \
      $(awk '/number of failed transactions:/ { e += $5 } /aborted|error/ { e += 1 } END { print e + 0 }' "$p") \
      $(per_call "$pg_before" "$txns" "$pg_after") $(per_call $((gen_after - gen_before)) "$txns")" \
      >>"$OUT/$c.pgbench.runs"
  done
done
LOAD_LOADED=$(bench_loadavg)

# ---- 4. latency at a fixed rate: half of the gateway's median maximum -------------------
# hey -q paces each worker with its own ticker, and all of them start together: with W workers
# the requests come W at a time, every W/rate seconds. The stream (FIXED_WORKERS, 4) is what a
# constant rate means; the same rate from CONNECTIONS workers (bursts of 32) is printed beside
# it, since a burst of W requests waits behind itself (its p50 grows with W).
fixed_run() { # case workers outfile
  local q
  q=$(awk -v r="${HALF_OF[$1]}" -v n="$2" 'BEGIN { printf "%.3f", r / n }')
  bench_log "$1: hey ${FIXED_S}s at ${HALF_OF[$1]} req/s ($2 workers × $q/s)"
  hey -z "${FIXED_S}s" -c "$2" -q "$q" -t 10 -H "Authorization: Bearer $TOKEN" -A application/json \
    "http://127.0.0.1:$GATEWAY_PORT${BENCH_PATH_OF[$1]}" >"$3" 2>&1 || true
}
declare -A HALF_OF
for c in $CASES; do
  max=$(awk '{ print $1 }' "$OUT/$c.gateway.runs" | stats | awk '{ print $1 }')
  HALF_OF[$c]=$(awk -v m="$max" 'BEGIN { printf "%.0f", m / 2 }')
  fixed_run "$c" "$FIXED_WORKERS" "$OUT/$c.fixed.txt"
  fixed_run "$c" "$CONNECTIONS" "$OUT/$c.burst.txt"
done
RSS_MB=$(bench_rss_mb "$GW_PID")
LOAD_AFTER=$(bench_loadavg)

hey_pct() { awk -v p="$2%" '$1 == p && $2 == "in" { printf "%.2f", $3 * 1000 }' "$1"; }
hey_rps() { awk '/Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
hey_errors() { # answers other than 200, and transport errors
  awk '/Status code distribution:/ { s = 1; next } /Error distribution:/ { s = 0; e = 1; next }
       s && /\[[0-9]+\]/ { if ($1 != "[200]") n += $2 }
       e && /\[[0-9]+\]/ { gsub(/[\[\]]/, "", $1); n += $1 }
       END { print n + 0 }' "$1"
}

# ---- report ----------------------------------------------------------------------------
col() { awk -v k="$2" '{ print $k }' "$1" | stats; }
{
  echo
  echo "fdw-gateway benchmark — $(bench_conditions | sed 's/, load average.*//')"
  echo "$CONNECTIONS connections/clients, $REPS × ${DURATION}s per case, wrk -t$THREADS / pgbench -j$THREADS -M prepared (pipelined);"
  echo "load average before the gateway started: $LOAD_BEFORE; after the repetitions: $LOAD_LOADED; at the end: $LOAD_AFTER"
  echo "figures: median [min–max] over the repetitions"
  echo
  printf '| %-29s | %-18s | %-18s | %-16s | %-9s | %-9s | %-9s | %-9s | %-6s | %-8s |\n' \
    case "gateway r/s" "pgbench tps" "ratio" "gw p50" "gw p99" "pg p50" "pg p99" errors "CPU/call"
  echo "|-------------------------------|-------------------:|-------------------:|-----------------:|----------:|----------:|----------:|----------:|-------:|---------:|"
  for c in $CASES; do
    g=$OUT/$c.gateway.runs
    pg=$OUT/$c.pgbench.runs
    paste -d' ' <(awk '{ print $1 }' "$g") <(awk '{ print $1 }' "$pg") \
      | awk '{ if ($2 > 0) printf "%.3f\n", $1 / $2 }' >"$OUT/$c.ratio.runs"
    read -r rm rmin rmax < <(stats <"$OUT/$c.ratio.runs")
    RATIO_OF[$c]=$rm
    errs=$(( $(awk '{ e += $4 } END { print e + 0 }' "$g") + $(awk '{ e += $4 } END { print e + 0 }' "$pg") ))
    ERRORS=$((ERRORS + errs))
    printf '| %-29s | %18s | %18s | %16s | %6s ms | %6s ms | %6s ms | %6s ms | %6s | %5s ms |\n' \
      "${LABEL_OF[$c]}" "$(fmt 0 $(col "$g" 1))" "$(fmt 0 $(col "$pg" 1))" "$(fmt 2 "$rm" "$rmin" "$rmax")" \
      "$(col "$g" 2 | cut -d' ' -f1)" "$(col "$g" 3 | cut -d' ' -f1)" "$(col "$pg" 2 | cut -d' ' -f1)" \
      "$(col "$pg" 3 | cut -d' ' -f1)" "$errs" "$(col "$g" 5 | cut -d' ' -f1)"
  done
  echo
  echo "CPU per call (ms, median of the repetitions) of each process on the machine's $(nproc) cores. When the cores are"
  echo "the limit, throughput goes as 1 / (the sum per call), so pgbench's sum over the gateway's is the ratio the"
  echo "CPU allows; the last column is that ratio if the gateway itself cost nothing (Postgres and wrk remain):"
  echo
  echo "| case                          | gateway run: gateway | Postgres | wrk   | sum   | pgbench run: Postgres | pgbench | sum   | ratio allowed | measured | gateway free |"
  echo "|-------------------------------|------:|------:|------:|------:|------:|------:|------:|------:|------:|------:|"
  for c in $CASES; do
    g=$OUT/$c.gateway.runs
    pg=$OUT/$c.pgbench.runs
    gw=$(col "$g" 5 | cut -d' ' -f1); gpg=$(col "$g" 6 | cut -d' ' -f1); gwrk=$(col "$g" 7 | cut -d' ' -f1)
    ppg=$(col "$pg" 5 | cut -d' ' -f1); pgen=$(col "$pg" 6 | cut -d' ' -f1)
    awk -v l="${LABEL_OF[$c]}" -v gw="$gw" -v gpg="$gpg" -v gwrk="$gwrk" -v ppg="$ppg" -v pgen="$pgen" -v m="${RATIO_OF[$c]}" 'BEGIN {
      if (gpg == "-" || ppg == "-") { printf "| %-29s | %s | - | - | - | - | - | - | - | %s | - |\n", l, gw, m; exit }
      gs = gw + gpg + gwrk; ps = ppg + pgen
      printf "| %-29s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f | %.2f |\n",
        l, gw, gpg, gwrk, gs, ppg, pgen, ps, ps / gs, m, ps / (gpg + gwrk) }'
  done
  echo
  echo "Latency at a fixed rate (hey -q, ${FIXED_S}s, half of the gateway's median maximum): a stream of $FIXED_WORKERS workers,"
  echo "and the same rate from $CONNECTIONS workers, which hey sends $CONNECTIONS at a time:"
  echo
  echo "| case                          | asked r/s | served r/s | p50      | p99      | errors | bursts of $CONNECTIONS: served r/s, p50, p99 |"
  echo "|-------------------------------|----------:|-----------:|---------:|---------:|-------:|:------------------------|"
  for c in $CASES; do
    f=$OUT/$c.fixed.txt
    b=$OUT/$c.burst.txt
    e=$(( $(hey_errors "$f") + $(hey_errors "$b") ))
    ERRORS=$((ERRORS + e))
    FIXED_P99[$c]=$(hey_pct "$f" 99)
    BURST_P99[$c]=$(hey_pct "$b" 99)
    printf '| %-29s | %9s | %10s | %5s ms | %5s ms | %6s | %s r/s, %s ms, %s ms |\n' "${LABEL_OF[$c]}" "${HALF_OF[$c]}" \
      "$(hey_rps "$f")" "$(hey_pct "$f" 50)" "${FIXED_P99[$c]}" "$e" "$(hey_rps "$b")" "$(hey_pct "$b" 50)" "${BURST_P99[$c]}"
  done
  echo
  steady=$(col "$OUT/$first.gateway.runs" 1 | cut -d' ' -f1)
  WARM=$(awk -v a="$FIRST_RPS" -v b="$steady" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  echo "warm-up: ${LABEL_OF[$first]%%:*} in the first ${FIRST_S}s after ready: $FIRST_RPS r/s, $WARM of the steady state ($steady r/s, the median above);"
  echo "  gateway CPU per call in those ${FIRST_S}s: $FIRST_CPU ms (steady state: $(col "$OUT/$first.gateway.runs" 5 | cut -d' ' -f1) ms)"
  echo "start-to-ready: ${READY_MS} ms (launch to the first 200 from readiness; Quarkus log: started in ${STARTED_IN:-?}s); CPU used by then: ${START_CPU_MS} ms"
  echo "gateway RSS after the load: ${RSS_MB} MB"
  echo "gateway JVM: $($GATEWAY_JAVA -version 2>&1 | head -n1); flags: $GW_OPTS; event loops: $EVENT_LOOPS, pool max-size: $POOL_SIZE"
  echo
  echo "targets (issue 15):"
  for c in $CASES; do
    echo "  ${LABEL_OF[$c]%%:*} ratio ${RATIO_OF[$c]} ≥ ${TARGET_OF[$c]}: $(awk -v a="${RATIO_OF[$c]}" -v b="${TARGET_OF[$c]}" 'BEGIN { print (a >= b ? "met" : "NOT met") }')"
    echo "  ${LABEL_OF[$c]%%:*} p99 at half the maximum ${FIXED_P99[$c]:-?} ms ≤ 10 ms (bursts of $CONNECTIONS: ${BURST_P99[$c]:-?} ms): $(awk -v a="${FIXED_P99[$c]:-999}" 'BEGIN { print (a != "" && a <= 10 ? "met" : "NOT met") }')"
  done
  echo "  warm-up $WARM ≥ 0.90: $(awk -v a="$WARM" 'BEGIN { print (a >= 0.90 ? "met" : "NOT met") }')"
  echo "  errors $ERRORS = 0: $([[ $ERRORS == 0 ]] && echo met || echo "NOT met")"
  echo "  RSS $RSS_MB MB ≤ 200 MB: $([[ $RSS_MB -le 200 ]] && echo met || echo "NOT met")"
  echo "raw outputs: $OUT"
} | tee "$OUT/summary.txt"
