#!/usr/bin/env bash
# fdw-gateway start-up benchmark: time from launching `java` to the first 200 on
# /q/health/ready (management port), median of BENCH_STARTS starts, for each way of running the
# packaged gateway in JVM mode:
#
#   jdk17        JDK 17, target/quarkus-app as built (fast-jar), the JDK's default CDS only
#   jdk17-appcds JDK 17, plus the AppCDS archive Quarkus writes at build time (app-cds.jsa)
#   jdk25        JDK 25+, the aot-jar package, no cache
#   jdk25-aot    JDK 25+, the aot-jar package with an AOT cache (JEPs 483/514/515: classes loaded
#                and linked, method profiles and compiled code) recorded by a training run that
#                starts the gateway and sends it calls (-XX:AOTCacheOutput)
#   jdk25-aot-build  the same with the cache a container build can record: no database or
#                issuer, so the training stops after Quarkus' build-time initialisation
#   jdk25-fast-jar-aot-build  (not run by default) that cache on the fast-jar package, whose
#                application classes Quarkus' own class loader loads
#
# For each: median and spread of start-to-ready, CPU used by then, Quarkus' "started in", RSS at
# ready and after a short load (wrk, or curl without it), and where the median start spent its
# time (offsets of the gateway's log lines). The database is a throwaway Postgres cluster of
# this run (initdb on a free port, loaded from sql/), the issuer the local one (target/dev-classes).
#
# Usage: bench/startup.sh      (about 6-10 minutes with the builds; see bench/README.md)
# Needs: java 17 on the PATH, a JDK 25 or later (JDK25_HOME, else one installed beside the
# default java or registered with update-alternatives; without one the jdk25 rows are skipped),
# initdb/pg_ctl/psql, curl; wrk optional.
# Knobs: BENCH_STARTS (5), BENCH_OPTIONS (all five), BENCH_BUILD=0 (reuse the packages in
# target/bench/startup), BENCH_JAVA_OPTS (the flags of every start, default: the container's).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${BENCH_OUT:-$ROOT/target/bench/startup}
STARTS=${BENCH_STARTS:-5}
OPTIONS=${BENCH_OPTIONS:-"jdk17 jdk17-appcds jdk25 jdk25-aot jdk25-aot-build"}
# What the Kubernetes Deployment gives the container (512 MiB limit, 75 % heap, 2 CPUs, where
# the JVM picks the serial collector by itself)
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -XX:ActiveProcessorCount=2 -XX:+UseSerialGC"}
DEV_CLASSES=$ROOT/target/dev-classes

