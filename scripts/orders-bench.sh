#!/usr/bin/env bash
# Durable orders/s through the store (no HTTP) beside the raw durable one-row-transaction rate of the same
# database, at 1 and 16 concurrent clients: the table of docs/performance.md ("Orders").
#   scripts/orders-bench.sh                    (SAMEDAY=path/to/release/sameday to skip the build)
#   PG=postgres://sameday:sameday@127.0.0.1:5432/sameday_bench_orders scripts/orders-bench.sh   (adds PostgreSQL)
# PG must name a database of its own: the script creates table raw_tx there and one new schema per run.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
RUNS=${RUNS:-3}
if [[ -z "${SAMEDAY:-}" ]]; then
    swift build -c release --scratch-path .build-bench-orders --product sameday >/dev/null
    SAMEDAY=.build-bench-orders/release/sameday
fi
WORK=$(mktemp -d "$PWD/.orders-bench.XXXXXX")  # same disk as a default `sameday serve` database
trap 'rm -rf "$WORK"' EXIT
load() { echo "# $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
for clients in 1 16; do
    for run in $(seq 1 "$RUNS"); do
        load
        "$SAMEDAY" bench-orders --raw-sqlite --database "$WORK/raw-$clients-$run.sqlite" --clients "$clients" \
            --seconds "$SECONDS_PER_RUN"
        "$SAMEDAY" bench-orders --database "$WORK/orders-$clients-$run.sqlite" --clients "$clients" \
            --seconds "$SECONDS_PER_RUN"
    done
done
[[ -z "${PG:-}" ]] && exit 0
DB=${PG%%\?*}
export PGOPTIONS=--client-min-messages=warning
psql "$DB" -qc "CREATE TABLE IF NOT EXISTS raw_tx (id bigserial PRIMARY KEY, client int, n int)"
for clients in 1 16; do
    for run in $(seq 1 "$RUNS"); do
        load
        pgbench -n -f scripts/pg-raw-insert.sql -c "$clients" -j "$((clients > 1 ? 2 : 1))" -T "$SECONDS_PER_RUN" \
            "$DB" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/raw one-row INSERT transactions (pgbench), '"$clients"' clients: \1\/s/p'
        schema="bench_$(date +%s)_${clients}_${run}"
        "$SAMEDAY" bench-orders --database "$DB?schema=$schema&pool=20" --clients "$clients" \
            --seconds "$SECONDS_PER_RUN"
        psql "$DB" -qc "DROP SCHEMA \"$schema\" CASCADE"
    done
done
