#!/usr/bin/env bash
# Builds the JVM image (deploy/docker/Dockerfile.jvm) with Podman and runs it as a platform
# would: uid 1001, read-only root filesystem, against a throwaway Postgres loaded with sql/ and
# the local OIDC issuer. Checks /rpc with a token and without one, health and metrics on the
# management port (and nothing operational on the public one), the process's uid and that the
# root filesystem refuses writes. Prints PASS or FAIL per check and exits non-zero on a failure.
#
# Usage: deploy/docker/test-image.sh   (after ./mvnw package; .ci/run calls it after verify)
#
# No image registry is needed: the base image is made here from the host's JDK (a jlink
# runtime, the shared libraries it links, the CA store) through `podman import`. Podman, runc
# and uidmap are installed with apt-get when missing (as root). Podman keeps its images and
# containers in a temporary folder of this run, and everything is removed at the end.
# Knobs: TEST_IMAGE_JDK (the JDK the base image is made from; default: a JDK 25+ installed beside
# the default java, else the default java's),
# TEST_IMAGE_KEEP=1 (keep the temporary folder, for a look at the logs).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
APP=$ROOT/target/quarkus-app
DEV_CLASSES=$ROOT/target/dev-classes
started=$(date +%s)

say() { echo "test-image: $*"; }
fail_setup() { say "FAIL: $*"; exit 1; }

[[ -f $APP/quarkus-run.jar ]] || fail_setup "no target/quarkus-app: run ./mvnw package first"
[[ -f $DEV_CLASSES/io/fdwgateway/dev/LocalIssuerMain.class ]] || fail_setup "no local issuer in target/dev-classes: run ./mvnw package first"
# Debian's packages leave initdb and pg_ctl off the PATH: pg_config names their folder
if ! command -v initdb >/dev/null && command -v pg_config >/dev/null; then
  PATH=$PATH:$(pg_config --bindir)
fi
for tool in java curl initdb pg_ctl psql tar ldd; do
  command -v "$tool" >/dev/null || fail_setup "$tool is not installed"
done

# ---- Podman ------------------------------------------------------------------------------
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v newuidmap >/dev/null; then
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || fail_setup "install podman, runc and uidmap"
  say "installing podman runc uidmap (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc uidmap >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fdw-test-image.XXXXXX")
PIDS=()
CONTAINER=fdw-gateway-test-$$
PGDATA=$WORK/pgdata
PG_STARTED=

# Podman's settings for this run only (/etc stays untouched): runc, since crun refuses the
# hybrid cgroups of some VMs; limits the VM can grant; cgroupfs and a file event log, since
# systemd may not be PID 1. Storage in this run's folder, so cleanup is one rm and no other
# user of Podman on the machine is touched.
export CONTAINERS_CONF=$WORK/containers.conf
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
mkdir -p "$WORK/storage" "$WORK/run"
podman() { command podman --root "$WORK/storage" --runroot "$WORK/run" "$@"; }

cleanup() {
  local code=$?
  podman rm -f "$CONTAINER" >/dev/null 2>&1 || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -n $PG_STARTED ]] && runuser -u postgres -- pg_ctl -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  [[ -n $PG_STARTED && $(id -u) != 0 ]] && pg_ctl -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  podman rmi -a -f >/dev/null 2>&1 || true
  if [[ ${TEST_IMAGE_KEEP:-0} == 1 ]]; then
    say "kept $WORK"
  else
    rm -rf "$WORK" 2>/dev/null || true
  fi
  exit "$code"
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

# ---- a throwaway Postgres with the reference database -------------------------------------
# Its own cluster on a free port: no database of the machine's server is touched, and
# 20-gateway.sql points its foreign server at this same cluster.
PG_PORT=$(free_port)
say "starting a throwaway Postgres on port $PG_PORT"
mkdir -p "$PGDATA"
as_pg=()
if [[ $(id -u) == 0 ]]; then
  chown postgres "$WORK" "$PGDATA"   # initdb refuses root
  chmod 755 "$WORK"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" initdb -D "$PGDATA" -U postgres -A trust >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; fail_setup "initdb"; }
