#!/usr/bin/env bash
# fdw-gateway syscalls per call: how many socket writes and reads the gateway makes for one call,
# counted with strace over a fixed number of calls (hey -n) after a JIT warm-up. A count per call
# does not depend on the machine's load, unlike req/s: it is the figure to compare for a change
# to how a call's bytes reach Postgres and the client (the kernel's share of the event loops).
#
# Each call is one HTTP request in and one response out on a kept-alive connection, and its
# statements out to Postgres and their results back; a write is one syscall whatever it carries.
#
# It also prints the gateway's CPU time per call over as many calls without strace (user +
# system of the JVM; this one does move with the machine's load).
#
# Usage: bench/syscalls.sh    (SYSCALLS_CASE=add, SYSCALLS_CALLS=4000, SYSCALLS_WARMUP=10 s of
#                              wrk first, BENCH_* as for bench/run.sh)
# Needs: java 17, psql, wrk, hey, strace, curl, awk.
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CASE=${SYSCALLS_CASE:-add}
CALLS=${SYSCALLS_CALLS:-4000}
WARM=${SYSCALLS_WARMUP:-10}
OUT=${BENCH_OUT:-$ROOT/target/syscalls}

bench_need java psql wrk hey strace curl awk
mkdir -p "$OUT"
rm -f "$OUT"/*
bench_prepare "$OUT"
bench_start_gateway "$OUT/gateway.log"
URL="http://127.0.0.1:$GATEWAY_PORT${BENCH_PATH_OF[$CASE]}"

bench_log "$CASE: JIT warm-up, wrk ${WARM}s"
wrk -t"$(nproc)" -c32 -d"${WARM}s" -s "$ROOT/bench/auth.lua" "$URL" >"$OUT/warmup.txt" 2>&1

# CPU per call over as many calls, untraced: the event-loop threads' own (user + system), which
# leaves out the JIT compiler and the collector; and the whole JVM's
loops_cpu_ms() {
  local t total=0
  for t in /proc/"$GW_PID"/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == vert.x-eventloo* ]] || continue
    total=$(( total + $(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "$t/stat") ))
  done
  echo "$total"
}
# context switches of every thread: each is a thread that went to sleep or was put aside
switches() { cat /proc/"$GW_PID"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { s += $2 } END { print s }'; }
cpu0=$(bench_cpu_ms "$GW_PID"); loops0=$(loops_cpu_ms); sw0=$(switches)
hey -n "$CALLS" -c 32 -H "Authorization: Bearer $TOKEN" -H "Accept: application/json" "$URL" >"$OUT/hey-cpu.txt"
cpu1=$(bench_cpu_ms "$GW_PID"); loops1=$(loops_cpu_ms); sw1=$(switches)

# every thread of the gateway, the event loops among them; -yy names each socket's ends, so a
# write is counted as to Postgres, to an HTTP client, or elsewhere (the log on stdout)
strace -qq -f -yy -e trace=write,writev,sendto,sendmsg,read,readv,recvfrom,recvmsg \
  -o "$OUT/strace.txt" -p "$GW_PID" &
STRACE_PID=$!
# and the gateway's Postgres backends (its pool's sessions): what Postgres sends per call is one
# flush per Sync or simple query it answers
BACKENDS=$(psql -X -Atq -d fdw_gateway -c "select string_agg(pid::text, ' ') from pg_catalog.pg_stat_activity
  where datname = 'fdw_gateway' and usename = '$LOGIN_ROLE' and pid <> pg_catalog.pg_backend_pid()" 2>/dev/null || true)
PG_STRACE_PID=
if [[ -n $BACKENDS ]]; then
  strace -qq -c -e trace=sendto,recvfrom,epoll_wait -o "$OUT/strace-postgres.txt" $(printf -- '-p %s ' $BACKENDS) &
  PG_STRACE_PID=$!
fi
sleep 2 # strace attaches thread by thread
hey -n "$CALLS" -c 32 -H "Authorization: Bearer $TOKEN" -H "Accept: application/json" "$URL" >"$OUT/hey.txt"
sleep 1
kill -INT "$STRACE_PID" $PG_STRACE_PID
wait "$STRACE_PID" $PG_STRACE_PID 2>/dev/null || true
ok=$(awk '/\[200\]/ { print $2 }' "$OUT/hey.txt")

echo "syscalls per call, case $CASE — $(bench_conditions)"
echo "$CALLS calls (hey -c32), ${ok:-0} answered 200; build $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "CPU per call without strace (load-dependent): event loops $(( (loops1 - loops0) * 1000 / CALLS )) µs, whole JVM $(( (cpu1 - cpu0) * 1000 / CALLS )) µs; $(awk '/Requests\/sec/ { print $2 }' "$OUT/hey-cpu.txt") req/s; context switches $(awk -v a="$sw0" -v b="$sw1" -v n="$CALLS" 'BEGIN { printf "%.2f", (b - a) / n }') per call"
awk -v n="$CALLS" -v pg=":$PGPORT]" -v http=":$GATEWAY_PORT->" '
  match($0, /^[0-9]+ +[a-z]+\(/) {
    split(substr($0, RSTART, RLENGTH - 1), f, / +/)
    call = f[2]
    to = "other (log, pipes)"
    if (index($0, pg) > 0) to = "Postgres"
    else if (index($0, http) > 0) to = "HTTP clients"
    dir = (call ~ /^(write|writev|sendto|sendmsg)$/) ? "writes" : "reads"
    count[dir " to/from " to " (" call ")"]++
  }
  END { for (k in count) printf "  %-48s %6.2f per call\n", k, count[k] / n }' "$OUT/strace.txt" | sort
if [[ -s $OUT/strace-postgres.txt ]]; then
  echo "the gateway's $(wc -w <<<"$BACKENDS") Postgres backends (strace -c):"
  awk -v n="$CALLS" '$NF ~ /^(sendto|recvfrom|epoll_wait)$/ { printf "  %-48s %6.2f per call\n", "Postgres " $NF, $4 / n }' \
    "$OUT/strace-postgres.txt" | sort
fi
