#!/usr/bin/env bash
# GET /v1/kpis on a SQLite database holding N orders (default 1,000,000): docs/performance.md, "KPIs".
#   scripts/kpis-bench.sh [path/to/sameday] [orders]
# 1. `sameday serve` creates and imports a new database (bundled US network and demo stock) and is stopped.
# 2. sqlite3 writes N orders straight into the tables in one transaction, as a server running before the
#    aggregates existed would have left them: spread evenly over the 10 days up to now (~100,000 a day), one
#    shipment of one line each, from the shipping nodes and the first 3,000 SKUs in turn; orders of earlier days
#    delivered (shipped 2 h before their deliverBy), today's placed with deliverBy a day later (open shipments, none
#    overdue); `kpi_hour` NULL and the `kpi_backfill` setting 'due' (migration v9's state for older rows).
# 3. `sameday serve` starts again: the one-time backfill counts the N orders into the aggregates (timed: start
#    to listening).
# 4. The route is timed for today and for yesterday (a whole day): 20 sequential curl requests (median and max of
#    time_total), then wrk, 1 connection, 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/sameday}
N=${2:-1000000}
PORT=${PORT:-18093}
DB=${DB:-/tmp/sameday-kpis-bench-$N.sqlite}
rm -f "$DB" "$DB-wal" "$DB-shm"
load() { echo "# $(date -u +%FT%TZ) HEAD $(git rev-parse --short HEAD) load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
load

serve() {
    "$BIN" serve --database "$DB" --port "$PORT" --advance-seconds 3600 >"$DB.out" 2>"$DB.err" &
    PID=$!
    for _ in $(seq 1 600); do grep -q listening "$DB.out" 2>/dev/null && return 0; sleep 0.1; done
    echo "the server did not start: $(tail -3 "$DB.err")" >&2
    exit 1
}

serve
KEY=$(sed -n 's/^operator key (shown once): //p' "$DB.out")
kill -INT "$PID"
wait "$PID" || true

NOW=$(($(date +%s) / 60))
START=$((NOW - 10 * 1440))
TODAY=$((NOW - 600))   # orders placed in the last 10 hours are still open
t0=$(date +%s.%N)
sqlite3 "$DB" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $N - 1) SELECT i FROM c;
CREATE TEMP TABLE sn (k INTEGER PRIMARY KEY, id TEXT);
INSERT INTO sn SELECT row_number() OVER (ORDER BY id) - 1, id FROM nodes WHERE kind <> 'delivery-station';
CREATE TEMP TABLE sk (k INTEGER PRIMARY KEY, sku TEXT);
INSERT INTO sk SELECT row_number() OVER (ORDER BY position) - 1, sku FROM catalog ORDER BY position LIMIT 3000;
CREATE TEMP TABLE o AS SELECT i, $START + i * ($NOW - $START) / $N AS at FROM n;
INSERT INTO orders (id, customer, zip, status, placed_at, deliver_by, order_by, speed, total_cents)
    SELECT 'o_fill' || i, 'fill', '98109', 'placed', at, at + 1440, at, 'next-day', 1000 FROM o;
INSERT INTO shipments (id, order_id, position, node, status, deliver_by, order_by, modifiable_until, departs_at,
        kpi_hour, shipped_at)
    SELECT 'o_fill' || i || '-1', 'o_fill' || i, 1, (SELECT id FROM sn WHERE k = i % (SELECT COUNT(*) FROM sn)),
        CASE WHEN at < $TODAY THEN 'delivered' ELSE 'placed' END, at + 1440, at, at + 1320, at + 1320, NULL,
        CASE WHEN at < $TODAY THEN at + 1320 END
    FROM o;
INSERT INTO shipment_lines (shipment_id, line, sku, qty, price_cents)
    SELECT 'o_fill' || i || '-1', 1, (SELECT sku FROM sk WHERE k = i % (SELECT COUNT(*) FROM sk)), 1, 1000 FROM o;
UPDATE settings SET value = 'due' WHERE key = 'kpi_backfill';
COMMIT;
SQL
echo "filled $N orders in $(echo "$(date +%s.%N) - $t0" | bc) s: $(du -h "$DB" | cut -f1)"

t0=$(date +%s.%N)
serve
echo "restart with the one-time backfill of $N orders: $(echo "$(date +%s.%N) - $t0" | bc) s"
# Today (so far) and yesterday (a whole day), on the network's clock (Pacific time for the bundled network).
YESTERDAY=$(TZ=America/Los_Angeles date -d yesterday +%F)
for URL in "http://127.0.0.1:$PORT/v1/kpis" "http://127.0.0.1:$PORT/v1/kpis?date=$YESTERDAY"; do
    echo "== $URL"
    curl -sf -H "Authorization: Bearer $KEY" "$URL" | head -c 200
    echo
    for _ in $(seq 1 20); do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $KEY" "$URL"
    done | sort -n | awk '{t[NR] = $1} END {printf "curl, 20 requests: median %.1f ms, max %.1f ms\n", t[10] * 1000, t[NR] * 1000}'
    wrk -t1 -c1 -d10s --latency -H "Authorization: Bearer $KEY" "$URL" | grep -E 'Requests/sec|50%|99%'
done
kill -INT "$PID"
wait "$PID" || true
load
