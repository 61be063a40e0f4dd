#!/usr/bin/env bash
# Load run: RIG's RGP server vs a bare Javalin endpoint doing the same wire work (bench/README.md).
# Both listen on 127.0.0.1 only; each gets a short warm-up, then the same bounded wrk run:
#   wrk -t2 -c64 -d20s --latency  POST /v1/tools/echo:call {"args":{"message":"hi"}}
# Prints req/s, p50, p99 of each and the RIG/bare ratios; exits 1 on any non-2xx or socket error or a
# missed target (RIG >= 50% of bare's req/s, RIG p99 <= 2x bare's p99).
# Usage: bench/load.sh            (env: DURATION=20s WARMUP=10s THREADS=2 CONNECTIONS=64 JAVA=...)
#        IDS=ordered bench/load.sh  (diagnostic: every request carries a time-ordered X-RIG-Correlation-ID,
#                                    so RIG's audit_events.run_id index is appended to, not randomly inserted)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
IDS=${IDS:-random}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

source bench/java.sh
build_jar

WORK=$(mktemp -d /tmp/rig-load.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# start NAME MAINCLASS ARGS...: runs the server on a free 127.0.0.1 port, sets PORT.
start() {
  local name=$1; shift
  "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -Xms512m -Xmx512m -cp "$JAR" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    if grep -q '^listening on port ' "$WORK/$name.out" 2>/dev/null; then
      PORT=$(awk '/^listening on port /{print $4; exit}' "$WORK/$name.out"); return
    fi
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$WORK/$name.err" >&2; exit 1
}

start bare dev.rig.bench.BareServer 0
BARE_PORT=$PORT
start rig dev.rig.bench.RigServerMain 0 "$WORK/rig-state"
RIG_PORT=$PORT

if [[ $IDS == ordered ]]; then
cat >"$WORK/echo.lua" <<'LUA'
-- a time-ordered X-RIG-Correlation-ID on every request: counter first, then the wrk thread and a random tail
local n = 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
end
local counter = 0
local body = '{"args":{"message":"hi"}}'
request = function()
  counter = counter + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
    ["X-RIG-Correlation-ID"] = string.format("%012x-%d-%08x", counter, tid, math.random(0, 2147483647))}, body)
end
LUA
else
cat >"$WORK/echo.lua" <<'LUA'
wrk.method = "POST"
wrk.body   = '{"args":{"message":"hi"}}'
wrk.headers["Content-Type"] = "application/json"
LUA
fi

PATH_=/v1/tools/echo:call
for side in bare rig; do
  port=BARE_PORT; [[ $side == rig ]] && port=RIG_PORT
  echo "$side answer: $(curl -s -X POST -H 'Content-Type: application/json' -d '{"args":{"message":"hi"}}' "http://127.0.0.1:${!port}$PATH_")"
done

# to_us VALUE: wrk latency (e.g. 812.00us, 1.25ms, 2.01s) in microseconds
to_us() {
  awk -v v="$1" 'BEGIN{ n=v+0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n*1000; else if (v ~ /m$/) print n*60e6; else print n*1e6 }'
}

run() { # run SIDE PORT
  local side=$1 port=$2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$WORK/echo.lua" "http://127.0.0.1:$port$PATH_" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/echo.lua" "http://127.0.0.1:$port$PATH_" \
    >"$WORK/$side.wrk"
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/{print $2}' "$WORK/$side.wrk")
  p50=$(to_us "$(awk '$1=="50%"{print $2}' "$WORK/$side.wrk")")
  p99=$(to_us "$(awk '$1=="99%"{print $2}' "$WORK/$side.wrk")")
  errors=$(grep -E 'Non-2xx|Socket errors' "$WORK/$side.wrk" || true)
  eval "${side}_rps=$rps ${side}_p50=$p50 ${side}_p99=$p99"
  eval "${side}_errors=\"\$errors\""
}

echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); load before: $(uptime | sed "s/.*load average/load average/")"
run bare "$BARE_PORT"
run rig "$RIG_PORT"
echo "load after: $(uptime | sed 's/.*load average/load average/')"

rows=$("$JAVA_BIN" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.rig.bench.AuditCount "$WORK/rig-state" 2>/dev/null || echo "?")

printf '\nwrk -t%s -c%s -d%s --latency, POST %s (127.0.0.1), correlation ids: %s\n' "$THREADS" "$CONNECTIONS" "$DURATION" "$PATH_" "$IDS"
printf '%-6s %12s %12s %12s\n' server req/s p50_us p99_us
printf '%-6s %12.0f %12.0f %12.0f\n' bare "$bare_rps" "$bare_p50" "$bare_p99"
printf '%-6s %12.0f %12.0f %12.0f\n' rig "$rig_rps" "$rig_p50" "$rig_p99"
ratio=$(awk -v a="$rig_rps" -v b="$bare_rps" 'BEGIN{printf "%.2f", a/b}')
p99ratio=$(awk -v a="$rig_p99" -v b="$bare_p99" 'BEGIN{printf "%.2f", a/b}')
echo "RIG/bare throughput ratio: $ratio (target >= 0.50); RIG/bare p99 ratio: $p99ratio (target <= 2.00)"
echo "RIG audit rows written: $rows"

status=0
for side in bare rig; do
  e=${side}_errors
  if [[ -n "${!e}" ]]; then echo "$side ERRORS: ${!e}"; status=1; else echo "$side errors: 0"; fi
done
awk -v r="$ratio" 'BEGIN{exit !(r >= 0.5)}' || { echo "MISSED: throughput ratio $ratio < 0.50"; status=1; }
awk -v r="$p99ratio" 'BEGIN{exit !(r <= 2.0)}' || { echo "MISSED: p99 ratio $p99ratio > 2.00"; status=1; }
exit $status
