#!/usr/bin/env bash
# wrk numbers for POST /v1/deliveries/eligibility beside GET /health on one server (release build, SQLite, the
# bundled data): the customer `demo` has one order to 98109 (so 1-2 upcoming shipments), and each request asks
# about a page of 50 SKUs of the demo catalog (every 60th). Then the eligibility route paced to about half its
# maximum for the tail latency.
#   SAMEDAY=.build-release/release/sameday scripts/eligibility-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18095}
DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 1; }
SAMEDAY=${SAMEDAY:-.build-release/release/sameday}
WORK=$(mktemp -d)
SERVER_PID=
trap '[[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
"$SAMEDAY" serve --port "$PORT" --database "$WORK/bench.sqlite" >"$WORK/out" 2>"$WORK/err" &
SERVER_PID=$!
for _ in $(seq 1 300); do grep -q '^listening on' "$WORK/out" 2>/dev/null && break; sleep 0.1; done
export SAMEDAY_KEY=$(sed -nE 's/^customer demo key \(shown once\): (.*)$/\1/p' "$WORK/out" | head -1)
curl -sf "http://127.0.0.1:$PORT/v1/orders" -H "Authorization: Bearer $SAMEDAY_KEY" -H 'Content-Type: application/json' \
    -H 'Idempotency-Key: bench-1' -d '{"zip":"98109","lines":[{"sku":"BB-00002","qty":1},{"sku":"BB-00018","qty":1}]}' \
    -o "$WORK/order.json" || { echo "the order failed"; cat "$WORK/err"; exit 1; }
SKUS=$(awk -F, 'NR > 1 && (NR - 2) % 60 == 0 { printf "%s\"%s\"", (n++ ? "," : ""), $1 }' Data/demo/catalog.csv)
export PROMISE_BODY="{\"skus\":[$SKUS]}"
curl -sf "http://127.0.0.1:$PORT/v1/deliveries/eligibility" -H "Authorization: Bearer $SAMEDAY_KEY" \
    -H 'Content-Type: application/json' -d "$PROMISE_BODY" >"$WORK/answer.json" \
    || { echo "eligibility failed"; cat "$WORK/err"; exit 1; }
echo "50 SKUs asked: $(grep -o '"addable":true' "$WORK/answer.json" | wc -l) addable, reasons: $(grep -o '"reason":"[a-z-]*"' "$WORK/answer.json" | sort | uniq -c | tr '\n' ' ')"
sleep 6  # the stock index loads
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
per_request() {
    local ticks=$(( $(cpu_ticks) - $1 )) requests
    requests=$(awk '/requests in/ {print $1}' "$2")
    echo "server CPU: $(( ticks * 1000000 / $(getconf CLK_TCK) / requests )) µs per request ($requests requests)"
}
echo "== GET /health, 16 connections, $DURATION"
T0=$(cpu_ticks)
wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$PORT/health" | tee "$WORK/health.txt" | grep -E "Requests/sec|99%"
per_request "$T0" "$WORK/health.txt"
echo "== POST /v1/deliveries/eligibility (50 SKUs), 16 connections, $DURATION"
T0=$(cpu_ticks)
wrk -t2 -c16 -d"$DURATION" --latency -s scripts/wrk-promise.lua "http://127.0.0.1:$PORT/v1/deliveries/eligibility" \
    | tee "$WORK/elig.txt" | grep -E "Requests/sec|99%|non-200"
per_request "$T0" "$WORK/elig.txt"
HEALTH=$(awk '/Requests\/sec/ {print int($2)}' "$WORK/health.txt")
ELIG=$(awk '/Requests\/sec/ {print int($2)}' "$WORK/elig.txt")
echo "eligibility / health: $(( ELIG * 1000 / HEALTH / 10 )).$(( ELIG * 1000 / HEALTH % 10 ))%"
RATE=$(( ELIG * 3 / 4 ))  # the closed loop achieves about 2/3 of the asked rate: about half the maximum
echo "== paced: RATE=$RATE (about half of $ELIG achieved)"
CONNECTIONS=16 RATE=$RATE wrk -t2 -c16 -d"$DURATION" --latency -s scripts/wrk-promise-rate.lua \
    "http://127.0.0.1:$PORT/v1/deliveries/eligibility" | grep -E "Requests/sec|p50|p99|non-200"
