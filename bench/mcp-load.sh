#!/usr/bin/env bash
# Load run: the same echo call over MCP streamable HTTP and over RGP, against ONE RIG server process
# (RigServerMain: embedded defaults, SQLite audit on, RgpServer with /mcp on the same port), 127.0.0.1.
#   MCP: POST /mcp  tools/call {"name":"echo","arguments":{"message":"hi"}}  (Mcp-Session-Id from an
#        initialize + notifications/initialized done with curl before the run; answered as SSE)
#   RGP: POST /v1/tools/echo:call {"args":{"message":"hi"}}
# Each side: a warm-up, then wrk -t2 -c64 -d20s --latency. Every response is checked in wrk's Lua
# `response` hook: MCP must be 200 with a JSON-RPC "result", "isError":false and the echoed "hi" and
# no JSON-RPC "error"; RGP must be 200 with "ok":true and the echoed "hi". Prints req/s, p50, p99 of
# both and MCP/RGP; exits 1 on any socket error, non-2xx, bad response, or MCP/RGP req/s < 0.70.
# Usage: bench/mcp-load.sh   (env: DURATION=20s WARMUP=10s THREADS=2 CONNECTIONS=64 JAVA=...
#                             SESSIONS=shared|thread  ORDER=mcp-first|rgp-first  TARGET=0.70  CHECK=on|off)
#   SERVER_OPTS="-XX:StartFlightRecording=filename=/tmp/mcp.jfr,settings=profile" adds JVM options to the server.
#   CHECK=off (diagnostic only, then the run exits 1): no Lua `response` hook, so wrk does not hand
#   every body to Lua; prices the check's own CPU (wrk shares the 2 cores with the server).
#   SESSIONS=shared (default): one MCP session for all 64 connections (the SDK serves concurrent POSTs
#   on one session: every request has its own response stream). SESSIONS=thread: one session per wrk
#   thread (wrk has no per-connection hook, so one session per connection is not possible).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
SESSIONS=${SESSIONS:-shared}
ORDER=${ORDER:-mcp-first}
TARGET=${TARGET:-0.70}
CHECK=${CHECK:-on}
case $CHECK in on) LUA_CHECK=true ;; off) LUA_CHECK=false ;; *) echo "CHECK must be on or off" >&2; exit 2 ;; esac

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 2; }

source bench/java.sh
build_jar

WORK=$(mktemp -d /tmp/rig-mcp-load.XXXXXX)
PID=
cleanup() {
  if [[ -n $PID ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck disable=SC2086 # SERVER_OPTS is a list of JVM options
"$JAVA_BIN" --enable-native-access=ALL-UNNAMED -Xms512m -Xmx512m ${SERVER_OPTS:-} -cp "$JAR" dev.rig.bench.RigServerMain 0 "$WORK/rig-state" \
  >"$WORK/rig.out" 2>"$WORK/rig.err" &
PID=$!
PORT=
for _ in $(seq 1 300); do
  if grep -q '^listening on port ' "$WORK/rig.out" 2>/dev/null; then
    PORT=$(awk '/^listening on port /{print $4; exit}' "$WORK/rig.out"); break
  fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n $PORT ]] || { echo "RIG server did not start:" >&2; cat "$WORK/rig.err" >&2; exit 1; }
BASE=http://127.0.0.1:$PORT
MCP_HEADERS=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')

# new_session: initialize + notifications/initialized; prints the Mcp-Session-Id
new_session() {
  local sid
  curl -sS -D "$WORK/init.headers" -o "$WORK/init.body" -X POST "${MCP_HEADERS[@]}" \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcp-load","version":"1"}}}' \
    "$BASE/mcp"
  sid=$(awk -F': ' 'tolower($1)=="mcp-session-id"{gsub(/\r/,"",$2); print $2}' "$WORK/init.headers")
  if [[ -z $sid ]] || ! grep -q '"result"' "$WORK/init.body"; then
    echo "initialize failed:" >&2; cat "$WORK/init.headers" "$WORK/init.body" >&2; exit 1
  fi
  local code
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "${MCP_HEADERS[@]}" -H "Mcp-Session-Id: $sid" \
    -H 'MCP-Protocol-Version: 2025-11-25' -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$BASE/mcp")
  [[ $code == 202 ]] || { echo "notifications/initialized answered $code, expected 202" >&2; exit 1; }
  echo "$sid"
}

SIDS=()
case $SESSIONS in
  shared) SIDS=("$(new_session)") ;;
  thread) for _ in $(seq 1 "$THREADS"); do SIDS+=("$(new_session)"); done ;;
  *) echo "SESSIONS must be shared or thread" >&2; exit 2 ;;
esac

