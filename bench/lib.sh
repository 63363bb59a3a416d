# Shared by the bench/ scripts (sourced, not run): the reference database, the local OIDC
# issuer, the packaged gateway in prod mode, and what is read from a running gateway (health,
# metrics, RSS, CPU). Every knob is an environment variable; the callers document theirs.
#
# Needs: java 17, psql, curl, awk.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

PGHOST=${PGHOST:-127.0.0.1}                   # PostgreSQL to load and to call
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}                     # a superuser, for loading sql/
export PGHOST PGPORT PGUSER
LOGIN_ROLE=${BENCH_LOGIN_ROLE:-authenticator}  # what the gateway (and pgbench) log in as
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-18080}
ISSUER_PORT=${BENCH_ISSUER_PORT:-18180}
# The management interface (health and metrics, when the gateway serves them on their own
# port); the scripts probe it first and fall back to the main port.
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19000}
SKIP_SETUP=${BENCH_SKIP_SETUP:-0}              # 1: keep the databases as they are
# A 512 MiB container: MaxRAM makes the JVM size itself (and report its limits) as in one; the
# explicit heap, code cache and metaspace caps keep RSS well under it. The serial collector
# leaves no GC threads competing with the event loops on 2 cores.
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-XX:MaxRAM=512m -Xms64m -Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=96m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"}
# One Vert.x event loop per core (Quarkus' default is two per core), and a few pool
# connections per database core: with a call's statements pipelined, a connection is busy for
# one round trip, so a few per core keep Postgres busy.
EVENT_LOOPS=${BENCH_EVENT_LOOPS:-$(nproc)}
POOL_SIZE=${BENCH_POOL_SIZE:-$(( $(nproc) * 4 ))}
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
CDS=$ROOT/target/quarkus-app/app-cds.jsa
DEV_CLASSES=$ROOT/target/dev-classes
BENCH_PIDS=()

bench_log() { echo "bench: $*" >&2; }
bench_now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
bench_need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { bench_log "$tool is not installed (see bench/README.md, Prerequisites)"; exit 1; }
  done
}
bench_loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# One line that goes next to every figure: when, where, how busy the machine was.
bench_conditions() {
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -n1), load average $(bench_loadavg)"
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap bench_cleanup EXIT

# ---- build ------------------------------------------------------------------------------
# AppCDS: Quarkus writes a class-data-sharing archive of the classes loaded at start-up, which
# the JVM maps instead of loading and verifying them again. The local issuer is not part of
# the production artifact: the build leaves it in target/dev-classes.
bench_build() {
  if [[ ! -f $JAR || ! -f $CDS || ! -f $DEV_CLASSES/io/fdwgateway/dev/LocalIssuerMain.class || ${BENCH_BUILD:-0} == 1 ]]; then
    bench_log "building the gateway with an AppCDS archive (./mvnw package -DskipTests -Dquarkus.package.jar.appcds.enabled=true)"
    ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
  fi
}

# The three cases of bench/run.sh, by name: what each calls.
declare -A BENCH_PATH_OF=(
  [add]="/rpc/add?a=1&b=2"
  [list_plans]="/rpc/list_plans"
  [get_stripe_products]="/rpc/get_stripe_products?name_prefix=Pro"
)

# What every script does first: the packaged gateway, the reference database, the local issuer,
# and TOKEN (exported, for bench/auth.lua) minted for the subject given (default: bench).
bench_prepare() { # outdir [subject]
  bench_build
  bench_load_db
  bench_start_issuer "$1"
  TOKEN=$(bench_token "${2:-bench}")
  export TOKEN
}

# ---- reference database -----------------------------------------------------------------
# WARNING: drops and recreates the databases stripe_api and fdw_gateway on the target server.
bench_load_db() {
  [[ $SKIP_SETUP == 1 ]] && return 0
  bench_log "loading sql/ into $PGUSER@$PGHOST:$PGPORT (databases stripe_api, fdw_gateway)"
  local db
  for db in fdw_gateway stripe_api; do
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "drop database if exists $db with (force)" >/dev/null 2>&1
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "create database $db" >/dev/null
  done
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -f sql/00-roles.sql >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -d stripe_api -f sql/10-stripe-api.sql >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -d fdw_gateway -f sql/20-gateway.sql >/dev/null
  psql -X -q -d fdw_gateway -c "vacuum analyze" >/dev/null
}

