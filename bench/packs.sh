#!/usr/bin/env bash
# Pack ecosystem figures (bench/README.md, "Packs"):
#  1. `rig install echo` from the bundled repository into a workspace: wall time of the whole command
#     (JVM start, Maven Resolver, copy, sha256, loading the pack once, rig.lock and rig.yaml), RUNS times
#     after `rig uninstall echo`.
#  2. `rig serve` start with twelve packs enabled (echo and fs from `rig init`, ten stand-ins carrying the
#     hero packs' real SDK jars from Maven Central, see TwelvePacks.java): process spawn -> first 200 of
#     GET /v1/tools listing every pack's tools, jar verification included; RUNS starts after one that
#     writes bin/rig's class-sharing archive.
# Exits 1 when a median misses its target (install 3000 ms, start 2000 ms).
# Usage: bench/packs.sh        (env: RUNS=7 JAVA=... RIG_BENCH_CACHE=dir for the SDK downloads)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
RUNS=${RUNS:-7}
build_jar
./rig --version >/dev/null
RIG=rig-cli/target/rig/bin/rig
export JAVA_HOME=$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/{print $2}')
WS=$(mktemp -d /tmp/rig-packs-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WS"' EXIT
export RIG_CACHE_DIR=$WS/.cache
CACHE=${RIG_BENCH_CACHE:-$HOME/.rig/bench-cache}
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

"$RIG" init --dir "$WS" >/dev/null 2>&1
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); cores: $(nproc)"
times=()
for i in $(seq 1 "$RUNS"); do
  "$RIG" uninstall echo --dir "$WS" >/dev/null 2>&1
  t0=$(date +%s%N)
  "$RIG" install echo --dir "$WS" >/dev/null 2>&1
  t1=$(date +%s%N)
  times+=("$(ms "$t0" "$t1")")
done
install_median=$(printf '%s\n' "${times[@]}" | median)
echo "rig install echo (bundled repository): runs ${times[*]} ms; median ${install_median} ms"

port=18787
start_once() {
  local t0 t1 body
  t0=$(date +%s%N)
  "$RIG" serve --dir "$WS" --port $port >/dev/null 2>"$WS/serve.log" &
  local pid=$!
  until body=$(curl -sf "http://127.0.0.1:$port/v1/tools" 2>/dev/null); do sleep 0.005; done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  packs=$(printf '%s' "$body" | grep -o '"name":"[a-z]*[.]' | sort -u | wc -l)
  tools=$(printf '%s' "$body" | grep -o '"name":' | wc -l)
  echo "$(ms "$t0" "$t1")"
}
rm -f rig-cli/target/rig/lib/rig-serve.jsa
start_once >/dev/null
times=()
for i in $(seq 1 "$RUNS"); do times+=("$(start_once)"); done
echo "rig serve with echo and fs only (baseline): runs ${times[*]} ms; median $(printf '%s\n' "${times[@]}" | median) ms"

"$JAVA_BIN" -cp "$JAR" dev.rig.bench.TwelvePacks "$WS" "$CACHE" 2>/dev/null
"$RIG" verify --dir "$WS" >/dev/null
rm -f rig-cli/target/rig/lib/rig-serve.jsa
first=$(start_once)
times=()
for i in $(seq 1 "$RUNS"); do times+=("$(start_once)"); done
start_median=$(printf '%s\n' "${times[@]}" | median)
curl_check=$("$RIG" list --packs --dir "$WS" 2>/dev/null | tail -n +2 | wc -l)
echo "rig serve with $curl_check packs enabled (jars verified): first start ${first} ms (writes the CDS archive);"
echo "  then runs ${times[*]} ms; median ${start_median} ms to the first 200 of GET /v1/tools"
grep -q '"level":"WARN"' "$WS/serve.log" && { echo "warnings while serving:"; grep WARN "$WS/serve.log" | head; }
fail=0
[[ $install_median -le 3000 ]] || { echo "install median above 3000 ms"; fail=1; }
[[ $start_median -le 2000 ]] || { echo "start median above 2000 ms"; fail=1; }
exit $fail
