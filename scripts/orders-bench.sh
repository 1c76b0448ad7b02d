#!/usr/bin/env bash
# Durable orders/s through the store beside the raw durable one-row-transaction rate of the same database, at 1 and
# 16 concurrent clients: the ordo-one target Benchmarks/OrdersBenchmarks, the table of docs/performance.md ("Orders").
#   scripts/orders-bench.sh                                                               SQLite only
#   PG=postgres://sameday:sameday@127.0.0.1:5432/sameday_bench scripts/orders-bench.sh   SQLite and PostgreSQL
# With PG, a local PostgreSQL cluster is started and the role and database are created when missing (as root, the
# way .ci/run does); the benchmarks create and drop one schema each, and pgbench (scripts/pg-raw-insert.sql, table
# raw_tx) adds libpq's raw rate beside PostgresNIO's. Other settings: SCRATCH (build folder, relative to Benchmarks/,
# default ../.build-bench), SAMEDAY_BENCH_SECONDS (per benchmark, default 10); extra arguments go to
# `swift package benchmark` (e.g. --filter 'SQLite.*').
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-../.build-bench}
SECONDS_PER_RUN=${SAMEDAY_BENCH_SECONDS:-10}
load() { echo "# $(date -u +%FT%TZ) HEAD $(git rev-parse --short HEAD) load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
if [[ -n "${PG:-}" ]]; then
    DB=${PG%%\?*}
    if ! psql "$DB" -qAtc 'SELECT 1' >/dev/null 2>&1; then
        version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
        pg_ctlcluster "$version" main start 2>/dev/null || true
        for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
        name=${DB##*/}
        su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sameday') THEN
        CREATE ROLE sameday LOGIN PASSWORD 'sameday';
    END IF;
END $$;
SQL
        su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$name'\"" | grep -q 1 \
            || su postgres -c "createdb -O sameday $name"
    fi
    export SAMEDAY_BENCH_POSTGRES_URL="$DB"
fi
load
(cd Benchmarks && SAMEDAY_BENCH_SECONDS=$SECONDS_PER_RUN swift package --scratch-path "$SCRATCH" benchmark \
    --target OrdersBenchmarks "$@")
load
[[ -z "${PG:-}" ]] && exit 0
command -v pgbench >/dev/null || exit 0
export PGOPTIONS=--client-min-messages=warning
psql "$DB" -qc "CREATE TABLE IF NOT EXISTS raw_tx (id bigserial PRIMARY KEY, client int, n int)"
for clients in 1 16; do
    pgbench -n -f scripts/pg-raw-insert.sql -c "$clients" -j "$((clients > 1 ? 2 : 1))" -T "$SECONDS_PER_RUN" \
        "$DB" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/pgbench raw one-row INSERT transactions, '"$clients"' clients: \1\/s/p'
done
load
