#!/usr/bin/env bash
# Mounted stdio MCP server overhead (bench/README.md, "Mounted MCP servers"): MountedServerBenchmark calls
# server-everything's echo through RIG (mounted as everything.echo, whole pipeline, SQLite audit) and
# directly with the MCP Java SDK's async client over stdio, same run, one caller; JMH SampleTime in µs.
# The figure is p50(rig) − p50(direct); target ≤ 1 ms.
# Usage: bench/mcp-mount.sh [JMH options]   (env: JAVA=...; e.g. bench/mcp-mount.sh -prof stack)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
build_jar
source bench/mcp-servers.sh
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1)"
echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git status --porcelain -- rig-spi rig-core rig-mcp rig-server 2>/dev/null | grep -q . && echo ' + uncommitted changes')"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
RIG_BENCH_NODE_DIR=$NODE_DIR "$JAVA_BIN" -jar "$JAR" MountedServerBenchmark "$@"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
