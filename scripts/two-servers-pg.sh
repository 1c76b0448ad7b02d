#!/usr/bin/env bash
# Two `sameday serve` processes on one PostgreSQL database; 200 concurrent orders for the last 10 units,
# alternating between them: exactly 10 answered 201 and 190 answered 409, and `sameday check` is clean.
#   SAMEDAY_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:5432/db scripts/two-servers-pg.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${SAMEDAY_TEST_POSTGRES_URL:?set SAMEDAY_TEST_POSTGRES_URL to a PostgreSQL URL}"
SEP='?'; [[ "$SAMEDAY_TEST_POSTGRES_URL" == *\?* ]] && SEP='&'
DB="${SAMEDAY_TEST_POSTGRES_URL}${SEP}schema=two_servers_$$"
PORT_A=${PORT_A:-18101}
PORT_B=${PORT_B:-18102}
if [[ -z "${SAMEDAY:-}" ]]; then
    swift build --scratch-path .build-server --product sameday >/dev/null
    SAMEDAY=.build-server/debug/sameday
fi
WORK=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
FIX=scripts/fixtures
start() {  # start PORT NAME
    "$SAMEDAY" serve --port "$1" --database "$DB" --network "$FIX/tiny.json" --catalog "$FIX/catalog.csv" \
        --inventory "$FIX/inventory.csv" --zips "$FIX/zips.csv" >"$WORK/$2.out" 2>"$WORK/$2.err" &
    PIDS+=($!)
    for _ in $(seq 1 300); do grep -q '^listening on' "$WORK/$2.out" 2>/dev/null && return 0; sleep 0.1; done
    echo "server $2 did not start"; cat "$WORK/$2.err"; exit 1
}
start "$PORT_A" a
start "$PORT_B" b
KEY=$(sed -nE 's/^customer demo key \(shown once\): (.*)$/\1/p' "$WORK/a.out" | head -1)
[[ -n "$KEY" ]] || { echo "no key printed"; exit 1; }
seq 1 200 | xargs -P 40 -I{} sh -c '
    port=$(( {} % 2 == 0 ? '"$PORT_A"' : '"$PORT_B"' ))
    curl -s -o /dev/null -w "%{http_code}\n" "http://127.0.0.1:$port/v1/orders" \
        -H "Authorization: Bearer '"$KEY"'" -H "Content-Type: application/json" -H "Idempotency-Key: two-{}" \
        -d "{\"zip\":\"98109\",\"lines\":[{\"sku\":\"LAST\",\"qty\":1}]}"' >"$WORK/codes.txt"
sort "$WORK/codes.txt" | uniq -c
created=$(grep -c '^201$' "$WORK/codes.txt" || true)
conflicts=$(grep -c '^409$' "$WORK/codes.txt" || true)
for p in "${PIDS[@]}"; do kill -TERM "$p"; wait "$p"; done; PIDS=()
"$SAMEDAY" check --database "$DB"
echo "201: $created, 409: $conflicts"
[[ "$created" == 10 && "$conflicts" == 190 ]]
