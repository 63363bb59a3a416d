#!/usr/bin/env bash
# fdw-gateway warm-up: throughput of a new process in its first seconds, per JVM set-up.
#
# For each set-up, starts the gateway afresh and runs wrk on case (a) for three windows of
# WARMUP_WINDOW_S (10) seconds right after the ready signal: the first window against the
# third is the warm-up a new pod under an autoscaler sees. The gateway's CPU time per call in
# each window tells the same story with far less noise from other work on the machine. (Start-up time itself is
# bench/startup.sh's.) Set-ups (WARMUP_SETUPS, all by default):
#   jdk17-appcds   JDK 17 with Quarkus' AppCDS archive (what bench/run.sh runs)
#   jdk17-c1       the same with -XX:TieredStopAtLevel=1 (C1 only: quick to compile, slower code)
#   jdk25          JDK 25, its default CDS archive only
#   jdk25-aot      JDK 25 with an AOT cache (JEPs 483, 514, 515: classes loaded and linked,
#                  and method profiles) recorded by a training run of WARMUP_TRAIN_S (30) seconds
#                  of wrk over the three cases of bench/run.sh
# JDK 25 is JDK25_HOME, or found beside the default java (as .ci/run finds a JDK 21).
#
# Usage: bench/warmup.sh   (BENCH_* as for bench/run.sh)
# Needs: java 17, a JDK 25 for the jdk25 set-ups, psql, wrk, curl, awk.
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

WINDOW=${WARMUP_WINDOW_S:-10}
TRAIN=${WARMUP_TRAIN_S:-30}
SETUPS=${WARMUP_SETUPS:-"jdk17-appcds jdk17-c1 jdk25 jdk25-aot"}
OUT=${BENCH_OUT:-$ROOT/target/warmup}
AOT=$ROOT/target/quarkus-app/app.aot
bench_need java psql wrk curl awk
mkdir -p "$OUT"
rm -f "$OUT"/*
bench_build
bench_load_db
bench_start_issuer "$OUT"
TOKEN=$(bench_token bench)
export TOKEN
BASE="http://127.0.0.1:$GATEWAY_PORT"
BASE_OPTS=$JAVA_OPTS
JDK25=$(bench_find_jdk 25 || true)

wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
load() { # path seconds outfile
  wrk -t"$(nproc)" -c32 -d"${2}s" --timeout 10s -s "$ROOT/bench/auth.lua" "$BASE$1" >"$3" 2>&1
}

# JEP 514: one run with -XX:AOTCacheOutput records the cache when the JVM exits.
train() {
  rm -f "$AOT"
  BENCH_JAVA=$JDK25/bin/java BENCH_APPCDS=0 JAVA_OPTS="-XX:AOTCacheOutput=app.aot $BASE_OPTS" \
    bench_start_gateway "$OUT/gateway.train.log"
  local p
  for p in "/rpc/add?a=1&b=2" "/rpc/list_plans" "/rpc/get_stripe_products?name_prefix=Pro"; do
    load "$p" $(( TRAIN / 3 )) "$OUT/train.txt"
  done
  bench_stop_gateway
  [[ -f $AOT ]] || { bench_log "no AOT cache was written:"; tail -20 "$OUT/gateway.train.log" >&2; exit 1; }
  bench_log "AOT cache: $(du -m "$AOT" | cut -f1) MB"
}

row() { # setup
  local setup=$1 java=java appcds=1 opts=$BASE_OPTS
  case $setup in
    jdk17-appcds) ;;
    jdk17-c1) opts="$opts -XX:TieredStopAtLevel=1" ;;
    jdk25) java=$JDK25/bin/java; appcds=0 ;;
    jdk25-aot) java=$JDK25/bin/java; appcds=0; opts="-XX:AOTCache=app.aot $opts" ;;
    *) bench_log "unknown set-up $setup"; exit 1 ;;
  esac
  if [[ $setup == jdk25* && -z $JDK25 ]]; then
    printf '| %-13s | no JDK 25 found: set JDK25_HOME |\n' "$setup"
    return
  fi
  BENCH_JAVA=$java BENCH_APPCDS=$appcds JAVA_OPTS=$opts bench_start_gateway "$OUT/gateway.$setup.log"
  local ready=$READY_MS cpu=$START_CPU_MS i r=() c=() c0 n
  for i in 1 2 3; do
    c0=$(bench_cpu_ms "$GW_PID")
    load "/rpc/add?a=1&b=2" "$WINDOW" "$OUT/$setup.$i.txt"
    r+=("$(wrk_rps "$OUT/$setup.$i.txt")")
    n=$(awk '/requests in/ { print $1 }' "$OUT/$setup.$i.txt")
    c+=("$(awk -v t=$(( $(bench_cpu_ms "$GW_PID") - c0 )) -v n="${n:-0}" 'BEGIN { if (n > 0) printf "%.2f", t / n; else print "-" }')")
  done
  local rss
  rss=$(bench_rss_mb "$GW_PID")
  bench_stop_gateway
  printf '| %-13s | %8s ms | %7s ms | %8s | %8s | %8s | %5s | %s / %s / %s ms | %6s MB |\n' "$setup" "$ready" "$cpu" \
    "${r[0]}" "${r[1]}" "${r[2]}" "$(awk -v a="${r[0]}" -v b="${r[2]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')" \
    "${c[0]}" "${c[1]}" "${c[2]}" "$rss"
}

[[ " $SETUPS " == *" jdk25-aot "* && -n $JDK25 ]] && train
{
  echo "fdw-gateway warm-up — $(bench_conditions)"
  echo "case (a) GET /rpc/add?a=1&b=2, wrk -c32, windows of ${WINDOW}s from the ready signal; JVM flags: $BASE_OPTS"
  echo "JDK 25: ${JDK25:-none found}"
  echo
  echo "| set-up        | ready       | CPU to ready | r/s 0–${WINDOW}s | r/s ${WINDOW}–$((2 * WINDOW))s | r/s $((2 * WINDOW))–$((3 * WINDOW))s | first/third | CPU per call, per window | RSS |"
  echo "|---------------|------------:|-----------:|---------:|---------:|---------:|------:|------------------:|-------:|"
} | tee "$OUT/summary.txt"
for s in $SETUPS; do
  row "$s" | tee -a "$OUT/summary.txt"
done
echo "load average at the end: $(bench_loadavg)" | tee -a "$OUT/summary.txt"