# ---- OIDC issuer and token ----------------------------------------------------------------
bench_start_issuer() { # outdir
  bench_log "starting the local OIDC issuer on port $ISSUER_PORT"
  java -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$DEV_CLASSES:$ROOT/target/quarkus-app/lib/main/*" \
    io.fdwgateway.dev.LocalIssuerMain "$ISSUER_PORT" >"$1/issuer.log" 2>&1 &
  BENCH_PIDS+=($!)
  ISSUER="http://127.0.0.1:$ISSUER_PORT/realms/dev"
  local _
  for _ in $(seq 1 600); do
    curl -sf "$ISSUER/.well-known/openid-configuration" >/dev/null && return 0
    sleep 0.05
  done
  bench_log "the issuer did not start:"; cat "$1/issuer.log" >&2; exit 1
}

bench_token() { # sub -> prints a token (role authenticated)
  local t
  t=$(curl -sf -X POST -d "sub=$1" "$ISSUER/protocol/openid-connect/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  [[ -n $t ]] || { bench_log "could not mint a token"; exit 1; }
  echo "$t"
}

# The claims the gateway binds to request.jwt.claims: the verified token payload, as is.
bench_claims() { # token
  local s
  s=$(cut -d. -f2 <<<"$1")
  s=${s//-/+}
  s=${s//_//}
  while (( ${#s} % 4 )); do s+="="; done
  printf '%s' "$s" | base64 -d
}

# ---- gateway ------------------------------------------------------------------------------
# Starts target/quarkus-app in prod mode; extra NAME=value settings may follow the log file, or
# come from BENCH_GATEWAY_ENV (space-separated NAME=value, e.g. GATEWAY_ACCESS_LOG_ENABLED=false).
# Sets GW_PID, START_MS, READY_MS (launch to the first 200 from readiness), START_CPU_MS,
# HEALTH_URL and METRICS_URL.
bench_start_gateway() { # logfile [NAME=value ...]
  local logfile=$1
  shift
  local opts=$JAVA_OPTS
  # the archive records the class path as Quarkus launched it: relative, from target/quarkus-app
  [[ -f $CDS && ${BENCH_APPCDS:-1} == 1 && $opts != *SharedArchiveFile* && $opts != *AOTCache* ]] \
    && opts="-XX:SharedArchiveFile=app-cds.jsa $opts"
  GATEWAY_JAVA=${BENCH_JAVA:-java}
  bench_log "starting the gateway (cd target/quarkus-app && $GATEWAY_JAVA $opts -jar quarkus-run.jar)"
  GW_OPTS=$opts
  START_MS=$(bench_now_ms)
  env QUARKUS_HTTP_HOST=127.0.0.1 \
      QUARKUS_HTTP_PORT="$GATEWAY_PORT" \
      QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
      QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
      QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/fdw_gateway" \
      QUARKUS_DATASOURCE_USERNAME="$LOGIN_ROLE" \
      QUARKUS_OIDC_AUTH_SERVER_URL="$ISSUER" \
      QUARKUS_OIDC_TOKEN_AUDIENCE=fdw-gateway \
      GATEWAY_ROLE_ALLOWED=anon,authenticated \
      GATEWAY_ROLE_ANONYMOUS=anon \
      QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE="$EVENT_LOOPS" \
      QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE="$POOL_SIZE" \
      ${BENCH_GATEWAY_ENV:-} \
      "$@" \
      bash -c 'cd "$1" && shift && exec "$@"' launch "$ROOT/target/quarkus-app" "$GATEWAY_JAVA" $opts -jar quarkus-run.jar \
      >"$logfile" 2>&1 &
  GW_PID=$!
  BENCH_PIDS+=($GW_PID)
  READY_MS=
  local _ url
  for _ in $(seq 1 6000); do
    for url in "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" "http://127.0.0.1:$GATEWAY_PORT/q/health/ready"; do
      if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; then
        READY_MS=$(( $(bench_now_ms) - START_MS ))
        START_CPU_MS=$(bench_cpu_ms "$GW_PID")
        HEALTH_URL=$url
        METRICS_URL=${url%/health/ready}/metrics
        break 2
      fi
    done
    kill -0 "$GW_PID" 2>/dev/null || break
    sleep 0.01
  done
  [[ -n $READY_MS ]] || { bench_log "the gateway did not become ready:"; tail -50 "$logfile" >&2; exit 1; }
  STARTED_IN=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$logfile" | head -n1)
  bench_log "ready after ${READY_MS} ms, ${START_CPU_MS} ms of CPU (Quarkus: started in ${STARTED_IN:-?}s)"
}

# A JDK of at least the given major version: $JDK<major>_HOME when set; else one installed beside
# the default java or JAVA_HOME (the folder that holds the JDKs), or registered with
# update-alternatives. Prints its home.
bench_find_jdk() { # major
  local var="JDK$1_HOME" java homes=() home major alt
  if [[ -n ${!var:-} ]]; then echo "${!var}"; return 0; fi
  java=$(readlink -f "$(command -v java)")
  homes+=("$(dirname "$(dirname "$(dirname "$java")")")"/*)
  [[ -n ${JAVA_HOME:-} ]] && homes+=("$(dirname "$(readlink -f "$JAVA_HOME")")"/*)
  if command -v update-alternatives >/dev/null; then
    while read -r alt; do
      homes+=("$(dirname "$(dirname "$(readlink -f "$alt")")")")
    done < <(update-alternatives --list java 2>/dev/null || true)
  fi
  for home in "${homes[@]}"; do
    [[ -x $home/bin/java && -f $home/release ]] || continue
    major=$(sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$home/release")
    if [[ -n $major && $major -ge $1 ]]; then echo "$home"; return 0; fi
  done
  return 1
}

# JDK 25's AOT cache (JEPs 483, 514, 515: classes loaded and linked ahead of time, and method
# profiles), recorded by a training run: the gateway started with -XX:AOTCacheOutput, then wrk
# over the three cases of run.sh for seconds/3 each; the JVM writes the cache when it exits.
# Needs TOKEN and wrk. Sets AOT_JAVA (the JDK 25 java) and AOT_OPTS (the flags that use the
# cache); the cache is target/quarkus-app/app.aot.
bench_train_aot() { # seconds logfile
  local jdk p
  jdk=$(bench_find_jdk 25) || { bench_log "no JDK 25 found for the AOT cache: set JDK25_HOME"; exit 1; }
  rm -f "$ROOT/target/quarkus-app/app.aot"
  BENCH_JAVA=$jdk/bin/java BENCH_APPCDS=0 JAVA_OPTS="-XX:AOTCacheOutput=app.aot $JAVA_OPTS" \
    bench_start_gateway "$2"
  for p in "${BENCH_PATH_OF[@]}"; do
    wrk -t"$(nproc)" -c32 -d"$(( $1 / 3 ))s" --timeout 10s -s "$ROOT/bench/auth.lua" \
      "http://127.0.0.1:$GATEWAY_PORT$p" >/dev/null 2>&1
  done
  bench_stop_gateway
  [[ -f $ROOT/target/quarkus-app/app.aot ]] || { bench_log "no AOT cache was written:"; tail -20 "$2" >&2; exit 1; }
  bench_log "AOT cache: $(du -m "$ROOT/target/quarkus-app/app.aot" | cut -f1) MB, trained for $1 s"
  AOT_JAVA=$jdk/bin/java
  AOT_OPTS="-XX:AOTCache=app.aot $JAVA_OPTS"
}

# With BENCH_AOT=1: trains the AOT cache (bench_train_aot, BENCH_AOT_TRAIN_S = 30 s) and makes
# every later bench_start_gateway of the script use it, on JDK 25. Needs TOKEN exported.
bench_maybe_aot() { # training logfile
  [[ ${BENCH_AOT:-0} == 1 ]] || return 0
  bench_need wrk
  bench_train_aot "${BENCH_AOT_TRAIN_S:-30}" "$1"
  BENCH_JAVA=$AOT_JAVA BENCH_APPCDS=0 JAVA_OPTS=$AOT_OPTS
}

bench_stop_gateway() {
  kill "$GW_PID" 2>/dev/null || true
  wait "$GW_PID" 2>/dev/null || true
}

bench_cpu_ms() { # pid -> user + system CPU in ms
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"
}
# CPU of the whole Postgres server (the postmaster, every live child, and the children it has
# already reaped), in ms; "-" when the server is not on this machine. Differences of two
# readings give Postgres' CPU over a run, the backends of pgbench's own connections included.
bench_pg_cpu_ms() {
  local dir pid
  dir=$(psql -X -Atq -d postgres -c 'show data_directory' 2>/dev/null) || { echo "-"; return; }
  pid=$(head -n1 "$dir/postmaster.pid" 2>/dev/null) && [[ -r /proc/$pid/stat ]] || { echo "-"; return; }
  # after the command name, which may hold spaces: f[2] ppid, f[12] f[13] user and system time,
  # f[14] f[15] those of the children already reaped
  awk -v pm="$pid" -v hz="$(getconf CLK_TCK)" '
    { i = match($0, /\) [A-Za-z] /); n = split(substr($0, i + 2), f, " ")
      if ($1 == pm) t += f[12] + f[13] + f[14] + f[15]
      else if (f[2] == pm) t += f[12] + f[13] }
    END { printf "%.0f", t * 1000 / hz }' /proc/[0-9]*/stat 2>/dev/null
}
# CPU of this shell's finished child processes (wrk, pgbench, hey), user + system, in ms, into
# the variable named (a builtin in this shell: a subshell would see none of them).
bench_children_cpu_ms() { # variable
  local f
  f=$(mktemp)
  times >"$f"
  printf -v "$1" '%s' "$(tail -n1 "$f" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] } printf "%.0f", t * 1000 }')"
  rm -f "$f"
}
bench_rss_mb() { # pid -> MB, or "-" when the process is gone
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "-"
}

# Pool waits from the gateway's metrics (gateway_pool_*, the pool metrics of the operations
# work; sql_pool_* on builds before them): acquisitions, the time they spent queued in total
# (seconds), the longest recent wait, and refusals.
# Prints "completed queue_seconds_sum queue_seconds_max rejected" (dashes when not exposed).
bench_pool_metrics() {
  curl -s "$METRICS_URL" 2>/dev/null | awk '
    /^(gateway|sql)_pool_completed_total / { c = $NF }
    /^(gateway_pool_acquire|sql_pool_queue_delay)_seconds_sum / { s = $NF }
    /^(gateway_pool_acquire|sql_pool_queue_delay)_seconds_max / { m = $NF }
    /^(gateway|sql)_pool_rejected_total / { r = $NF }
    END { printf "%s %s %s %s\n", (c == "" ? "-" : c), (s == "" ? "-" : s), (m == "" ? "-" : m), (r == "" ? "-" : r) }'
}
