#!/usr/bin/env bash
# Pack figures (bench/README.md, "Packs"):
#  1. `rig install echo` from the bundled repository into a workspace: wall time of the whole command
#     (JVM start, Maven Resolver, copy, sha256, loading the pack once, rig.lock and rig.yaml), RUNS times
#     after `rig uninstall echo`.
#  2. `rig install` of the ten hero packs (pack jars from the bundled repository, their SDKs from ~/.m2 or
#     Maven Central), once.
#  3. `rig serve` with twelve packs enabled (echo, fs and the ten hero packs): process spawn -> first 200 of
#     GET /v1/tools, jar verification included; RUNS starts after one that writes the class-sharing archive;
#     baseline: the same with echo and fs only.
#  4. Heap of that server after start: used before and after a full GC (jcmd GC.heap_info), committed, RSS.
# Exits 1 when a target is missed (install 3000 ms, start 2000 ms, heap after GC 150 MB).
# Usage: bench/packs.sh        (env: RUNS=7 JAVA=...)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
RUNS=${RUNS:-7}
HEROES=(stripe twilio slack sendgrid github google notion airtable supabase elevenlabs)
./rig --version >/dev/null
RIG=rig-cli/target/rig/bin/rig
export JAVA_HOME=$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/{print $2}')
JCMD="$JAVA_HOME/bin/jcmd"
WS=$(mktemp -d /tmp/rig-packs-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WS"' EXIT
export RIG_CACHE_DIR=$WS/.cache
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
port=18787
SERVE_PID=
start_serve() {
  "$RIG" serve --dir "$WS" --port $port >/dev/null 2>"$WS/serve.log" &
  SERVE_PID=$!
  until curl -sf "http://127.0.0.1:$port/v1/tools" >"$WS/tools.json" 2>/dev/null; do sleep 0.005; done
}
stop_serve() { kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; }
start_once() {
  local t0 t1
  t0=$(date +%s%N); start_serve; t1=$(date +%s%N); stop_serve
  echo "$(ms "$t0" "$t1")"
}
starts() {
  rm -f rig-cli/target/rig/lib/rig-serve.jsa
  local first times=()
  first=$(start_once)
  for i in $(seq 1 "$RUNS"); do times+=("$(start_once)"); done
  echo "$first|${times[*]}|$(printf '%s\n' "${times[@]}" | median)"
}

"$RIG" init --dir "$WS" >/dev/null 2>&1
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); cores: $(nproc)"
times=()
for i in $(seq 1 "$RUNS"); do
  "$RIG" uninstall echo --dir "$WS" >/dev/null 2>&1
  t0=$(date +%s%N); "$RIG" install echo --dir "$WS" >/dev/null 2>&1; t1=$(date +%s%N)
  times+=("$(ms "$t0" "$t1")")
done
install_median=$(printf '%s\n' "${times[@]}" | median)
echo "rig install echo (bundled repository): runs ${times[*]} ms; median ${install_median} ms"

IFS='|' read -r first runs base_median <<<"$(starts)"
echo "rig serve, echo and fs only: runs $runs ms; median ${base_median} ms"

t0=$(date +%s%N)
"$RIG" install "${HEROES[@]}" --dir "$WS" >"$WS/install.out" 2>"$WS/install.err" || { cat "$WS/install.err"; exit 1; }
t1=$(date +%s%N)
jars=$(find "$WS/.rig/packs" -name '*.jar' | wc -l)
mb=$(du -sm "$WS/.rig/packs" | cut -f1)
echo "rig install of the ten hero packs: $(ms "$t0" "$t1") ms ($jars jars, $mb MB under .rig/packs, twelve packs in all)"
"$RIG" verify --dir "$WS" >/dev/null

IFS='|' read -r first runs start_median <<<"$(starts)"
packs=$(grep -o '"name":"[a-z]*[.]' "$WS/tools.json" | sort -u | wc -l)
tools=$(grep -o '"name":"' "$WS/tools.json" | wc -l)
echo "rig serve, 12 packs ($tools tools listed), jars verified: first start ${first} ms (writes the CDS archive);"
echo "  then runs $runs ms; median ${start_median} ms to the first 200 of GET /v1/tools"

start_serve
before=$("$JCMD" "$SERVE_PID" GC.heap_info | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
committed=$("$JCMD" "$SERVE_PID" GC.heap_info | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="committed") {print $(i+1); exit}}')
"$JCMD" "$SERVE_PID" GC.run >/dev/null
after=$("$JCMD" "$SERVE_PID" GC.heap_info | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
rss=$(awk '/VmRSS/ {print $2}' "/proc/$SERVE_PID/status")
stop_serve
kb() { local v=${1//,/}; echo "${v%K}"; }
after_mb=$(( $(kb "$after") / 1024 ))
echo "heap of rig serve with the 12 packs after start: used $(( $(kb "$before") / 1024 )) MB before GC,"
echo "  ${after_mb} MB after a full GC (live set); committed $(( $(kb "$committed") / 1024 )) MB; RSS $(( rss / 1024 )) MB"
grep -q '"level":"WARN"' "$WS/serve.log" && { echo "warnings while serving:"; grep WARN "$WS/serve.log" | head; }
fail=0
[[ $install_median -le 3000 ]] || { echo "install median above 3000 ms"; fail=1; }
[[ $start_median -le 2000 ]] || { echo "start median above 2000 ms"; fail=1; }
[[ $after_mb -le 150 ]] || { echo "heap after GC above 150 MB"; fail=1; }
exit $fail
