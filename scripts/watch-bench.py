#!/usr/bin/env python3
"""The server's figures for price watches (docs/performance.md, "Watches"), measured on a running `sameday serve`.

    python3 scripts/watch-bench.py --sameday .build-release/release/sameday [--only change|memory|drop]

change/memory: a 100,000-SKU catalog (the demo catalog's rows, copied), one database with 10 active watches and one
    with 1,000,000 over those SKUs (targets 10-89% of the price, bulk-inserted with sqlite3 while the server is
    stopped, as a restore would). For each: the server's resident memory once its watch index is loaded, then
    CHANGES price changes that trigger nothing (a cent above or below the catalog price, from 4 keep-alive clients),
    with the server's CPU time per change read from /proc (the HTTP request, the commit, and the watch worker
    reading the change's event and looking at the SKU's highest target), and the clients' p50/p99.
drop: the bundled data; 1,000 auto-buy watches on one SKU (created over HTTP), stock for all of them, one price
    drop to their target; the time from the drop's answer until no watch is active, and that each was bought once
    with an order of its own; then `sameday check`.
Only the standard library; everything on 127.0.0.1.
"""
import argparse
import csv
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKUS = 100_000
CHANGES = int(os.environ.get("CHANGES", "5000"))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Server:
    def __init__(self, sameday, db, port, *extra):
        self.port = port
        self.log = open(db + f".{port}.log", "w")
        self.proc = subprocess.Popen(
            [sameday, "serve", "--database", db, "--port", str(port), *extra],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.keys = {}
        for line in self.proc.stdout:
            m = re.match(r"(operator|customer demo) key \(shown once\): (\S+)", line)
            if m:
                self.keys[m.group(1)] = m.group(2)
            if line.startswith("listening on"):
                break
        else:
            sys.exit(f"the server on {db} did not start: see {self.log.name}")
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)
        self.log.close()


def request(conn, method, path, key, body=None, headers=None):
    h = {"Authorization": f"Bearer {key}"}
    if body is not None:
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=h)
    r = conn.getresponse()
    data = r.read()
    return r.status, data


def metric(port, key, name):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, data = request(conn, "GET", "/metrics", key)
    conn.close()
    m = re.search(rf"^{name} (\S+)$", data.decode(), re.M)
    return float(m.group(1)) if m else None


def make_catalog(path):
    with open(os.path.join(ROOT, "Data/demo/catalog.csv"), newline="") as f:
        rows = list(csv.reader(f))
    header, items = rows[0], rows[1:]
    prices = []
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i in range(SKUS):
            row = list(items[i % len(items)])
            if i >= len(items):
                row[0] = f"{row[0]}-c{i // len(items)}"
            w.writerow(row)
            prices.append((row[0], int(row[header.index("priceCents")])))
    return prices


