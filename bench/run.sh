#!/usr/bin/env bash
# fdw-gateway benchmark: the gateway against the physical limit of its database work.
#
# On one machine: loads the reference database (sql/) into a local PostgreSQL, starts a
# local OIDC issuer and the packaged gateway (target/quarkus-app/quarkus-run.jar, JVM mode),
# mints a token, then for each case runs wrk against the gateway and pgbench -M prepared with
# the identical transaction (BEGIN READ ONLY; the gateway's set_config statement; the call;
# COMMIT) at the same concurrency, and prints req/s, p50, p99, errors and gateway/pgbench.
#
# Usage: bench/run.sh            (see "Performance" in README.md; every knob below is an env var)
#
# Needs: java 17, psql, pgbench, wrk, curl, awk. Takes about 3 minutes.
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

PGHOST=${PGHOST:-127.0.0.1}                 # PostgreSQL to load and to benchmark
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}                   # a superuser, for loading sql/
export PGHOST PGPORT PGUSER
LOGIN_ROLE=${BENCH_LOGIN_ROLE:-authenticator} # what the gateway and pgbench log in as
DURATION=${BENCH_DURATION:-15}               # seconds per measured run (wrk and pgbench each)
WARMUP=${BENCH_WARMUP:-5}                    # seconds of JIT warm-up per endpoint before any measurement
CASE_WARMUP=${BENCH_CASE_WARMUP:-3}          # seconds of warm-up right before each measured run
CONNECTIONS=${BENCH_CONNECTIONS:-32}         # wrk connections = pgbench clients
THREADS=${BENCH_THREADS:-2}                  # wrk threads = pgbench threads (one per core)
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-18080}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19000}
ISSUER_PORT=${BENCH_ISSUER_PORT:-18180}
CASES=${BENCH_CASES:-"add list_plans get_stripe_products"}
SKIP_SETUP=${BENCH_SKIP_SETUP:-0}            # 1: keep the databases as they are
OUT=${BENCH_OUT:-$ROOT/target/bench}
# JVM flags of the gateway (documented in README.md, "Performance"). A small heap and a serial
# collector suit a 2-core container: no GC threads competing with the event loops.
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xms64m -Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=96m -Xss512k -XX:+ExitOnOutOfMemoryError"}
# Right-sizing for the machine: one Vert.x event loop per core (Quarkus' default is two per
# core), and a pool of a few connections per database core: with a call's four statements
# pipelined, a connection is busy for one round trip, so a few per core keep Postgres busy.
EVENT_LOOPS=${BENCH_EVENT_LOOPS:-$(nproc)}
POOL_SIZE=${BENCH_POOL_SIZE:-8}
JAR=$ROOT/target/quarkus-app/quarkus-run.jar

declare -A PATH_OF=(
  [add]="/rpc/add?a=1&b=2"
  [list_plans]="/rpc/list_plans"
  [get_stripe_products]="/rpc/get_stripe_products?name_prefix=Pro"
)
# The bound value of $1 (the arguments object) exactly as the gateway builds it from the query.
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

for tool in java psql pgbench wrk curl awk; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done

mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/pgbench_* "$OUT"/*.txt

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
log() { echo "bench: $*" >&2; }

# ---- build -----------------------------------------------------------------------------
# AppCDS: Quarkus writes a class-data-sharing archive of the classes loaded at start-up, which
# the JVM maps instead of loading and verifying those classes again (start-up time).
CDS=$ROOT/target/quarkus-app/app-cds.jsa
# The local issuer is not part of the production artifact: the build leaves it in target/dev-classes.
DEV_CLASSES=$ROOT/target/dev-classes
if [[ ! -f $JAR || ! -f $CDS || ! -f $DEV_CLASSES/io/fdwgateway/dev/LocalIssuerMain.class || ${BENCH_BUILD:-0} == 1 ]]; then
  log "building the gateway with an AppCDS archive (./mvnw package -DskipTests -Dquarkus.package.jar.appcds.enabled=true)"
  ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
fi
# the archive records the class path as Quarkus launched it: relative, from target/quarkus-app
[[ -f $CDS ]] && JAVA_OPTS="-XX:SharedArchiveFile=app-cds.jsa $JAVA_OPTS"

# ---- reference database ----------------------------------------------------------------
if [[ $SKIP_SETUP != 1 ]]; then
  log "loading sql/ into $PGUSER@$PGHOST:$PGPORT (databases stripe_api, fdw_gateway)"
  for db in fdw_gateway stripe_api; do
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "drop database if exists $db with (force)" >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "create database $db" >/dev/null
  done
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -f sql/00-roles.sql >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -d stripe_api -f sql/10-stripe-api.sql >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -d fdw_gateway -f sql/20-gateway.sql >/dev/null
  psql -X -q -d fdw_gateway -c "vacuum analyze" >/dev/null
fi

# ---- OIDC issuer -----------------------------------------------------------------------
log "starting the local OIDC issuer on port $ISSUER_PORT"
java -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -cp "$DEV_CLASSES:$ROOT/target/quarkus-app/lib/main/*" \
  io.fdwgateway.dev.LocalIssuerMain "$ISSUER_PORT" >"$OUT/issuer.log" 2>&1 &
PIDS+=($!)
ISSUER="http://127.0.0.1:$ISSUER_PORT/realms/dev"
ISSUER_UP=
for _ in $(seq 1 300); do
  curl -sf "$ISSUER/.well-known/openid-configuration" >/dev/null && { ISSUER_UP=1; break; }
  sleep 0.05
done
[[ -n $ISSUER_UP ]] || { log "the issuer did not start:"; cat "$OUT/issuer.log" >&2; exit 1; }

# ---- gateway ---------------------------------------------------------------------------
log "starting the gateway (cd target/quarkus-app && java $JAVA_OPTS -jar quarkus-run.jar)"
START_MS=$(now_ms)
env QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$GATEWAY_PORT" QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/fdw_gateway" \
    QUARKUS_DATASOURCE_USERNAME="$LOGIN_ROLE" \
    QUARKUS_OIDC_AUTH_SERVER_URL="$ISSUER" \
    QUARKUS_OIDC_TOKEN_AUDIENCE=fdw-gateway \
    GATEWAY_ROLE_ALLOWED=anon,authenticated \
    GATEWAY_ROLE_ANONYMOUS=anon \
    QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE="$EVENT_LOOPS" \
    QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE="$POOL_SIZE" \
    bash -c 'cd "$1" && shift && exec java "$@"' launch "$ROOT/target/quarkus-app" $JAVA_OPTS -jar quarkus-run.jar \
    >"$OUT/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=($GW_PID)
READY_MS=
for _ in $(seq 1 3000); do
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" || true) == 200 ]]; then
    READY_MS=$(( $(now_ms) - START_MS ))
    START_CPU_MS=$(( $(awk '{ print $14 + $15 }' "/proc/$GW_PID/stat") * 1000 / $(getconf CLK_TCK) ))
    break
  fi
  kill -0 "$GW_PID" 2>/dev/null || break
  sleep 0.01
done
[[ -n $READY_MS ]] || { log "the gateway did not become ready:"; tail -50 "$OUT/gateway.log" >&2; exit 1; }
STARTED_IN=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$OUT/gateway.log" | head -n1)
log "ready after ${READY_MS} ms, ${START_CPU_MS} ms of CPU (Quarkus: started in ${STARTED_IN:-?}s)"

# ---- token -----------------------------------------------------------------------------
TOKEN=$(curl -sf -X POST -d 'sub=bench' "$ISSUER/protocol/openid-connect/token" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || { log "could not mint a token"; exit 1; }
export TOKEN
# The claims the gateway binds to request.jwt.claims: the verified token payload, as is.
b64url_decode() {
  local s=${1//-/+}
  s=${s//_//}
  while (( ${#s} % 4 )); do s+="="; done
  printf '%s' "$s" | base64 -d
}
CLAIMS=$(b64url_decode "$(cut -d. -f2 <<<"$TOKEN")")

# ---- helpers ---------------------------------------------------------------------------
to_ms() { # wrk latency "812.00us" / "1.20ms" / "2.01s" -> milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

run_wrk() { # case seconds outfile
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --latency --timeout 10s -s "$ROOT/bench/auth.lua" \
    "http://127.0.0.1:$GATEWAY_PORT${PATH_OF[$1]}" >"$3" 2>&1
}

run_pgbench() { # case seconds log-prefix(or empty) outfile
  local args=(-n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$2" -h "$PGHOST" -p "$PGPORT" -U "$LOGIN_ROLE"
    -D role=authenticated -D "claims=$CLAIMS" -D method=GET -D "path=${PATH_OF[$1]%%\?*}" -D timeout=10000 -D max=16777216
    -D 'headers={"accept":"*/*","host":"127.0.0.1","user-agent":"wrk"}' -D 'cookies={}'
    -f "$ROOT/bench/$1.sql")
  [[ -n ${ARGS_OF[$1]} ]] && args+=(-D "args=${ARGS_OF[$1]}")
  [[ -n $3 ]] && args+=(-l --log-prefix="$3")
  pgbench "${args[@]}" fdw_gateway >"$4" 2>&1 || true
}

