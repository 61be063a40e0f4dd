#!/usr/bin/env bash
# Idle gateway with mounted servers (bench/README.md, "Mounted MCP servers"): McpIdle opens a gateway with
# five stdio MCP servers started at boot (3 × server-everything, 2 × server-filesystem), serves RGP, calls
# each once, then leaves it idle, sampling every INTERVAL s for MINUTES: platform threads, all threads
# (virtual too), heap used after a full GC, non-heap, JVM RSS, server processes and their RSS. Prints
# first / last / max. Checks before and after the idle time that the gateway still answers (RGP health, an
# RGP call through a mounted server, a new virtual thread). Exits 1 when threads, server processes or the
# heap after GC grew, or when the gateway stopped answering.
# Usage: bench/mcp-idle.sh   (env: MINUTES=10 INTERVAL=30 JAVA=... JAVA_OPTS=...)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
build_jar
source bench/mcp-servers.sh
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); JAVA_OPTS: ${JAVA_OPTS:--Xmx512m}"
echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git status --porcelain -- rig-spi rig-core rig-mcp rig-server 2>/dev/null | grep -q . && echo ' + uncommitted changes')"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
set +e
# shellcheck disable=SC2086
"$JAVA_BIN" ${JAVA_OPTS:--Xmx512m} --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED -cp "$JAR" dev.rig.bench.McpIdle \
  --node-dir "$NODE_DIR" --minutes "${MINUTES:-10}" --interval-seconds "${INTERVAL:-30}"
status=$?
set -e
echo "load after: $(uptime | sed 's/.*load average/load average/')"
exit $status