# One sample of each, shown, so a reader sees what the load generator gets.
echo "MCP answer (sample): $(curl -sS -D "$WORK/sample.headers" -X POST "${MCP_HEADERS[@]}" -H "Mcp-Session-Id: ${SIDS[0]}" \
  -H 'MCP-Protocol-Version: 2025-11-25' \
  -d '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}' "$BASE/mcp" | tr -d '\r' | paste -sd' ')"
echo "MCP answer Content-Type: $(awk -F': ' 'tolower($1)=="content-type"{print $2}' "$WORK/sample.headers" | tr -d '\r')"
echo "RGP answer (sample): $(curl -sS -X POST -H 'Content-Type: application/json' -d '{"args":{"message":"hi"}}' "$BASE/v1/tools/echo:call")"

# Lua for wrk: the request generator and the per-response check, shared by both sides.
# SIDE_* globals are written at the top per side.
lua_common() {
cat <<'LUA'
local threads = {}
local count = 0
function setup(thread)
  count = count + 1
  thread:set("tid", count)
  thread:set("sid", SESSION_IDS[(count - 1) % #SESSION_IDS + 1])
  table.insert(threads, thread)
end
function init(args)
  good, bad, first_bad, n = 0, 0, "", 0
  headers = {["Content-Type"] = "application/json"}
  if MCP then
    headers["Accept"] = "application/json, text/event-stream"
    headers["Mcp-Session-Id"] = sid
    headers["MCP-Protocol-Version"] = "2025-11-25"
  end
end
request = function()
  n = n + 1
  local body
  if MCP then
    -- a unique JSON-RPC id per request (RIG keys in-flight calls by session and id)
    body = '{"jsonrpc":"2.0","id":' .. (n * 16 + tid) ..
      ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}'
  else
    body = '{"args":{"message":"hi"}}'
  end
  return wrk.format("POST", nil, headers, body)
end
if CHECK then response = function(status, hdrs, body)
  local ok
  if MCP then
    ok = status == 200 and body:find('"result":{', 1, true) and body:find('"isError":false', 1, true)
      and body:find('"message":"hi"', 1, true) and not body:find('"error":{', 1, true)
  else
    ok = status == 200 and body:find('"ok":true', 1, true) and body:find('"message":"hi"', 1, true)
  end
  if ok then good = good + 1 else
    bad = bad + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 400) end
  end
end end
done = function(summary, latency, requests)
  local g, b, fb = 0, 0, ""
  for _, t in ipairs(threads) do
    g = g + t:get("good"); b = b + t:get("bad")
    if fb == "" then fb = t:get("first_bad") end
  end
  io.write(string.format("checked_good %d\nchecked_bad %d\n", g, b))
  if fb ~= "" then io.write("first_bad " .. fb:gsub("\n", " ") .. "\n") end
end
LUA
}
{
  echo "MCP = true"; echo "CHECK = $LUA_CHECK"
  printf 'SESSION_IDS = {'; printf '"%s",' "${SIDS[@]}"; echo '}'
  lua_common
} >"$WORK/mcp.lua"
{
  echo "MCP = false"; echo "CHECK = $LUA_CHECK"
  echo 'SESSION_IDS = {""}'
  lua_common
} >"$WORK/rgp.lua"

to_us() { # wrk latency (812.00us, 1.25ms, 2.01s) in µs
  awk -v v="$1" 'BEGIN{ n=v+0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n*1000; else if (v ~ /m$/) print n*60e6; else print n*1e6 }'
}
url_of() { if [[ $1 == mcp ]]; then echo "$BASE/mcp"; else echo "$BASE/v1/tools/echo:call"; fi; }