def fill_watches(db, prices, count):
    con = sqlite3.connect(db)
    rng = __import__("random").Random(11)
    minute = int(time.time() // 60)

    def rows():
        for n in range(1, count + 1):
            sku, price = prices[rng.randrange(len(prices))]
            target = max(1, price * rng.randint(10, 89) // 100)
            yield (f"w_{n:012d}", n, f"c{n % 100_000}", sku, target, 1, "98109", 1, "active", minute - 60,
                   f"bench-{n}", "bench")

    with con:
        con.executemany(
            "INSERT INTO watches (id, number, customer, sku, target_cents, qty, zip, auto_buy, status, created_at,"
            " idem_key, request_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows())
        con.execute("UPDATE watch_numbers SET n = ?", (count,))
    con.close()


def wait_for_index(port, key, count):
    for _ in range(1200):
        if metric(port, key, "sameday_watch_index_watches") == count:
            return
        time.sleep(0.1)
    sys.exit(f"the watch index did not reach {count} watches")


RUNS = [0]


def change_run(server, key, prices, changes, repeat=False):
    """`changes` non-triggering price changes from 4 clients, each SKU 1 or 2 cents above its catalog price, the
    other of the two from the SKU's last run (repeat: the same as the last run, which the server answers without
    writing anything); returns (server CPU µs per change, p50 ms, p99 ms, changes per s)."""
    if not repeat:
        RUNS[0] += 1
    delta = 1 + RUNS[0] % 2
    latencies = []
    lock = threading.Lock()
    errors = []

    def client(c):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        mine = []
        for k in range(c, changes, 4):
            sku, price = prices[(k * 7919) % len(prices)]
            cents = price + delta
            t = time.perf_counter()
            status, data = request(conn, "PUT", f"/v1/catalog/{sku}/price", key, {"priceCents": cents})
            mine.append(time.perf_counter() - t)
            if status != 200:
                errors.append((status, data[:200]))
        conn.close()
        with lock:
            latencies.extend(mine)

    cpu0 = server.cpu_seconds()
    threads = [threading.Thread(target=client, args=(c,)) for c in range(4)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    time.sleep(1.0)  # the worker reads the last events
    cpu = server.cpu_seconds() - cpu0 - 1.0 * idle_cpu_per_second(server)
    if errors:
        sys.exit(f"{len(errors)} price changes failed, first: {errors[0]}")
    latencies.sort()
    return (cpu / changes * 1e6, statistics.median(latencies) * 1e3, latencies[int(len(latencies) * 0.99)] * 1e3,
            changes / wall)


def idle_cpu_per_second(server, seconds=2.0):
    c0 = server.cpu_seconds()
    time.sleep(seconds)
    return (server.cpu_seconds() - c0) / seconds


def measure_changes(args, work):
    catalog = os.path.join(work, "catalog.csv")
    prices = make_catalog(catalog)
    results = {}
    for count in (10, 1_000_000):
        db = os.path.join(work, f"watches-{count}.sqlite")
        first = Server(args.sameday, db, args.port, "--catalog", catalog)
        op = first.keys["operator"]
        first.stop()
        t = time.perf_counter()
        fill_watches(db, prices, count)
        fill = time.perf_counter() - t
        server = Server(args.sameday, db, args.port)
        t = time.perf_counter()
        wait_for_index(args.port, op, count)
        load = time.perf_counter() - t
        time.sleep(2)
        rss = server.rss_kib()
        index_bytes = metric(args.port, op, "sameday_watch_index_bytes")
        idle = idle_cpu_per_second(server)
        result = {"fill_s": fill, "load_s": load, "rss_kib": rss, "index_bytes": index_bytes, "idle_cpu": idle}
        if args.only in (None, "change"):
            change_run(server, op, prices, 500)  # warm-up
            runs = [change_run(server, op, prices, CHANGES) for _ in range(3)]
            result["runs"] = runs
            result["unchanged"] = change_run(server, op, prices, CHANGES, repeat=True)
            active = metric(args.port, op, "sameday_watch_index_watches")
            if active != count:
                sys.exit(f"after the changes the index holds {active} watches, not {count}")
        server.stop()
        results[count] = result
        print(f"{count:>9,} watches: index loaded in {load:.1f} s (bulk insert {fill:.1f} s), RSS {rss / 1024:.1f} MiB,"
              f" index {index_bytes / 1e6:.1f} MB ({index_bytes / count:.1f} B/watch), idle CPU {idle * 100:.1f}%")
        for cpu, p50, p99, rate in result.get("runs", []):
            print(f"    {CHANGES} non-triggering changes: {cpu:.0f} µs server CPU per change, {rate:,.0f} changes/s,"
                  f" p50 {p50:.2f} ms, p99 {p99:.2f} ms")
        if "unchanged" in result:
            cpu, p50, p99, rate = result["unchanged"]
            print(f"    {CHANGES} PUTs of the price it already has (nothing written): {cpu:.0f} µs server CPU each,"
                  f" {rate:,.0f}/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    small, big = results[10], results[1_000_000]
    extra = (big["rss_kib"] - small["rss_kib"]) * 1024
    print(f"resident memory for 999,990 more watches: {extra / 1e6:.1f} MB = {extra / 999_990:.1f} B/watch"
          f" (index heap {big['index_bytes'] / 1_000_000:.1f} B/watch)")


def measure_drop(args, work):
    db = os.path.join(work, "drop.sqlite")
    server = Server(args.sameday, db, args.port)
    op, customer = server.keys["operator"], server.keys["customer demo"]
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
    sku = "HH-00001"
    status, data = request(conn, "GET", f"/v1/inventory/{sku}", op)
    nodes = sorted(set(re.findall(r'"node":"([^"]+)"', data.decode())))
    for node in nodes:
        status, data = request(conn, "POST", "/v1/inventory/receipts", op,
                               {"node": node, "sku": sku, "qty": 1000, "reason": "watch bench"})
        if status != 201:
            sys.exit(f"receipt at {node}: {status} {data[:200]}")
    status, data = request(conn, "GET", f"/v1/catalog/{sku}", op)
    price = json.loads(data)["priceCents"]
    target = price * 3 // 4
    codes = []

    def create(part):
        c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        for i in range(part, 1000, 4):
            s, d = request(c, "POST", "/v1/watches", customer,
                           {"sku": sku, "targetPriceCents": target, "qty": 1, "zip": "98109", "autoBuy": True},
                           {"Idempotency-Key": f"drop-{i}"})
            codes.append(s)
        c.close()

    threads = [threading.Thread(target=create, args=(p,)) for p in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if codes.count(201) != 1000:
        sys.exit(f"watch creation answered {sorted(set(codes))}")
    time.sleep(1)
    start = time.perf_counter()
    status, data = request(conn, "PUT", f"/v1/catalog/{sku}/price", op, {"priceCents": target})
    answered = time.perf_counter()
    if status != 200:
        sys.exit(f"the drop answered {status} {data[:200]}")
    while True:
        bought = metric(args.port, op, "sameday_watch_buys_total")
        if bought is not None and bought >= 1000:
            break
        if time.perf_counter() - answered > 60:
            sys.exit(f"only {bought} bought after 60 s")
        time.sleep(0.01)
    done = time.perf_counter()
    orders, after = [], None
    while True:
        s, d = request(conn, "GET", "/v1/watches?status=bought&limit=200" + (f"&after={after}" if after else ""),
                       customer)
        page = json.loads(d)
        orders += [w["orderId"] for w in page["watches"]]
        after = page.get("next")
        if not after:
            break
    s, d = request(conn, "GET", "/v1/watches?status=active&limit=1", customer)
    active = len(json.loads(d)["watches"])
    conn.close()
    lag_sum = metric(args.port, op, "sameday_watch_trigger_lag_seconds_sum")
    server.stop()
    check = subprocess.run([args.sameday, "check", "--database", db], capture_output=True, text=True)
    print(f"1,000 watches triggered by one drop: all bought {done - answered:.2f} s after the drop's answer"
          f" ({done - start:.2f} s after it was sent); {len(orders)} bought, {len(set(orders))} distinct orders,"
          f" {active} still active; mean trigger lag {lag_sum / 1000:.2f} s; sameday check exit {check.returncode}")
    if len(orders) != 1000 or len(set(orders)) != 1000 or active or check.returncode:
        sys.exit(check.stdout + check.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sameday", default=os.path.join(ROOT, ".build-release/release/sameday"))
    p.add_argument("--port", type=int, default=18431)
    p.add_argument("--only", choices=["change", "memory", "drop"])
    args = p.parse_args()
    args.sameday = os.path.abspath(args.sameday)
    work = tempfile.mkdtemp(prefix="watch-bench.")
    try:
        if args.only in (None, "change", "memory"):
            measure_changes(args, work)
        if args.only in (None, "drop"):
            measure_drop(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