"${as_pg[@]}" pg_ctl -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGDATA" start >/dev/null || { cat "$PGDATA/server.log"; fail_setup "Postgres did not start"; }
PG_STARTED=1
pg() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
pg -d postgres -c 'create database stripe_api' -c 'create database fdw_gateway' >/dev/null
pg -d postgres -f sql/00-roles.sql >/dev/null
pg -d stripe_api -f sql/10-stripe-api.sql >/dev/null
pg -d fdw_gateway -f sql/20-gateway.sql >/dev/null

# ---- the local OIDC issuer ----------------------------------------------------------------
ISSUER_PORT=$(free_port)
ISSUER=http://127.0.0.1:$ISSUER_PORT/realms/dev
java -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$DEV_CLASSES:$APP/lib/main/*" \
  io.fdwgateway.dev.LocalIssuerMain "$ISSUER_PORT" >"$WORK/issuer.log" 2>&1 &
PIDS+=($!)

# ---- the base image: a jlink runtime of the host's JDK -------------------------------------
# The JDK of the default base image (25: the AOT cache path of Dockerfile.jvm) when one is
# installed beside the default java, else the default java (the AppCDS path).
jdk_major() {
  [[ -x $1/bin/java && -f $1/release ]] || return 1
  sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release"
}
default_jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
JDK=${TEST_IMAGE_JDK:-}
if [[ -z $JDK ]]; then
  JDK=$default_jdk
  for home in "$(dirname "$default_jdk")"/*; do
    major=$(jdk_major "$home" || true)
    if [[ -n $major && $major -ge 25 && -x $home/bin/jlink ]]; then JDK=$home; break; fi
  done
fi
[[ -x $JDK/bin/jlink ]] || fail_setup "no jlink in $JDK: set TEST_IMAGE_JDK to a JDK"
say "making the base image from $JDK ($("$JDK/bin/java" -version 2>&1 | head -n1))"
ROOTFS=$WORK/rootfs
available=$("$JDK/bin/java" --list-modules | sed 's/@.*//')
modules=java.se
for m in jdk.unsupported jdk.crypto.ec jdk.crypto.cryptoki jdk.zipfs jdk.management jdk.naming.dns jdk.localedata; do
  grep -qx "$m" <<<"$available" && modules+=",$m"
