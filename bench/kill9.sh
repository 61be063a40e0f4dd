#!/usr/bin/env bash
# Durability under kill -9: every acknowledged call is in the audit log, and the hash chain holds.
# Starts the RIG server (127.0.0.1, free port, fresh temp dir) as its own JVM, drives echo calls from
# CLIENTS threads for SECONDS, kills the server with SIGKILL mid-load, then checks the SQLite audit log.
# Prints "acknowledged N, present N, missing 0" and "hash chain: intact"; exit 0 only if both hold.
# Usage: bench/kill9.sh [CLIENTS=16] [SECONDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bench/target/benchmarks.jar
JAVA_BIN=${JAVA:-}
if [[ -z $JAVA_BIN ]]; then
  for j in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [[ -x "$j" ]] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
    if [[ "${v%%.*}" -ge 21 ]]; then JAVA_BIN=$j; break; fi
  done
fi
[[ -n $JAVA_BIN ]] || { echo "no JDK 21+ found (set JAVA or JAVA_HOME)" >&2; exit 2; }
if [[ ! -f $JAR ]] || [[ -n "$(find bench/src rig-core/src rig-server/src rig-spi/src packs/rig-pack-echo/src bench/pom.xml -newer $JAR -type f 2>/dev/null | head -1)" ]]; then
  echo "building $JAR ..." >&2
  ./mvnw -q -o -pl bench -am package -DskipTests
fi
exec "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.rig.bench.AuditDurability "${1:-16}" "${2:-5}"
