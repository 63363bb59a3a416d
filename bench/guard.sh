#!/usr/bin/env bash
# fdw-gateway regression guard: CPU time and bytes allocated per call of the gateway's own
# per-call pipeline, without the network and without a database (io.fdwgateway.bench.PipelineCost,
# a test-scope main class; not a test, so ./mvnw verify never runs it).
#
# Bytes per call hardly move with the machine's load: compare them with the figures in
# bench/README.md after a change. CPU ns per call is the thread's own CPU time (not
# wall-clock), so it is far less noisy than req/s, but still moves a little with other work.
#
# Usage: bench/guard.sh [calls-per-round [rounds]]     (defaults 1000000 and 5)
#   GUARD_BUILD=0  do not compile (use target/classes and target/test-classes as they are)
# Needs: java 17, the Maven wrapper. About a minute after the compile.
set -euo pipefail
cd "$(dirname "$0")/.."
CP_FILE=target/guard.classpath
if [[ ${GUARD_BUILD:-1} == 1 || ! -f target/test-classes/io/fdwgateway/bench/PipelineCost.class ]]; then
  echo "guard: compiling (./mvnw test-compile)" >&2
  ./mvnw -B -q -ntp test-compile
fi
if [[ ! -f $CP_FILE || pom.xml -nt $CP_FILE ]]; then
  ./mvnw -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
fi
echo "guard: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -n1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
# the JVM as the gateway runs it in bench/ (serial collector, small heap), one thread
java -Xms64m -Xmx128m -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" \
  io.fdwgateway.bench.PipelineCost "${1:-1000000}" "${2:-5}"