done
jlink_args=(--add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$ROOTFS/opt/java")
[[ -d $JDK/jmods ]] && jlink_args=(--module-path "$JDK/jmods" "${jlink_args[@]}")
# the default CDS archive: faster start, and the base that the image's AppCDS archive extends
"$JDK/bin/jlink" --list-plugins | grep -q -- --generate-cds-archive && jlink_args+=(--generate-cds-archive)
"$JDK/bin/jlink" "${jlink_args[@]}" >"$WORK/jlink.log" 2>&1 || { cat "$WORK/jlink.log"; fail_setup "jlink"; }
# the shared libraries the runtime links (glibc, zlib …), a shell for the checks below, CA store
copy_with_libs() {
  local f lib
  for f in "$@"; do
    cp -L --parents "$f" "$ROOTFS" 2>/dev/null || true
    for lib in $(ldd "$f" 2>/dev/null | grep -o '/[^ ]*' || true); do
      [[ -e $ROOTFS$lib ]] || cp -L --parents "$lib" "$ROOTFS"
    done
  done
}
mapfile -t binaries < <(find "$ROOTFS/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \))
for f in "${binaries[@]}"; do
  for lib in $(ldd "$f" 2>/dev/null | grep -o '/[^ ]*' || true); do
    [[ -e $ROOTFS$lib ]] || cp -L --parents "$lib" "$ROOTFS"
  done
done
copy_with_libs /bin/sh /bin/rm
mkdir -p "$ROOTFS/etc/ssl/certs" "$ROOTFS/tmp" "$ROOTFS/deployments"
chmod 1777 "$ROOTFS/tmp"
[[ -f /etc/ssl/certs/ca-certificates.crt ]] && cp -L /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/"
if [[ -L $ROOTFS/opt/java/lib/security/cacerts || ! -s $ROOTFS/opt/java/lib/security/cacerts ]]; then
  cp -L "$JDK/lib/security/cacerts" "$ROOTFS/opt/java/lib/security/cacerts.real" && mv -f "$ROOTFS/opt/java/lib/security/cacerts.real" "$ROOTFS/opt/java/lib/security/cacerts"
fi
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$ROOTFS/etc/passwd"
printf 'hosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"
BASE=localhost/fdw-gateway-test-base:jre
tar -C "$ROOTFS" -c . | podman import --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java' - "$BASE" >"$WORK/import.log" 2>&1 || { cat "$WORK/import.log"; fail_setup "podman import"; }

# ---- the image --------------------------------------------------------------------------
IMAGE=localhost/fdw-gateway-test:latest
CONTEXT=$WORK/context
mkdir -p "$CONTEXT/target"
cp -al "$APP" "$CONTEXT/target/quarkus-app" 2>/dev/null || cp -r "$APP" "$CONTEXT/target/quarkus-app"
say "building $IMAGE from deploy/docker/Dockerfile.jvm"
podman build --network none --build-arg BASE_IMAGE="$BASE" -f "$ROOT/deploy/docker/Dockerfile.jvm" \
  -t "$IMAGE" "$CONTEXT" >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; fail_setup "podman build"; }

for _ in $(seq 1 200); do
  curl -sf "$ISSUER/.well-known/openid-configuration" >/dev/null && break
  sleep 0.1
done
curl -sf "$ISSUER/.well-known/openid-configuration" >/dev/null || { cat "$WORK/issuer.log"; fail_setup "the issuer did not start"; }

# ---- run it as a platform would -----------------------------------------------------------
HTTP_PORT=$(free_port)
MGMT_PORT=$(free_port)
say "running the image (--read-only --user 1001 --network host; ports $HTTP_PORT, $MGMT_PORT)"
run_started=$(date +%s%N)
podman run -d --name "$CONTAINER" --read-only --user 1001 --network host \
  -e QUARKUS_HTTP_HOST=127.0.0.1 -e QUARKUS_HTTP_PORT="$HTTP_PORT" \
  -e QUARKUS_MANAGEMENT_HOST=127.0.0.1 -e QUARKUS_MANAGEMENT_PORT="$MGMT_PORT" \
  -e QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/fdw_gateway" \
  -e QUARKUS_DATASOURCE_USERNAME=authenticator \
  -e QUARKUS_OIDC_AUTH_SERVER_URL="$ISSUER" -e QUARKUS_OIDC_TOKEN_AUDIENCE=fdw-gateway \
  "$IMAGE" >/dev/null
READY=
for _ in $(seq 1 600); do
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MGMT_PORT/q/health/ready" || true) == 200 ]]; then
    READY=$(( ($(date +%s%N) - run_started) / 1000000 ))
    break
  fi
  [[ $(podman inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null) == true ]] || break
  sleep 0.1
done
podman logs "$CONTAINER" >"$WORK/gateway.log" 2>&1 || true
if [[ -z $READY ]]; then
  tail -40 "$WORK/gateway.log"
  fail_setup "the gateway in the container did not become ready on the management port $MGMT_PORT"
fi
say "ready ${READY} ms after podman run"

# ---- checks -----------------------------------------------------------------------------
passed=0
failed=0
check() { # name, then a command that succeeds when the check holds
  local name=$1
  shift
  if "$@"; then
    echo "PASS: $name"
    passed=$((passed + 1))
  else
    echo "FAIL: $name"
    failed=$((failed + 1))
  fi
}
status_of() { curl -s -o "$WORK/body" -w '%{http_code}' "$@" || true; }
answers() { # expected status, then curl arguments; the body stays in $WORK/body
  local expected=$1
  shift
  local got
  got=$(status_of "$@")
  [[ $got == "$expected" ]] || { echo "  expected $expected, got $got: $(head -c 300 "$WORK/body")"; return 1; }
}
body_has() { grep -q -- "$1" "$WORK/body" || { echo "  body lacks $1: $(head -c 300 "$WORK/body")"; return 1; }; }

TOKEN=$(curl -sf -X POST -d sub=alice "$ISSUER/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
API=http://127.0.0.1:$HTTP_PORT
MGMT=http://127.0.0.1:$MGMT_PORT

with_token() { answers 200 -H "Authorization: Bearer $TOKEN" "$API/rpc/get_stripe_products?name_prefix=Basic" && body_has '"prod_001"'; }
check "/rpc with a token answers 200 with the reference data" with_token
without_token() { answers 401 "$API/rpc/get_stripe_products?name_prefix=Basic" && body_has 'GW401-missing-token'; }
check "/rpc without a token answers 401 GW401-missing-token (production: no anonymous role)" without_token
check "management port: /q/health/live is UP" answers 200 "$MGMT/q/health/live"
ready() { answers 200 "$MGMT/q/health/ready" && body_has '"status": *"UP"'; }
check "management port: /q/health/ready is UP" ready
metrics() { answers 200 "$MGMT/q/metrics" && body_has '^# TYPE jvm_memory_used_bytes gauge' && body_has '^http_server_requests_seconds_count'; }
check "management port: /q/metrics serves Prometheus metrics" metrics
public_has_no_health() { local s; s=$(status_of "$API/q/health/ready"); [[ $s != 200 ]] || { echo "  /q/health/ready answered 200 on the public port"; return 1; }; }
check "public port: no /q/health" public_has_no_health
PID=$(podman inspect -f '{{.State.Pid}}' "$CONTAINER")
uid_is_1001() { local uid; uid=$(awk '/^Uid:/ { print $2 }' "/proc/$PID/status"); [[ $uid == 1001 ]] || { echo "  uid $uid"; return 1; }; }
check "the gateway process runs as uid 1001" uid_is_1001
read_only_root() {
  [[ $(podman inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$CONTAINER") == true ]] || { echo "  not started read-only"; return 1; }
  if podman exec "$CONTAINER" sh -c ': > /deployments/probe' 2>/dev/null; then echo "  /deployments is writable"; return 1; fi
  if podman exec "$CONTAINER" sh -c ': > /probe' 2>/dev/null; then echo "  / is writable"; return 1; fi
  podman exec "$CONTAINER" sh -c ': > /tmp/probe' || { echo "  /tmp is not writable"; return 1; }
}
check "the root filesystem is read-only (only /tmp is writable)" read_only_root
archive_used() {
  local args
  args=$(podman exec "$CONTAINER" sh -c 'read -r l < /deployments/jvm.args; echo "$l"') || return 1
  echo "  jvm.args: $args"
  [[ $args == -XX:AOTCache=* || $args == -XX:SharedArchiveFile=* ]] || return 1
  ! grep -Eqi 'unable to (use|map).*(archive|AOT cache)|(archive|AOT cache).*(mismatch|error|fail)' "$WORK/gateway.log"
}
check "the image's start-up archive is recorded and maps (no CDS/AOT warning)" archive_used
# text or JSON log lines (production logs JSON)
no_errors() { ! grep -qE ' ERROR |"level" *: *"ERROR"' "$WORK/gateway.log" || { grep -E ' ERROR |"level" *: *"ERROR"' "$WORK/gateway.log" | head -5; return 1; }; }
check "the gateway logged no ERROR" no_errors

podman logs "$CONTAINER" >"$WORK/gateway.log" 2>&1 || true
say "took $(( $(date +%s) - started )) s; image size $(podman image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
echo "test-image: $passed passed, $failed failed"
if (( failed > 0 )); then
  say "the gateway's log:"
  tail -40 "$WORK/gateway.log"
  exit 1
fi
