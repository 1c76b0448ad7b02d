#!/usr/bin/env bash
# Kills `sameday serve` (SQLite) with SIGKILL at random moments during a stream of orders, restarts it,
# ROUNDS times (default 20). Every order answered 201 must be readable afterwards, and `sameday check`
# must find no violation. Traffic goes to 127.0.0.1 only; every loop is bounded. A shorter version runs in
# `swift test` on both backends (Tests/SameDayCLITests/CrashRestartTests.swift); this one runs longer.
#
#   scripts/crash-test.sh [ROUNDS]        (SAMEDAY=path/to/sameday to skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-20}
PORT=${PORT:-18680}
STREAMS=${STREAMS:-4}
if [[ -z "${SAMEDAY:-}" ]]; then
    swift build --scratch-path .build-server --product sameday >/dev/null
    SAMEDAY=.build-server/debug/sameday
fi
WORK=$(mktemp -d)
DB="$WORK/crash.sqlite"
FIX=scripts/fixtures
SERVER_PID=
trap '[[ -n "$SERVER_PID" ]] && kill -9 "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

start_server() {
    "$SAMEDAY" serve --port "$PORT" --database "$DB" --network "$FIX/tiny.json" --catalog "$FIX/catalog.csv" \
        --inventory "$FIX/inventory.csv" --zips "$FIX/zips.csv" >>"$WORK/server.out" 2>>"$WORK/server.err" &
    SERVER_PID=$!
    for _ in $(seq 1 200); do
        if curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then return 0; fi
        sleep 0.05
    done
    echo "server did not start"; cat "$WORK/server.err"; exit 1
}

stream() {  # stream N: sequential orders until the server dies or 2,000 requests
    local n=$1 round=$2
    for i in $(seq 1 2000); do
        local key="r$round-s$n-$i"
        local out
        out=$(curl -s -m 5 -o - -w ' %{http_code}' "http://127.0.0.1:$PORT/v1/orders" \
            -H "Authorization: Bearer $CUSTOMER_KEY" -H 'Content-Type: application/json' \
            -H "Idempotency-Key: $key" -d '{"zip":"98109","lines":[{"sku":"A1","qty":1}]}' 2>/dev/null) || return 0
        local code=${out##* }
        if [[ "$code" == 201 ]]; then
            echo "$out" | sed -E 's/^\{"id":"([^"]+)".*/\1/' >>"$WORK/acked.txt"
        elif [[ "$code" == 000 ]]; then
            return 0
        fi
    done
}

start_server
CUSTOMER_KEY=$(sed -nE 's/^customer demo key \(shown once\): (.*)$/\1/p' "$WORK/server.out" | head -1)
OPERATOR_KEY=$(sed -nE 's/^operator key \(shown once\): (.*)$/\1/p' "$WORK/server.out" | head -1)
[[ -n "$CUSTOMER_KEY" && -n "$OPERATOR_KEY" ]] || { echo "no keys printed"; cat "$WORK/server.out"; exit 1; }
touch "$WORK/acked.txt"

for round in $(seq 1 "$ROUNDS"); do
    pids=()
    for s in $(seq 1 "$STREAMS"); do stream "$s" "$round" & pids+=($!); done
    sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.3 + (r % 250) / 100 }')"
    kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    for p in "${pids[@]}"; do wait "$p" || true; done
    start_server
    printf 'round %2d: %d orders acknowledged so far\n' "$round" "$(wc -l <"$WORK/acked.txt")"
done

missing=0
while read -r id; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/v1/orders/$id" -H "Authorization: Bearer $OPERATOR_KEY")
    if [[ "$code" != 200 ]]; then missing=$((missing + 1)); echo "lost: $id ($code)"; fi
done <"$WORK/acked.txt"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; status=$?; SERVER_PID=
echo "acknowledged: $(wc -l <"$WORK/acked.txt"), missing after $ROUNDS SIGKILLs: $missing, SIGTERM exit status: $status"
check_status=0
"$SAMEDAY" check --database "$DB" || check_status=$?
echo "sameday check exit status: $check_status"
[[ $missing == 0 && $status == 0 && $check_status == 0 ]]