status=0
warm() { # warm SIDE
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$WORK/$1.lua" "$(url_of "$1")" >"$WORK/$1.warm"
  local bad
  bad=$(awk '/^checked_bad /{print $2}' "$WORK/$1.warm")
  if [[ ${bad:-1} != 0 ]] || grep -qE 'Non-2xx|Socket errors' "$WORK/$1.warm"; then
    echo "$1 warm-up ERRORS:"; grep -E 'Non-2xx|Socket errors|checked_|first_bad' "$WORK/$1.warm" || true; status=1
  fi
}
HZ=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
server_ticks() { awk '{print $14+$15}' "/proc/$PID/stat"; }
run() { # run SIDE
  local side=$1
  echo "$side run starts; load: $(uptime | sed 's/.*load average: //')"
  local b0 s0 b1 s1 wrk_cpu
  b0=$(busy_ticks); s0=$(server_ticks)
  TIMEFORMAT='%U %S'
  { time wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/$side.lua" "$(url_of "$side")" \
      >"$WORK/$side.wrk"; } 2>"$WORK/$side.time"
  b1=$(busy_ticks); s1=$(server_ticks)
  wrk_cpu=$(awk '{print $1+$2}' "$WORK/$side.time")
  # CPU seconds used during the run: by the RIG server, by wrk, and by everything else on the machine
  # (other people's builds: the noise to report next to the figure)
  eval "${side}_cpu=\"$(awk -v b="$((b1 - b0))" -v s="$((s1 - s0))" -v w="$wrk_cpu" -v hz="$HZ" -v n="$(nproc)" -v d="$DURATION" \
    'BEGIN{d+=0; o=b/hz-s/hz-w; if (o<0) o=0; printf "server %.1f s, wrk %.1f s, others %.1f s (of %d CPU-s)", s/hz, w, o, n*d}')\""
  eval "${side}_server_cpu=$(awk -v s="$((s1 - s0))" -v hz="$HZ" 'BEGIN{print s/hz}')"
  local rps p50 p99 requests good bad errors
  rps=$(awk '/^Requests\/sec:/{print $2}' "$WORK/$side.wrk")
  p50=$(to_us "$(awk '$1=="50%"{print $2}' "$WORK/$side.wrk")")
  p99=$(to_us "$(awk '$1=="99%"{print $2}' "$WORK/$side.wrk")")
  requests=$(awk '/requests in/{print $1}' "$WORK/$side.wrk")
  good=$(awk '/^checked_good /{print $2}' "$WORK/$side.wrk")
  bad=$(awk '/^checked_bad /{print $2}' "$WORK/$side.wrk")
  errors=$(grep -E 'Non-2xx|Socket errors|first_bad' "$WORK/$side.wrk" || true)
  eval "${side}_rps=$rps ${side}_p50=$p50 ${side}_p99=$p99 ${side}_requests=$requests ${side}_good=${good:-0} ${side}_bad=${bad:-?}"
  eval "${side}_errors=\"\$errors\""
}

SIDES=(mcp rgp); [[ $ORDER == rgp-first ]] && SIDES=(rgp mcp)
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); MCP sessions: ${#SIDS[@]} ($SESSIONS); order: ${SIDES[*]}"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
for side in "${SIDES[@]}"; do warm "$side"; done
for side in "${SIDES[@]}"; do run "$side"; done
echo "load after: $(uptime | sed 's/.*load average/load average/')"

kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=
rows=$("$JAVA_BIN" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.rig.bench.AuditCount "$WORK/rig-state" 2>/dev/null || echo "?")

printf '\nwrk -t%s -c%s -d%s --latency (after %s warm-up each), one RIG server, 127.0.0.1\n' "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP"
printf '%-4s %12s %12s %12s %12s %12s\n' edge req/s p50_us p99_us responses checked_ok
printf '%-4s %12.0f %12.0f %12.0f %12s %12s\n' mcp "$mcp_rps" "$mcp_p50" "$mcp_p99" "$mcp_requests" "$mcp_good"
printf '%-4s %12.0f %12.0f %12.0f %12s %12s\n' rgp "$rgp_rps" "$rgp_p50" "$rgp_p99" "$rgp_requests" "$rgp_good"
ratio=$(awk -v a="$mcp_rps" -v b="$rgp_rps" 'BEGIN{printf "%.2f", a/b}')
p50ratio=$(awk -v a="$mcp_p50" -v b="$rgp_p50" 'BEGIN{printf "%.2f", a/b}')
p99ratio=$(awk -v a="$mcp_p99" -v b="$rgp_p99" 'BEGIN{printf "%.2f", a/b}')
echo "CPU during the mcp run: $mcp_cpu; server CPU per response: $(awk -v c="$mcp_server_cpu" -v n="$mcp_requests" 'BEGIN{printf "%.0f", c*1e6/n}') µs"
echo "CPU during the rgp run: $rgp_cpu; server CPU per response: $(awk -v c="$rgp_server_cpu" -v n="$rgp_requests" 'BEGIN{printf "%.0f", c*1e6/n}') µs"
echo "MCP/RGP throughput ratio: $ratio (target >= $TARGET); MCP/RGP p50 ratio: $p50ratio; p99 ratio: $p99ratio"
[[ $CHECK == off ]] && { echo "CHECK=off: responses were NOT checked (diagnostic run; exit 1)"; status=1; }
echo "audit rows written (all runs, warm-ups and samples included): $rows"

for side in mcp rgp; do
  e=${side}_errors b=${side}_bad g=${side}_good r=${side}_requests
  if [[ -n "${!e}" || "${!b}" != 0 || "${!g}" -lt "${!r}" ]]; then
    echo "$side ERRORS: ${!b} bad responses, ${!g} checked ok of ${!r}; ${!e}"; status=1
  else
    echo "$side errors: 0 (every one of ${!r} responses checked)"
  fi
done
awk -v r="$ratio" -v t="$TARGET" 'BEGIN{exit !(r >= t)}' || { echo "MISSED: MCP/RGP throughput ratio $ratio < $TARGET"; status=1; }
exit $status
