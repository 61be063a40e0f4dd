#!/usr/bin/env bash
# MCP stdio round trip (bench/README.md, "MCP"): starts the distribution's `bin/rig mcp --dir <fresh temp dir>`
# (a real process, embedded defaults, SQLite audit on), initializes, warms up, then times sequential
# tools/call echo {"message":"hi"} round trips at concurrency 1 (request line written to its stdin ->
# response line read from its stdout). Prints p50/p90/p99/p99.9/max in µs; exits 1 on any bad response
# or p50 > 1000 µs.
# Usage: bench/mcp-stdio.sh   (env: CALLS=20000 WARMUP_CALLS=5000 JAVA=... RIG_JAVA_OPTS=... NO_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/mcp-common.sh
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); RIG_JAVA_OPTS: ${RIG_JAVA_OPTS:-(none)}"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
set +e
"$JAVA_BIN" -cp "$JAR" dev.rig.bench.McpStdioRoundTrip --calls "${CALLS:-20000}" --warmup "${WARMUP_CALLS:-5000}" \
  -- "$RIG" mcp --dir '{dir}'
status=$?
set -e
echo "load after: $(uptime | sed 's/.*load average/load average/')"
exit $status
