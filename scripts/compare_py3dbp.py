#!/usr/bin/env python3
"""Compare `sameday pack` with py3dbp (PyPI `py3dbp`, the 3D bin packer much e-commerce code uses) on the same
seeded realistic orders, and report containers per order against SameDay's proven lower bound.

    pip install py3dbp==1.1.2
    swift build -c release --product sameday
    python3 scripts/compare_py3dbp.py --sameday .build/release/sameday

py3dbp packs one bin at a time and knows nothing of `upright` or `fragile`, nor of support (its units may float),
so both packers get the orders without those two flags; SameDay still keeps every unit supported.
py3dbp runs in its best configuration for cartonization: the smallest single box that takes the whole order
(trying both of its item orders), else greedily the box that takes the most volume of what is left, and again.
SameDay must use no more boxes on any order.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from py3dbp import Bin, Item, Packer


def py3dbp_fits(box, units, bigger_first):
    """Units (list of dicts) that py3dbp places in one `box`, or None if it places them all (returns placed)."""
    packer = Packer()
    packer.add_bin(Bin(box["id"], box["lengthMm"], box["widthMm"], box["heightMm"], box["maxLoadG"]))
    for k, u in enumerate(units):
        packer.add_item(Item(str(k), u["lengthMm"], u["widthMm"], u["heightMm"], u["weightG"]))
    packer.pack(bigger_first=bigger_first, number_of_decimals=0)
    return [units[int(i.name)] for i in packer.bins[0].items]


def volume(u):
    return u["lengthMm"] * u["widthMm"] * u["heightMm"]


def py3dbp_pack(boxes, units):
    """Number of boxes py3dbp needs for `units`, best of its configurations."""
    by_volume = sorted(boxes, key=lambda b: (b["lengthMm"] * b["widthMm"] * b["heightMm"], b.get("costCents", 0)))
    remaining = list(units)
    count = 0
    while remaining:
        total = sum(volume(u) for u in remaining)
        whole = None
        for b in by_volume:
            if b["lengthMm"] * b["widthMm"] * b["heightMm"] < total:
                continue
            if any(len(py3dbp_fits(b, remaining, bf)) == len(remaining) for bf in (True, False)):
                whole = b
                break
        if whole is not None:
            return count + 1
        best, best_placed, best_volume = None, [], 0
        for b in by_volume:
            for bf in (True, False):
                placed = py3dbp_fits(b, remaining, bf)
                v = sum(volume(u) for u in placed)
                if v > best_volume:
                    best, best_placed, best_volume = b, placed, v
        if not best_placed:
            return None  # py3dbp cannot place some unit
        for u in best_placed:
            remaining.remove(u)
        count += 1
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sameday", default=".build/release/sameday")
    ap.add_argument("--boxes", default="Data/boxes.json")
    ap.add_argument("--units", default="1,5,20,100")
    ap.add_argument("--count", type=int, default=50, help="orders per size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep-flags", action="store_true", help="keep upright/fragile for SameDay (py3dbp ignores them)")
    args = ap.parse_args()

    with open(args.boxes) as f:
        catalog = json.load(f)
    ambient_boxes = [b for b in catalog if b.get("kind", "box") != "insulated"]
    worse_anywhere = False
    print(f"{'units':>5} {'orders':>6} {'SameDay':>8} {'py3dbp':>7} {'bound':>6} {'gap':>6} {'SameDay>py3dbp':>15} "
          f"{'SameDay s':>9} {'py3dbp s':>8}")
    for units in [int(u) for u in args.units.split(",")]:
        lines = subprocess.run(
            [args.sameday, "pack", "--sample-orders", str(args.count), "--sample-units", str(units),
             "--seed", str(args.seed)], check=True, capture_output=True, text=True).stdout.splitlines()
        orders = [json.loads(l) for l in lines]
        for o in orders:
            for it in o["items"]:
                if not args.keep_flags:
                    it["upright"] = False
                    it["fragile"] = False
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
            for o in orders:
                tmp.write(json.dumps(o) + "\n")
            path = tmp.name
        t0 = time.perf_counter()
        out = subprocess.run([args.sameday, "pack", "--boxes", args.boxes, "--orders", path, "--json"],
                             check=True, capture_output=True, text=True).stdout.splitlines()
        sameday_seconds = time.perf_counter() - t0
        os.unlink(path)
        results = [json.loads(l) for l in out]
        t0 = time.perf_counter()
        ours, theirs, bounds, worse = 0, 0, 0, []
        for o, r in zip(orders, results):
            if "error" in r:
                print(f"order {o['id']}: SameDay error {r['error']}", file=sys.stderr)
                worse.append(o["id"])
                continue
            expanded = [it for it in o["items"] for _ in range(it.get("qty", 1))]
            p = py3dbp_pack(ambient_boxes, expanded)
            n = len(r["containers"])
            ours += n
            bounds += r["lowerBound"]
            if p is not None:
                theirs += p
                if n > p:
                    worse.append(o["id"])
        py_seconds = time.perf_counter() - t0
        gap = (ours - bounds) / bounds * 100 if bounds else 0.0
        print(f"{units:>5} {len(orders):>6} {ours / len(orders):>8.3f} {theirs / len(orders):>7.3f} "
              f"{bounds / len(orders):>6.3f} {gap:>5.1f}% {len(worse):>15} {sameday_seconds:>9.2f} {py_seconds:>8.2f}")
        if worse:
            worse_anywhere = True
            print(f"      orders where SameDay used more boxes: {worse[:10]}", file=sys.stderr)
    sys.exit(1 if worse_anywhere else 0)


if __name__ == "__main__":
    main()