log() { echo "startup: $*" >&2; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Debian's packages leave initdb and pg_ctl off the PATH: pg_config names their folder
if ! command -v initdb >/dev/null && command -v pg_config >/dev/null; then
  PATH=$PATH:$(pg_config --bindir)
fi
for tool in java curl initdb pg_ctl psql awk; do
  command -v "$tool" >/dev/null || { log "$tool is not installed"; exit 1; }
done

# ---- JDK 25 ------------------------------------------------------------------------------
jdk_major() {
  [[ -x $1/bin/java && -f $1/release ]] || return 1
  sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release"
}
find_jdk25() {
  local java homes=() home major alt
  [[ -n ${JDK25_HOME:-} ]] && { echo "$JDK25_HOME"; return 0; }
  java=$(readlink -f "$(command -v java)")
  homes+=("$(dirname "$(dirname "$(dirname "$java")")")"/*)
  [[ -n ${JAVA_HOME:-} ]] && homes+=("$(dirname "$(readlink -f "$JAVA_HOME")")"/*)
  if command -v update-alternatives >/dev/null; then
    while read -r alt; do
      homes+=("$(dirname "$(dirname "$(readlink -f "$alt")")")")
    done < <(update-alternatives --list java 2>/dev/null || true)
  fi
  for home in "${homes[@]}"; do
    major=$(jdk_major "$home" || true)
    if [[ -n $major && $major -ge 25 ]]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}
JDK17_JAVA=$(command -v java)
JDK25=$(find_jdk25 || true)
if [[ -z $JDK25 ]]; then
  log "no JDK 25 or later found (set JDK25_HOME): the jdk25 rows are skipped"
  OPTIONS=$(tr ' ' '\n' <<<"$OPTIONS" | grep -v '^jdk25' | tr '\n' ' ')
fi

mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fdw-startup.XXXXXX")
PIDS=()
PGDATA=$WORK/pgdata
PG_STARTED=
as_pg=()
[[ $(id -u) == 0 ]] && as_pg=(runuser -u postgres --)
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -n $PG_STARTED ]] && "${as_pg[@]}" pg_ctl -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# A port nothing listens on, below Linux' ephemeral range (32768-60999), where the test suite's
# random ports and every outgoing connection take theirs.
free_port() {
  local port
  while :; do
    port=$(( 22000 + RANDOM % 9000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# ---- packages ----------------------------------------------------------------------------
# fast-jar with Quarkus' AppCDS archive (written by the JDK 17 that runs Maven), and aot-jar,
# each copied out of target/ so later builds do not change what is measured.
if [[ ${BENCH_BUILD:-1} == 1 || ! -f $OUT/fast-jar/quarkus-run.jar || ! -f $OUT/aot-jar/quarkus-run.jar ]]; then
  log "building the fast-jar package with an AppCDS archive"
  ./mvnw -B -q -ntp package -DskipTests -Dquarkus.package.jar.appcds.enabled=true >"$OUT/build-fast-jar.log" 2>&1 \
    || { tail -30 "$OUT/build-fast-jar.log"; exit 1; }
  rm -rf "$OUT/fast-jar" && cp -r target/quarkus-app "$OUT/fast-jar"
  rm -rf "$OUT/dev-classes" && cp -r "$DEV_CLASSES" "$OUT/dev-classes"
  if [[ $OPTIONS == *jdk25* ]]; then
    log "building the aot-jar package"
    ./mvnw -B -q -ntp package -DskipTests -Dquarkus.package.jar.type=aot-jar >"$OUT/build-aot-jar.log" 2>&1 \
      || { tail -30 "$OUT/build-aot-jar.log"; exit 1; }
    rm -rf "$OUT/aot-jar" && cp -r target/quarkus-app "$OUT/aot-jar"
    # leave target/ as a plain build would
    ./mvnw -B -q -ntp package -DskipTests >"$OUT/build-restore.log" 2>&1 || true
  fi
fi
[[ -f $OUT/fast-jar/app-cds.jsa ]] || log "warning: no app-cds.jsa in the fast-jar package"

# ---- database and issuer -------------------------------------------------------------------
PG_PORT=$(free_port)
mkdir -p "$PGDATA"
if [[ $(id -u) == 0 ]]; then chown postgres "$WORK" "$PGDATA"; chmod 755 "$WORK"; fi
"${as_pg[@]}" initdb -D "$PGDATA" -U postgres -A trust >"$OUT/initdb.log" 2>&1
"${as_pg[@]}" pg_ctl -D "$PGDATA" -l "$PGDATA/server.log" -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGDATA" start >/dev/null
PG_STARTED=1
pg() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@" >/dev/null; }
pg -d postgres -c 'create database stripe_api' -c 'create database fdw_gateway'
pg -d postgres -f sql/00-roles.sql
pg -d stripe_api -f sql/10-stripe-api.sql
pg -d fdw_gateway -f sql/20-gateway.sql
log "throwaway Postgres on port $PG_PORT loaded with sql/"

ISSUER_PORT=$(free_port)
ISSUER=http://127.0.0.1:$ISSUER_PORT/realms/dev
java -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$OUT/dev-classes:$OUT/fast-jar/lib/main/*" \
  io.fdwgateway.dev.LocalIssuerMain "$ISSUER_PORT" >"$OUT/issuer.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do curl -sf "$ISSUER/.well-known/openid-configuration" >/dev/null && break; sleep 0.1; done
TOKEN=$(curl -sf -X POST -d sub=bench "$ISSUER/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || { log "the issuer did not answer"; exit 1; }

HTTP_PORT=$(free_port)
MGMT_PORT=$(free_port)

# ---- one start ------------------------------------------------------------------------------
# start <java> <package dir> <log> [jvm flags...]: launches the gateway, waits for ready; sets
# GW_PID, READY_MS, CPU_MS, RSS_KB
start() {
  local java=$1 dir=$2 logfile=$3
  shift 3
  local t0
  t0=$(now_ms)
  echo "$t0" >"$logfile.t0"
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$HTTP_PORT" \
      QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$MGMT_PORT" \
      QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/fdw_gateway" \
      QUARKUS_DATASOURCE_USERNAME=authenticator \
      QUARKUS_OIDC_AUTH_SERVER_URL="$ISSUER" QUARKUS_OIDC_TOKEN_AUDIENCE=fdw-gateway \
      bash -c 'cd "$1" && shift && exec "$@"' launch "$dir" "$java" $JAVA_OPTS "$@" -jar quarkus-run.jar \
      >"$logfile" 2>&1 &
  GW_PID=$!
  READY_MS=
  for _ in $(seq 1 6000); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MGMT_PORT/q/health/ready" || true) == 200 ]]; then
      READY_MS=$(( $(now_ms) - t0 ))
      break
    fi
    kill -0 "$GW_PID" 2>/dev/null || break
    sleep 0.01
  done
  [[ -n $READY_MS ]] || { log "the gateway did not become ready:"; tail -30 "$logfile" >&2; exit 1; }
  CPU_MS=$(( $(awk '{ print $14 + $15 }' "/proc/$GW_PID/stat") * 1000 / $(getconf CLK_TCK) ))
  RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$GW_PID/status")
}
stop() {
  kill "$GW_PID" 2>/dev/null || true
  wait "$GW_PID" 2>/dev/null || true
}
# a short load on the served endpoints: wrk for 5 s each, or 300 curl calls each
load() {
  local path
  for path in "/rpc/add?a=1&b=2" "/rpc/list_plans" "/rpc/get_stripe_products?name_prefix=Pro"; do
    if command -v wrk >/dev/null; then
      TOKEN=$TOKEN wrk -t1 -c8 -d"${1:-5}s" -s "$ROOT/bench/auth.lua" "http://127.0.0.1:$HTTP_PORT$path" >/dev/null 2>&1 || true
    else
      for _ in $(seq 1 300); do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT$path"; done
    fi
  done
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
spread() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }
# offsets (ms after launch) of the log lines that mark the phases of a start
phases() {
  local logfile=$1 t0 line
  t0=$(cat "$logfile.t0")
  for marker in "posture" "schema cache loaded" "fdw-gateway serving" "started in"; do
    # the line's timestamp, in the text format or the JSON one (production logs JSON)
    line=$(grep -m1 -- "$marker" "$logfile" | grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:]{8}[,.][0-9]{3}' | head -n1 || true)
    if [[ -n $line ]]; then
      line=${line/,/.}
      printf '%s %s ms; ' "$marker" $(( $(date -d "${line/T/ }" +%s%3N) - t0 ))
    fi
  done
}

# ---- AOT cache: a training run --------------------------------------------------------------
if [[ " $OPTIONS " == *" jdk25-aot "* ]]; then
  rm -f "$OUT/aot-jar/app.aot"
  log "jdk25-aot: training run (start, calls on every endpoint, stop) writing app.aot"
  start "$JDK25/bin/java" "$OUT/aot-jar" "$OUT/jdk25-aot-training.log" -XX:AOTCacheOutput=app.aot
  load 5
  stop
  [[ -f $OUT/aot-jar/app.aot ]] || { log "no app.aot written:"; tail -20 "$OUT/jdk25-aot-training.log" >&2; exit 1; }
  log "jdk25-aot: app.aot is $(du -m "$OUT/aot-jar/app.aot" | cut -f1) MB"
fi

# The AOT cache a container build can make: no database or issuer there, so the training run
# stops after Quarkus' build-time initialisation (quarkus.appcds.generate), as Dockerfile.jvm does.
record_without_database() { # option, package dir
  rm -f "$2/app-build.aot"
  log "$1: training run without a database (static initialisation only) writing app-build.aot"
  (cd "$2" && "$JDK25/bin/java" $JAVA_OPTS -XX:AOTCacheOutput=app-build.aot -Dquarkus.appcds.generate=true \
    -jar quarkus-run.jar >"$OUT/$1-training.log" 2>&1 || true)
  [[ -f $2/app-build.aot ]] || { log "no app-build.aot written:"; tail -20 "$OUT/$1-training.log" >&2; exit 1; }
}
[[ " $OPTIONS " == *" jdk25-aot-build "* ]] && record_without_database jdk25-aot-build "$OUT/aot-jar"
[[ " $OPTIONS " == *" jdk25-fast-jar-aot-build "* ]] && record_without_database jdk25-fast-jar-aot-build "$OUT/fast-jar"

# ---- the options ------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A ROW
for option in $OPTIONS; do
  case $option in
    jdk17) java=$JDK17_JAVA dir=$OUT/fast-jar flags=() ;;
    jdk17-appcds) java=$JDK17_JAVA dir=$OUT/fast-jar flags=(-XX:SharedArchiveFile=app-cds.jsa -Xlog:cds=off -Xlog:cds+dynamic=off) ;;
    jdk25) java=$JDK25/bin/java dir=$OUT/aot-jar flags=() ;;
    jdk25-aot) java=$JDK25/bin/java dir=$OUT/aot-jar flags=(-XX:AOTCache=app.aot) ;;
    jdk25-aot-build) java=$JDK25/bin/java dir=$OUT/aot-jar flags=(-XX:AOTCache=app-build.aot) ;;
    jdk25-fast-jar-aot-build) java=$JDK25/bin/java dir=$OUT/fast-jar flags=(-XX:AOTCache=app-build.aot) ;;
    *) log "unknown option $option"; exit 1 ;;
  esac
  readies=() cpus=() rsss=() started=() logs=()
  for i in $(seq 1 "$STARTS"); do
    logfile=$OUT/$option-$i.log
    start "$java" "$dir" "$logfile" "${flags[@]}"
    readies+=("$READY_MS") cpus+=("$CPU_MS") rsss+=("$RSS_KB") logs+=("$READY_MS $logfile")
    started+=("$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$logfile" | head -n1)")
    if (( i == STARTS )); then
      load 5
      RSS_LOAD_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$GW_PID/status")
    fi
    stop
    log "$option start $i: ready after $READY_MS ms, $CPU_MS ms of CPU, RSS $(( RSS_KB / 1024 )) MB"
  done
  median_log=$(printf '%s\n' "${logs[@]}" | sort -n | awk -v n="$STARTS" 'NR == int((n + 1) / 2) { print $2 }')
  ROW[$option]="$(printf '%s\n' "${readies[@]}" | median)|$(printf '%s\n' "${readies[@]}" | spread)|$(printf '%s\n' "${cpus[@]}" | median)|$(printf '%s\n' "${started[@]}" | median)|$(( $(printf '%s\n' "${rsss[@]}" | median) / 1024 ))|$(( RSS_LOAD_KB / 1024 ))|$(phases "$median_log")"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report -------------------------------------------------------------------------------
{
  echo
  echo "fdw-gateway start-up — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, median of $STARTS starts; load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
  echo "JVM flags of every start: $JAVA_OPTS"
  echo "jdk17: $("$JDK17_JAVA" -version 2>&1 | head -n1)${JDK25:+; jdk25: $("$JDK25/bin/java" -version 2>&1 | head -n1)}"
  echo
  printf '| %-24s | %14s | %13s | %11s | %16s | %10s | %15s |\n' option "ready (median)" "ready (range)" "CPU by then" "Quarkus started" "RSS ready" "RSS after load"
  echo "|--------------------------|---------------:|--------------:|------------:|-----------------:|-----------:|----------------:|"
  for option in $OPTIONS; do
    IFS='|' read -r r range c s rss rssl phases <<<"${ROW[$option]}"
    printf '| %-24s | %11s ms | %10s ms | %8s ms | %14s s | %7s MB | %12s MB |\n' "$option" "$r" "$range" "$c" "${s:-?}" "$rss" "$rssl"
  done
  echo
  echo "where the median start spent its time (ms after launch at which the log line appeared):"
  for option in $OPTIONS; do
    IFS='|' read -r r range c s rss rssl phases <<<"${ROW[$option]}"
    echo "  $option: ${phases}ready $r ms"
  done
  echo "logs: $OUT"
} | tee "$OUT/summary.txt"