cpu_ticks() { # user + system CPU of a process, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
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

# ---- cases -----------------------------------------------------------------------------
declare -A RESULT
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for c in $CASES; do
  url="http://127.0.0.1:$GATEWAY_PORT${PATH_OF[$c]}"
  status=$(curl -s -o "$OUT/$c.response.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
  if [[ $status != 200 ]]; then
    log "$c answered $status, not 200:"; cat "$OUT/$c.response.json" >&2; echo >&2; exit 1
  fi
  log "$c: $(tr -d '\n' < "$OUT/$c.response.json" | head -c 100)"
done
# JIT warm-up of the whole hot path before the first measurement (the first case must not pay it)
for c in $CASES; do
  log "$c: JIT warm-up, wrk ${WARMUP}s"
  run_wrk "$c" "$WARMUP" "$OUT/$c.wrk-jit-warmup.txt"
done
for c in $CASES; do
  log "$c: warming up (wrk ${CASE_WARMUP}s, pgbench ${CASE_WARMUP}s)"
  run_wrk "$c" "$CASE_WARMUP" "$OUT/$c.wrk-warmup.txt"
  run_pgbench "$c" "$CASE_WARMUP" "" "$OUT/$c.pgbench-warmup.txt"

  log "$c: wrk ${DURATION}s at $CONNECTIONS connections"
  cpu_before=$(cpu_ticks "$GW_PID")
  run_wrk "$c" "$DURATION" "$OUT/$c.wrk.txt"
  cpu_after=$(cpu_ticks "$GW_PID")
  w=$OUT/$c.wrk.txt
  w_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$w")
  w_p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$w")")
  w_p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$w")")
  w_err=$(awk '/Non-2xx or 3xx responses:/ { e += $NF }
               /Socket errors:/ { gsub(",", ""); e += $4 + $6 + $8 + $10 }
               END { print e + 0 }' "$w")

  log "$c: pgbench ${DURATION}s at $CONNECTIONS clients"
  rm -f "$OUT/pgbench_$c".*
  run_pgbench "$c" "$DURATION" "$OUT/pgbench_$c" "$OUT/$c.pgbench.txt"
  p=$OUT/$c.pgbench.txt
  p_tps=$(awk '/^tps = / { printf "%.0f", $3 }' "$p")
  read -r p_p50 p_p99 < <(percentiles "$OUT/pgbench_$c".*)
  p_err=$(awk '/number of failed transactions:/ { e += $5 } /aborted|error/ { e += 1 } END { print e + 0 }' "$p")
  [[ -n $p_tps ]] || { log "pgbench failed:"; cat "$p" >&2; p_tps=0; }
  w_reqs=$(awk '/requests in/ { print $1 }' "$w")
  w_cpu=$(awk -v t=$(( cpu_after - cpu_before )) -v hz="$(getconf CLK_TCK)" -v n="${w_reqs:-0}" \
    'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "-" }')
  ratio=$(awk -v g="${w_rps:-0}" -v p="$p_tps" 'BEGIN { if (p > 0) printf "%.2f", g / p; else print "-" }')
  RESULT[$c]="${w_rps:-0}|$w_p50|$w_p99|$w_err|$p_tps|$p_p50|$p_p99|$p_err|$ratio|$w_cpu"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
RSS_MB=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$GW_PID/status")

CPU_NOTE=
# ---- report ----------------------------------------------------------------------------
{
  echo
  echo "fdw-gateway benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -n1)"
  echo "$CONNECTIONS connections/clients, ${DURATION}s each, wrk -t$THREADS / pgbench -j$THREADS -M prepared; load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
  echo
  printf '| %-30s | %11s | %9s | %9s | %6s | %11s | %9s | %9s | %6s | %5s |\n' \
    case "gateway r/s" "gw p50" "gw p99" "gw err" "pgbench tps" "pg p50" "pg p99" "pg err" ratio
  echo "|--------------------------------|------------:|----------:|----------:|-------:|------------:|----------:|----------:|-------:|------:|"
  for c in $CASES; do
    IFS='|' read -r a b d e f g h i j k <<<"${RESULT[$c]}"
    CPU_NOTE+="${LABEL_OF[$c]%%:*} ${k} ms, "
    printf '| %-30s | %11s | %6s ms | %6s ms | %6s | %11s | %6s ms | %6s ms | %6s | %5s |\n' \
      "${LABEL_OF[$c]}" "$a" "$b" "$d" "$e" "$f" "$g" "$h" "$i" "$j"
  done
  echo
  echo "start-to-ready: ${READY_MS} ms (launch to first 200 on /q/health/ready; Quarkus log: started in ${STARTED_IN:-?}s); CPU used by then: ${START_CPU_MS} ms"
  echo "gateway RSS after the load: ${RSS_MB} MB"
  echo "gateway CPU per request (user+sys of the JVM / requests, during wrk): ${CPU_NOTE%, }"
  echo "gateway JVM flags: $JAVA_OPTS; event loops: $EVENT_LOOPS, pool max-size: $POOL_SIZE"
  echo "raw outputs: $OUT"
} | tee "$OUT/summary.txt"
