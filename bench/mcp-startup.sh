#!/usr/bin/env bash
# MCP stdio startup (bench/README.md, "MCP"): spawn -> initialize response of the distribution's
# `bin/rig mcp`, written to right after the spawn; then tools/list and a first tools/call, as a client
# does. Series per variant: first (the very first start; bin/rig's class data sharing archive
# lib/rig-mcp.jsa is deleted before it, so this is the first start after install, which writes the
# archive), RUNS fresh starts (new empty working dir each) and RUNS warm starts (.rig/audit.db exists).
# Exits 1 when a fresh/warm start of a variant takes > 1500 ms to answer initialize, or a step fails.
# Usage: bench/mcp-startup.sh                      (env: RUNS=7 JAVA=... NO_BUILD=1)
#        VARIANTS="rig plain aot" bench/mcp-startup.sh
# Variants (JVM flags only; product code unchanged):
#   rig      bin/rig mcp as shipped (launcher's `java -version` check, then the JVM with its
#            per-command AppCDS archive, -XX:+AutoCreateSharedArchive)
#   plain    java -cp 'lib/*' dev.rig.cli.Main mcp: no launcher script, no app CDS (JDK's default CDS only)
#   aot      JDK 24+ AOT cache (JEP 483/514/515): one training run (-XX:AOTCacheOutput, 300 echo calls),
#            then java -XX:AOTCache=... -cp 'lib/*' dev.rig.cli.Main mcp
#   rig:OPT,OPT...  bin/rig mcp with RIG_JAVA_OPTS="OPT OPT ..." (e.g. rig:-XX:TieredStopAtLevel=1,-XX:+UseSerialGC);
#            the archive is deleted before its first start too, so it is written with these options
#   rig-v    bin/rig mcp -v: DEBUG logs on stderr, so the "database ready"/"gateway ready" times show
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/mcp-common.sh
RUNS=${RUNS:-7}
VARIANTS=${VARIANTS:-rig}
LIB=$(dirname "$RIG")/../lib
LIB=$(cd "$LIB" && pwd -P)
HOME_=$(dirname "$LIB")
WORK=$(mktemp -d /tmp/rig-mcp-startup.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PLAIN=("$JAVA_BIN" --enable-native-access=ALL-UNNAMED -Drig.home="$HOME_" -cp "$LIB/*")
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1)"
status=0
for variant in $VARIANTS; do
  rm -f "$LIB/rig-mcp.jsa"
  opts=
  case $variant in
    rig)    cmd=("$RIG" mcp --dir '{dir}') ;;
    rig-v)  cmd=("$RIG" mcp -v --dir '{dir}') ;;
    rig:*)  cmd=("$RIG" mcp --dir '{dir}'); opts=${variant#rig:}; opts=${opts//,/ } ;;
    plain)  cmd=("${PLAIN[@]}" dev.rig.cli.Main mcp --dir '{dir}') ;;
    aot)
      echo "aot: training run (writes $WORK/rig-mcp.aot) ..."
      "$JAVA_BIN" -cp "$JAR" dev.rig.bench.McpStdioRoundTrip --calls 300 --warmup 0 --target-us 1000000 -- \
        "${PLAIN[@]}" -XX:AOTCacheOutput="$WORK/rig-mcp.aot" -Xlog:aot=warning dev.rig.cli.Main mcp --dir '{dir}' \
        | grep -E '^(ERROR|MISSED|server exit)' || true
      [[ -f $WORK/rig-mcp.aot ]] || { echo "aot: no cache written (JDK 24+ needed)"; status=1; continue; }
      cmd=("${PLAIN[@]}" -XX:AOTCache="$WORK/rig-mcp.aot" dev.rig.cli.Main mcp --dir '{dir}') ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
  echo
  echo "== variant $variant${opts:+ (RIG_JAVA_OPTS=$opts)}; load before: $(uptime | sed 's/.*load average: //')"
  RIG_JAVA_OPTS=$opts "$JAVA_BIN" -cp "$JAR" dev.rig.bench.McpStartup --runs "$RUNS" -- "${cmd[@]}" || status=1
  echo "load after: $(uptime | sed 's/.*load average: //')"
done
rm -f "$LIB/rig-mcp.jsa"
exit $status
