#!/usr/bin/env bash
# Swap latency with twelve packs (bench/README.md, "Canary and swaps"): a workspace made as packs.sh makes
# it (`rig init`, then `rig install` of the ten hero packs: echo, fs and ten more), then SwapLatency in one
# JVM on the distribution's class path (the jars of rig-cli/target/rig/lib, as `rig serve` runs, plus the
# bench module's own classes): a gateway on that workspace, 4 caller threads calling all the time, and
# ROUNDS promotions of a canary (rig.lock with fs.list_directory held back, or not, alternately; 10 %), each
# timed from promote() to the first call completed on the promoted snapshot. Then gateway.reload() timed.
# Exits 1 when the p95 swap latency is above TARGET_MS (50) or any call failed.
# Usage: bench/swap.sh    (env: ROUNDS=30 CALLERS=4 RELOADS=10 TARGET_MS=50 JAVA=... SWAP_OPTS="jvm options"
#                          RIG_DIST=<a built distribution, instead of ./rig's rig-cli/target/rig>)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
HEROES=(stripe twilio slack sendgrid github google notion airtable supabase elevenlabs)
build_jar
if [[ -z ${RIG_DIST:-} ]]; then
  ./rig --version >/dev/null
  RIG_DIST=rig-cli/target/rig
fi
RIG=$RIG_DIST/bin/rig
BENCH_CLASSES=$(ls bench/target/rig-bench-*.jar | grep -v sources | head -1)
export JAVA_HOME=$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/{print $2}')
WS=$(mktemp -d /tmp/rig-swap-bench.XXXXXX)
trap 'rm -rf "$WS"' EXIT
export RIG_CACHE_DIR=$WS/.cache

"$RIG" init --dir "$WS" >/dev/null 2>&1
"$RIG" install "${HEROES[@]}" --dir "$WS" >"$WS/install.out" 2>"$WS/install.err" || { cat "$WS/install.err"; exit 1; }
"$RIG" verify --dir "$WS" >/dev/null
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); cores: $(nproc); rig-core: $(sha256sum "$RIG_DIST"/lib/rig-core-*.jar | cut -c1-12)"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
set +e
# shellcheck disable=SC2086
"$JAVA_BIN" -Xms512m -Xmx512m --enable-native-access=ALL-UNNAMED ${SWAP_OPTS:-} \
  -cp "$BENCH_CLASSES:$RIG_DIST/lib/*" dev.rig.bench.SwapLatency --dir "$WS" \
  --rounds "${ROUNDS:-30}" --callers "${CALLERS:-4}" --reloads "${RELOADS:-10}" --target-ms "${TARGET_MS:-50}" \
  2>"$WS/gateway.log"
status=$?
set -e
echo "load after: $(uptime | sed 's/.*load average/load average/')"
warnings=$(grep -c '"level":"\(WARN\|ERROR\)"' "$WS/gateway.log" || true)
if [[ $warnings -gt 0 ]]; then
  echo "gateway warnings/errors: $warnings, the first ones:"
  grep '"level":"\(WARN\|ERROR\)"' "$WS/gateway.log" | head -5
fi
if [[ $status -ne 0 && $status -ne 1 ]]; then tail -20 "$WS/gateway.log"; fi
exit $status
