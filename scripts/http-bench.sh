#!/usr/bin/env bash
# wrk numbers for POST /v1/promise beside GET /health on one server (release build, SQLite).
#   scripts/http-bench.sh            (SAMEDAY=path/to/release/sameday to skip the build)
# Uses the bundled data when Data/networks/us.json exists, else scripts/fixtures. Loopback only, bounded runs.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18090}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 1; }
if [[ -z "${SAMEDAY:-}" ]]; then
    swift build -c release --scratch-path .build-server --product sameday >/dev/null
    SAMEDAY=.build-server/release/sameday
fi
WORK=$(mktemp -d)
SERVER_PID=
trap '[[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
ARGS=(serve --port "$PORT" --database "$WORK/bench.sqlite")
LINES='[{"sku":"A1","qty":1}]'
# Bundled data: two SKUs stocked at fulfillment centers with lanes to Seattle's station.
[[ -f Data/networks/us.json ]] && LINES='[{"sku":"BB-00002","qty":1},{"sku":"BB-00018","qty":2}]'
BODY=${PROMISE_BODY:-'{"zip":"98109","lines":'$LINES',"at":"2026-12-23T10:00:00-08:00"}'}
if [[ ! -f Data/networks/us.json ]]; then
    ARGS+=(--network scripts/fixtures/tiny.json --catalog scripts/fixtures/catalog.csv
        --inventory scripts/fixtures/inventory.csv --zips scripts/fixtures/zips.csv)
fi
"$SAMEDAY" "${ARGS[@]}" >"$WORK/out" 2>"$WORK/err" &
SERVER_PID=$!
for _ in $(seq 1 300); do grep -q '^listening on' "$WORK/out" 2>/dev/null && break; sleep 0.1; done
export SAMEDAY_KEY=$(sed -nE 's/^customer demo key \(shown once\): (.*)$/\1/p' "$WORK/out" | head -1)
export PROMISE_BODY="$BODY"
echo "promise body: $BODY"
curl -sf "http://127.0.0.1:$PORT/v1/promise" -H "Authorization: Bearer $SAMEDAY_KEY" -H 'Content-Type: application/json' -d "$BODY" \
    || { echo "promise route failed"; cat "$WORK/err"; exit 1; }
echo
sleep 6  # let the stock index load (StockRefreshService), so the run measures the steady state
# Server CPU per request (user + system, from /proc), beside req/s: req/s on a shared 2-core machine moves with
# whatever else runs; the server's own CPU time per request moves much less.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
per_request() {  # $1: ticks before, $2: wrk output file
    local ticks=$(( $(cpu_ticks) - $1 )) requests
    requests=$(awk '/requests in/ {print $1}' "$2")
    echo "server CPU: $(( ticks * 1000000 / $(getconf CLK_TCK) / requests )) µs per request ($ticks ticks of 1/$(getconf CLK_TCK) s, $requests requests)"
}
echo "== GET /health, $CONNECTIONS connections, $DURATION"
T0=$(cpu_ticks)
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/health" | tee "$WORK/health.txt"
per_request "$T0" "$WORK/health.txt"
echo "== POST /v1/promise, $CONNECTIONS connections, $DURATION"
T0=$(cpu_ticks)
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/wrk-promise.lua "http://127.0.0.1:$PORT/v1/promise" | tee "$WORK/promise.txt"
per_request "$T0" "$WORK/promise.txt"
echo "== POST /v1/promise with body {} (422 missing-field: key check, body read, parse, problem answer; no plan)"
T0=$(cpu_ticks)
PROMISE_BODY='{}' wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/wrk-promise.lua "http://127.0.0.1:$PORT/v1/promise" | tee "$WORK/floor.txt"
per_request "$T0" "$WORK/floor.txt"
PROMISE_RPS=$(awk '/Requests\/sec/ {print int($2)}' "$WORK/promise.txt")
HALF=$((PROMISE_RPS / 2))
if [[ "$HALF" -gt 0 ]] && command -v wrk2 >/dev/null; then
    echo "== POST /v1/promise at half load ($HALF req/s, wrk2)"
    wrk2 -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -R"$HALF" --latency -s scripts/wrk-promise.lua "http://127.0.0.1:$PORT/v1/promise"
else
    echo "== POST /v1/promise at about half load: 4 connections"
    wrk -t1 -c4 -d"$DURATION" --latency -s scripts/wrk-promise.lua "http://127.0.0.1:$PORT/v1/promise"
fi
