#!/usr/bin/env bash
# fdw-gateway profile: CPU and allocation flame graphs of the gateway under wrk on one case.
#
# async-profiler (tools.profiler:async-profiler from Maven Central ships
# linux-x64/libasyncProfiler.so) is copied into target/async-profiler by Maven and loaded
# into the running gateway with jcmd (JVMTI.agent_load), after a JIT warm-up, so the profiles
# show the steady state. Writes bench/profiles/<case>-cpu.html and <case>-alloc.html (flame
# graphs), the collapsed stacks into target/profile/, and prints where the CPU and the
# allocations go, by component (the innermost frame of a known component decides).
#
# Usage: bench/profile.sh    (PROFILE_CASE=add, PROFILE_S=20 seconds per profile,
#                             PROFILE_WARMUP=15, BENCH_* as for bench/run.sh)
# Needs: java 17 with jcmd, psql, wrk, curl, awk; Linux x64.
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CASE=${PROFILE_CASE:-add}
SECONDS_EACH=${PROFILE_S:-20}
WARM=${PROFILE_WARMUP:-15}
OUT=${BENCH_OUT:-$ROOT/target/profile}
DEST=$ROOT/bench/profiles

bench_need java psql wrk curl awk unzip
JCMD=$(dirname "$(readlink -f "$(command -v java)")")/jcmd
[[ -x $JCMD ]] || { bench_log "no jcmd beside java ($JCMD): install a full JDK"; exit 1; }
LIB=$ROOT/target/async-profiler/linux-x64/libasyncProfiler.so
if [[ ! -f $LIB ]]; then
  bench_log "fetching async-profiler 4.1 from Maven Central into target/async-profiler"
  ./mvnw -B -q -ntp dependency:copy -Dartifact=tools.profiler:async-profiler:4.1:jar \
    -DoutputDirectory=target/async-profiler
  (cd target/async-profiler && unzip -q -o async-profiler-4.1.jar 'linux-x64/*')
fi

