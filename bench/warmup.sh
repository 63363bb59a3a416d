#!/usr/bin/env bash
# fdw-gateway warm-up: throughput of a new process in its first seconds, per JVM set-up.
#
# For each set-up, starts the gateway afresh and runs wrk on case (a) for WARMUP_WINDOWS (6)
# windows of WARMUP_WINDOW_S (10) seconds from the ready signal. The steady state is the median
# of the last three windows; the first window against it is the warm-up a new pod under an
# autoscaler sees (issue 15: at least 0.90). The gateway's CPU time per call in the first window
# and in the steady state tells the same story with far less noise from other work on the
# machine. (Start-up time itself is bench/startup.sh's.) Set-ups (WARMUP_SETUPS, all by default):
#   jdk17          JDK 17 with its default CDS archive only
#   jdk17-appcds   JDK 17 with Quarkus' AppCDS archive (what bench/run.sh runs by default)
#   jdk17-c1       the same with -XX:TieredStopAtLevel=1 (C1 only: quick to compile, slower code)
#   jdk25          JDK 25, its default CDS archive only
#   jdk25-aot      JDK 25 with an AOT cache (JEPs 483, 514, 515: classes loaded and linked,
#                  and method profiles) recorded by a training run of WARMUP_TRAIN_S (30) seconds
#                  of wrk over the three cases of bench/run.sh
#   jdk17-appcds-warm, jdk25-aot-warm
#                  the same two with the gateway's self warm-up (gateway.warmup.*: GET
#                  /rpc/add?a=1&b=2 on its own port, as the anonymous role, until the JIT is quiet,
#                  at most 30 s) before it reports ready: the ready time includes the warm-up
# JDK 25 is JDK25_HOME, or found beside the default java (as .ci/run finds a JDK 21).
#
# Usage: bench/warmup.sh   (BENCH_* as for bench/run.sh; WARMUP_ANONYMOUS=1 sends the load
#        without a token, as the anonymous role, like the self warm-up's requests)
# Needs: java 17, a JDK 25 for the jdk25 set-ups, psql, wrk, curl, awk.
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

WINDOW=${WARMUP_WINDOW_S:-10}
WINDOWS=${WARMUP_WINDOWS:-6}
(( WINDOWS >= 4 )) || { echo "WARMUP_WINDOWS must be at least 4 (the first, and three for the steady state)" >&2; exit 1; }
TRAIN=${WARMUP_TRAIN_S:-30}
SETUPS=${WARMUP_SETUPS:-"jdk17 jdk17-appcds jdk17-c1 jdk25 jdk25-aot"}
OUT=${BENCH_OUT:-$ROOT/target/warmup}
bench_need java psql wrk curl awk
mkdir -p "$OUT"
rm -f "$OUT"/*
bench_prepare "$OUT"
BASE="http://127.0.0.1:$GATEWAY_PORT"
BASE_OPTS=$JAVA_OPTS
JDK25=$(bench_find_jdk 25 || true)

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
# WARMUP_ANONYMOUS=1: the load carries no token (the anonymous role, as the self warm-up's requests)
if [[ ${WARMUP_ANONYMOUS:-0} == 1 ]]; then AUTH=(-H 'Accept: application/json'); else AUTH=(-s "$ROOT/bench/auth.lua"); fi
load() { # path seconds outfile
  wrk -t"$(nproc)" -c32 -d"${2}s" --timeout 10s "${AUTH[@]}" "$BASE$1" >"$3" 2>&1
}

train() {
  bench_train_aot "$TRAIN" "$OUT/gateway.train.log"
}

row() { # setup
  local setup=$1 java=java appcds=1 opts=$BASE_OPTS warm=()
  if [[ $setup == *-warm ]]; then
    warm=(GATEWAY_WARMUP_PATH='/rpc/add?a=1&b=2' GATEWAY_WARMUP_MAX_DURATION=30s)
    setup=${setup%-warm}
  fi
  case $setup in
    jdk17) appcds=0 ;;
    jdk17-appcds) ;;
    jdk17-c1) opts="$opts -XX:TieredStopAtLevel=1" ;;
    jdk25) java=$JDK25/bin/java; appcds=0 ;;
    jdk25-aot) java=$JDK25/bin/java; appcds=0; opts="-XX:AOTCache=app.aot $opts" ;;
    *) bench_log "unknown set-up $setup"; exit 1 ;;
  esac
  if [[ $setup == jdk25* && -z $JDK25 ]]; then
    printf '| %-17s | no JDK 25 found: set JDK25_HOME |\n' "$setup"
    return
  fi
  (( ${#warm[@]} )) && setup=$setup-warm
  BENCH_JAVA=$java BENCH_APPCDS=$appcds JAVA_OPTS=$opts bench_start_gateway "$OUT/gateway.$setup.log" ${warm[@]+"${warm[@]}"}
  local ready=$READY_MS cpu=$START_CPU_MS i r=() c=() c0 n
  for (( i = 1; i <= WINDOWS; i++ )); do
    c0=$(bench_cpu_ms "$GW_PID")
    load "/rpc/add?a=1&b=2" "$WINDOW" "$OUT/$setup.$i.txt"
    r+=("$(wrk_rps "$OUT/$setup.$i.txt")")
    n=$(awk '/requests in/ { print $1 }' "$OUT/$setup.$i.txt")
    c+=("$(awk -v t=$(( $(bench_cpu_ms "$GW_PID") - c0 )) -v n="${n:-0}" 'BEGIN { if (n > 0) printf "%.3f", t / n; else print "-" }')")
  done
  local rss steady steady_cpu
  rss=$(bench_rss_mb "$GW_PID")
  bench_stop_gateway
  steady=$(printf '%s\n' "${r[@]: -3}" | median)
  steady_cpu=$(printf '%s\n' "${c[@]: -3}" | median)
  printf '| %-17s | %8s ms | %7s ms | %8s | %8s | %5s | %s / %s ms | %s | %6s MB |\n' "$setup" "$ready" "$cpu" \
    "${r[0]}" "$steady" "$(awk -v a="${r[0]}" -v b="$steady" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')" \
    "${c[0]}" "$steady_cpu" "${r[*]}" "$rss"
}

[[ " $SETUPS " == *" jdk25-aot"[\ -]* && -n $JDK25 ]] && train
{
  echo "fdw-gateway warm-up — $(bench_conditions)"
  echo "case (a) GET /rpc/add?a=1&b=2$([[ ${WARMUP_ANONYMOUS:-0} == 1 ]] && echo ' without a token (anonymous role)'), wrk -c32, $WINDOWS windows of ${WINDOW}s from the ready signal, steady state = median of the last 3; JVM flags: $BASE_OPTS"
  echo "JDK 25: ${JDK25:-none found}"
  echo
  echo "| set-up            | ready       | CPU to ready | r/s 0–${WINDOW}s | r/s steady | first/steady | CPU per call, first / steady | r/s per window | RSS |"
  echo "|-------------------|------------:|-----------:|---------:|---------:|------:|------------------:|:---------------|-------:|"
} | tee "$OUT/summary.txt"
for s in $SETUPS; do
  row "$s" | tee -a "$OUT/summary.txt"
done
echo "load average at the end: $(bench_loadavg)" | tee -a "$OUT/summary.txt"
