#!/usr/bin/env bash
# Kills `sameday serve` (SQLite) with SIGKILL at random moments during a stream of orders, restarts it,
# ROUNDS times (default 20). Every order answered 201 must be readable afterwards, and `sameday check`
# must find no violation. Then WATCH_ROUNDS price drops each trigger WATCHES auto-buys and the server is killed
# while it buys: every watch must end bought, with one order of its own. Traffic goes to 127.0.0.1 only; every loop is bounded. A shorter version runs in
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

# Watches: a price drop that triggers hundreds of auto-buys, SIGKILL while they are bought, restart, WATCH_ROUNDS
# times (default 3, WATCHES watches each, default 300). Afterwards every watch must be bought with an order of its
# own; `sameday check` below also holds every bought watch to exactly one order, no line above its target.
WATCH_ROUNDS=${WATCH_ROUNDS:-3}
WATCHES=${WATCHES:-300}
create_watch() {  # create_watch ROUND I TARGET
    curl -s -m 10 -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$PORT/v1/watches" \
        -H "Authorization: Bearer $CUSTOMER_KEY" -H 'Content-Type: application/json' -H "Idempotency-Key: w$1-$2" \
        -d "{\"sku\":\"A1\",\"targetPriceCents\":$3,\"qty\":1,\"zip\":\"98109\",\"autoBuy\":true}"
}
for wround in $(seq 1 "$WATCH_ROUNDS"); do
    target=$((1299 - wround * 100))
    for i in $(seq 1 "$WATCHES"); do
        create_watch "$wround" "$i" "$target" &
        if (( i % 20 == 0 )); then wait; fi
    done >>"$WORK/watch-codes.txt"
    wait
    curl -s -m 10 -o /dev/null -X PUT "http://127.0.0.1:$PORT/v1/catalog/A1/price" \
        -H "Authorization: Bearer $OPERATOR_KEY" -H 'Content-Type: application/json' -d "{\"priceCents\":$target}"
    sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.02 + (r % 40) / 100 }')"
    kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    start_server
    printf 'watch round %d: %d watches at %d cents, killed during the drop\n' "$wround" "$WATCHES" "$target"
done
active=1
for _ in $(seq 1 300); do
    active=$(curl -s "http://127.0.0.1:$PORT/v1/watches?status=active&limit=1" -H "Authorization: Bearer $CUSTOMER_KEY" \
        | grep -c '"id":"w_' || true)
    [[ "$active" == 0 ]] && break
    sleep 0.2
done
watches_all=$((WATCH_ROUNDS * WATCHES))
bought=0
orders_of_watches=$WORK/watch-orders.txt
: >"$orders_of_watches"
after=
while :; do
    page=$(curl -s "http://127.0.0.1:$PORT/v1/watches?status=bought&limit=200${after:+&after=$after}" \
        -H "Authorization: Bearer $CUSTOMER_KEY")
    echo "$page" | grep -o '"orderId":"o_[0-9a-f]*"' >>"$orders_of_watches" || true
    after=$(echo "$page" | sed -nE 's/.*"next":"(w_[0-9]+)".*/\1/p')
    [[ -n "$after" ]] || break
done
bought=$(wc -l <"$orders_of_watches")
distinct=$(sort -u "$orders_of_watches" | wc -l)
echo "watches: $watches_all created ($(grep -c '^201$' "$WORK/watch-codes.txt") answered 201), $bought bought with $distinct distinct orders, $active still active"

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
[[ $missing == 0 && $status == 0 && $check_status == 0 && $bought == "$watches_all" && $distinct == "$watches_all" ]]