mkdir -p "$OUT" "$DEST"
rm -f "$OUT"/*
bench_prepare "$OUT"
# exact attribution between safepoints; dynamic agent loading without the JDK 21+ warning
JAVA_OPTS="$JAVA_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:+EnableDynamicAgentLoading"
[[ $(java -version 2>&1 | head -n1) == *'"17.'* ]] && JAVA_OPTS=${JAVA_OPTS/ -XX:+EnableDynamicAgentLoading/}
bench_start_gateway "$OUT/gateway.log"
URL="http://127.0.0.1:$GATEWAY_PORT${BENCH_PATH_OF[$CASE]}"

# jcmd would read "key=value" as an option of its own: the agent's arguments go quoted
agent() {
  "$JCMD" "$GW_PID" JVMTI.agent_load "$LIB" "\"$1\"" >>"$OUT/jcmd.log" 2>&1
  tail -n1 "$OUT/jcmd.log" | grep -q 'return code: 0' || { bench_log "async-profiler refused '$1':"; cat "$OUT/jcmd.log" >&2; exit 1; }
}
load() { wrk -t"$(nproc)" -c32 -d"${1}s" --latency --timeout 10s -s "$ROOT/bench/auth.lua" "$URL" >"$2" 2>&1; }

bench_log "$CASE: JIT warm-up, wrk ${WARM}s"
load "$WARM" "$OUT/warmup.txt"
LOAD=$(bench_loadavg)
for mode in cpu alloc; do
  # cpu: perf_events where the kernel allows them, else async-profiler falls back to a timer
  event=$mode
  bench_log "$CASE: $mode profile, wrk ${SECONDS_EACH}s"
  agent "start,event=$event,interval=$([[ $mode == cpu ]] && echo 1ms || echo 512k)"
  load "$SECONDS_EACH" "$OUT/$mode.wrk.txt"
  agent "stop,file=$OUT/$mode.collapsed,collapsed"
  agent "dump,file=$DEST/$CASE-$mode.html,title=fdw-gateway_${CASE}_$mode"
done

# The component of a stack: its innermost frame that belongs to a known component.
breakdown() { # collapsed file
  awk '
    function component(f) {
      if (f ~ /^io\/fdwgateway\/auth|^io\.fdwgateway\.auth/) return "gateway: auth (token cache, caller)"
      if (f ~ /^io\/fdwgateway\/call|^io\.fdwgateway\.call/) return "gateway: call (arguments, planning, SQL text)"
      if (f ~ /^io\/fdwgateway\/exec|^io\.fdwgateway\.exec/) return "gateway: exec (running the call)"
      if (f ~ /^io\/fdwgateway\/http|^io\.fdwgateway\.http/) return "gateway: http (handler, response, call log)"
      if (f ~ /^io\/fdwgateway\/(logging|error|role|admit)|^io\.fdwgateway\.(logging|error|role|admit)/) return "gateway: role, admit, logging, errors"
      if (f ~ /caffeine/) return "token cache (Caffeine)"
      if (f ~ /org[\/.]jboss[\/.]log|java[\/.]util[\/.]logging/) return "logging"
      if (f ~ /com[\/.]fasterxml[\/.]jackson|io[\/.]vertx[\/.]core[\/.]json/) return "JSON (Jackson)"
      if (f ~ /io[\/.]vertx[\/.](pgclient|sqlclient)/) return "pg client (encode, decode, pool)"
      if (f ~ /io[\/.]quarkus[\/.](oidc|security|vertx[\/.]http[\/.]runtime[\/.]security)|io[\/.]smallrye[\/.]jwt|jose4j/) return "Quarkus security, OIDC"
      if (f ~ /io[\/.]vertx[\/.]ext[\/.]web|io[\/.]quarkus[\/.]vertx[\/.]http/) return "Vert.x Web routing, Quarkus HTTP handlers"
      if (f ~ /io[\/.]netty[\/.]handler[\/.]codec[\/.]http|io[\/.]vertx[\/.]core[\/.]http/) return "HTTP/1.1 parsing and writing (Netty, Vert.x)"
      if (f ~ /io[\/.]smallrye[\/.]mutiny|io[\/.]vertx[\/.]core[\/.]impl[\/.]future|io[\/.]vertx[\/.]core[\/.]Future/) return "futures (Vert.x, Mutiny)"
      if (f ~ /io[\/.]quarkus[\/.]arc|io[\/.]quarkus[\/.]micrometer|io[\/.]micrometer/) return "CDI, metrics"
      if (f ~ /io[\/.]netty|io[\/.]vertx/) return "Netty and Vert.x I/O, event loop"
      if (f ~ /_\[k\]$|^entry_SYSCALL|^__x64_sys|^sys_|^tcp_|^do_syscall/) return "kernel (sockets, scheduling)"
      if (f ~ /GC|G1|Serial|Copy|Mark|Scavenge|Universe|CollectedHeap/) return "JVM: GC"
      if (f ~ /Compile|C2|C1|Compiler|Parse|PhaseIdeal|Matcher/) return "JVM: JIT"
      return ""
    }
    {
      n = $NF; stack = $0; sub(/ [0-9]+$/, "", stack)
      k = split(stack, fr, ";"); c = "other (JDK, libc, interpreter)"
      for (i = k; i >= 1; i--) { x = component(fr[i]); if (x != "") { c = x; break } }
      total += n; by[c] += n
    }
    END { for (c in by) printf "%6.1f %%  %s\n", by[c] * 100 / total, c }' "$1" | sort -rn
}

{
  echo "profile of case $CASE — $(bench_conditions | sed 's/, load average.*//'), load average before the profiles: $LOAD"
  echo "gateway JVM flags: $GW_OPTS; event loops: $EVENT_LOOPS, pool max-size: $POOL_SIZE"
  for mode in cpu alloc; do
    echo
    echo "$mode ($(awk '/^Requests\/sec:/ { printf "%.0f req/s", $2 }' "$OUT/$mode.wrk.txt") under wrk -c32 while profiling):"
    breakdown "$OUT/$mode.collapsed"
  done
  echo
  echo "flame graphs: bench/profiles/$CASE-cpu.html, bench/profiles/$CASE-alloc.html; stacks: $OUT/*.collapsed"
} | tee "$OUT/summary.txt"
