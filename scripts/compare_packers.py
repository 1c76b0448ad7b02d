#!/usr/bin/env python3
"""Compare `sameday pack` with the public packers packer3d (PyPI `packer3d`, a native C engine) and py3dbp (PyPI
`py3dbp`) on seeded real-like e-commerce orders, in both rotation modes, and verify EVERY packing (ours and
theirs) with the independent checker below (spec/pack.md's rules: inside, no overlap, support, upright, load).

    swift build -c release --product sameday
    python3 scripts/compare_packers.py --sameday .build/release/sameday            # 3 sets x 1,000 orders
    python3 scripts/compare_packers.py --sets 1 --orders 300 --py3dbp-max-units 20 # quicker, with py3dbp

The script makes (once) a virtual environment `.venv-compare/` in the repository with packer3d==0.5.1 and
py3dbp==1.1.2 and re-runs itself there.

Orders ("real-like"): SKUs of the demo catalog Data/demo/catalog.csv (dimensions and weights as listed; every
unit ambient), drawn with a Zipf popularity over a seeded shuffle of the SKUs that some box takes standing on
their base, small items more popular (weight / volume^0.8); units per order: 40% one, 15% two, 10% three, 35% log-uniform from 4 to 100 (mean about 11, as in
public e-commerce order sets); an order's units come in lines of one SKU (most lines one unit, some 2-6).
Containers: 4 box types of Data/boxes.json (default B3, B6, B9, B12), each with its load limit. Modes: `3d`
(any rotation) and `upright` (every item `upright`: it turns about the vertical axis only). The generator is
deterministic (SplitMix64, the same sequence as SameDayCore's SeededGenerator), so a seed always gives the same
orders; `--write DIR` keeps the boxes and orders files.

packer3d runs as its wheel's engine, one process per order, with its defaults (time limit 1 s, 8 restarts),
support "contact" (any overlap, nothing floats: spec/pack.md's rule), no diagonal placements, rotation "any" or
"flat" (keep height), every box cost 1 so its objective is the number of boxes. py3dbp (which knows neither
support nor upright) runs in its best cartonization set-up (the smallest single box that takes the whole order,
else greedily the box that takes the most volume, again), with only the turns about the vertical axis in upright
mode; a py3dbp packing the checker rejects (a floating unit) does not count for it.

Exit status 1 when SameDay uses more containers than packer3d on any set and mode, or any packing of SameDay
fails the checker, or a lower bound exceeds a valid packing of anyone.
"""
import argparse
import bisect
import csv
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-compare"
MASK = (1 << 64) - 1


def ensure_venv():
    """Re-run inside .venv-compare with packer3d and py3dbp installed."""
    try:
        import packer3d  # noqa: F401
        import py3dbp  # noqa: F401
        return
    except ImportError:
        pass
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "packer3d==0.5.1", "py3dbp==1.1.2"], check=True)
    if Path(sys.prefix).resolve() == VENV.resolve():
        sys.exit("packer3d/py3dbp missing from .venv-compare")
    os.execv(str(python), [str(python), *sys.argv])


class SplitMix64:
    """SameDayCore's SeededGenerator: same seed, same numbers."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0**-53

    def int(self, lo, hi):
        """Uniform in [lo, hi] (Lemire's multiply-shift, as SeededGenerator.int(in:))."""
        width = hi - lo + 1
        return lo + ((self.next() * width) >> 64)


# ---------------------------------------------------------------- real-like orders

def load_boxes(path, ids):
    catalog = {b["id"]: b for b in json.loads(Path(path).read_text())}
    boxes = []
    for i in ids:
        b = dict(catalog[i])
        b["kind"] = "box"
        boxes.append(b)
    return boxes


def fits_upright(sku, box):
    l, w, h = sku["lengthMm"], sku["widthMm"], sku["heightMm"]
    return (h <= box["heightMm"] and sku["weightG"] <= box["maxLoadG"]
            and ((l <= box["lengthMm"] and w <= box["widthMm"]) or (w <= box["lengthMm"] and l <= box["widthMm"])))


def load_skus(path, boxes, shuffled=False):
    """Catalog SKUs that some box takes standing on their base (so every order packs in both modes). With
    `shuffled`, each SKU's three dimensions come in a seeded random order (as in product data where "height" is
    whatever side was measured third), which is what makes upright packing hard."""
    skus = []
    rng = SplitMix64(0xD1A5)
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            dims = [int(r["lengthMm"]), int(r["widthMm"]), int(r["heightMm"])]
            if shuffled:
                for i in (2, 1):
                    j = rng.int(0, i)
                    dims[i], dims[j] = dims[j], dims[i]
            s = {"sku": r["sku"], "lengthMm": dims[0], "widthMm": dims[1], "heightMm": dims[2],
                 "weightG": int(r["weightG"])}
            if any(fits_upright(s, b) for b in boxes):
                skus.append(s)
    return skus


def volume(u):
    return u["lengthMm"] * u["widthMm"] * u["heightMm"]


def units_per_order(rng):
    roll = rng.unit()
    if roll < 0.40:
        return 1
    if roll < 0.55:
        return 2
    if roll < 0.65:
        return 3
    return int(math.exp(math.log(4) + rng.unit() * (math.log(101) - math.log(4))))


def make_orders(seed, count, skus):
    """`count` orders of seed `seed`: a list of (id, [item dicts with qty])."""
    rng = SplitMix64(seed)
    order = list(range(len(skus)))
    for i in range(len(order) - 1, 0, -1):  # Fisher-Yates: the seed decides which SKUs are popular
        j = rng.int(0, i)
        order[i], order[j] = order[j], order[i]
    # Zipf popularity over the shuffle, and small items more popular (1 / volume^0.8, volume in litres).
    weights = [1.0 / (rank + 10) ** 0.9 * (1e6 / volume(skus[i])) ** 0.8 for rank, i in enumerate(order)]
    cumulative = list(itertools.accumulate(weights))

    def pick():
        return skus[order[bisect.bisect_left(cumulative, rng.unit() * cumulative[-1])]]

    orders = []
    for k in range(count):
        remaining = units_per_order(rng)
        lines = {}
        while remaining > 0:
            s = pick()
            roll = rng.unit()
            qty = 1 if roll < 0.75 else rng.int(2, 6)
            qty = min(qty, remaining)
            if s["sku"] in lines:
                lines[s["sku"]]["qty"] += qty
            else:
                lines[s["sku"]] = dict(s, qty=qty)
            remaining -= qty
        orders.append((f"r{seed}-{k}", list(lines.values())))
    return orders


def with_mode(items, mode):
    return [dict(it, upright=(mode == "upright")) for it in items]


# ---------------------------------------------------------------- the independent checker

def check(items, boxes_by_id, containers, support=True):
    """Errors of a packing: containers = [(box_id, [(sku, x, y, z, lx, ly, lz)])], corner coordinates. Items with
    `fixedOrientation` must keep theirs; `support=False` skips the floating test (the classic problem has none)."""
    errors = []
    by_sku = {it["sku"]: it for it in items}
    placed = {}
    for ci, (box_id, units) in enumerate(containers):
        box = boxes_by_id.get(box_id)
        if box is None:
            errors.append(f"container {ci}: unknown box {box_id}")
            continue
        if not units:
            errors.append(f"container {ci}: empty")
        load = 0
        for (sku, x, y, z, lx, ly, lz) in units:
            it = by_sku.get(sku)
            if it is None:
                errors.append(f"container {ci}: SKU {sku} not in the order")
                continue
            placed[sku] = placed.get(sku, 0) + 1
            load += it["weightG"]
            if sorted([lx, ly, lz]) != sorted([it["lengthMm"], it["widthMm"], it["heightMm"]]):
                errors.append(f"container {ci}: {sku} extents {lx}x{ly}x{lz} are not its dimensions")
            if it.get("fixedOrientation") and (lx, ly, lz) != (it["lengthMm"], it["widthMm"], it["heightMm"]):
                errors.append(f"container {ci}: {sku} of fixed orientation is turned")
            if it.get("upright") and lz != it["heightMm"]:
                errors.append(f"container {ci}: upright {sku} is not on its base")
            if x < 0 or y < 0 or z < 0 or x + lx > box["lengthMm"] or y + ly > box["widthMm"] or z + lz > box["heightMm"]:
                errors.append(f"container {ci}: {sku} at ({x},{y},{z}) sticks out")
        if load > box["maxLoadG"]:
            errors.append(f"container {ci}: load {load} g > {box['maxLoadG']} g")
        n = len(units)
        supported = [u[3] == 0 for u in units]
        for a in range(n):
            _, ax, ay, az, alx, aly, alz = units[a]
            for b in range(a + 1, n):
                _, bx, by, bz, blx, bly, blz = units[b]
                ox = min(ax + alx, bx + blx) - max(ax, bx)
                oy = min(ay + aly, by + bly) - max(ay, by)
                oz = min(az + alz, bz + blz) - max(az, bz)
                if ox > 0 and oy > 0 and oz > 0:
                    errors.append(f"container {ci}: units {a} and {b} overlap")
                if ox > 0 and oy > 0:
                    if az + alz == bz:
                        supported[b] = True
                    if bz + blz == az:
                        supported[a] = True
        for a, ok in enumerate(supported):
            if support and not ok:
                errors.append(f"container {ci}: unit {a} ({units[a][0]}) floats")
    for it in items:
        if placed.get(it["sku"], 0) != it["qty"]:
            errors.append(f"SKU {it['sku']}: {placed.get(it['sku'], 0)} placed of {it['qty']}")
    return errors


# ---------------------------------------------------------------- the packers

def run_sameday(binary, boxes_path, orders, mode, workdir):
    path = Path(workdir) / f"orders-{mode}.jsonl"
    with open(path, "w") as f:
        for oid, items in orders:
            f.write(json.dumps({"id": oid, "items": with_mode(items, mode)}) + "\n")
    # CPU time of the child (user + system): wall time on a shared machine says more about the neighbours.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([binary, "pack", "--boxes", str(boxes_path), "--orders", str(path), "--json"],
                         check=True, capture_output=True, text=True).stdout.splitlines()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    results = {}
    for line in out:
        r = json.loads(line)
        if "error" in r:
            results[r["id"]] = (None, None, r["error"])
            continue
        containers = [(c["box"], [(p["sku"], p["x"], p["y"], p["z"], p["lengthMm"], p["widthMm"], p["heightMm"])
                                  for p in c["placements"]]) for c in r["containers"]]
        results[r["id"]] = (containers, r["lowerBound"], None)
    return results, seconds


def packer3d_binary():
    from packer3d import default_binary
    return str(default_binary())


def run_packer3d(binary, boxes, items, mode):
    request = {
        "boxes": [{"id": b["id"], "width": b["lengthMm"], "length": b["widthMm"], "height": b["heightMm"],
                   "max_weight": b["maxLoadG"], "cost": 1} for b in boxes],
        "items": [{"id": it["sku"], "width": it["lengthMm"], "length": it["widthMm"], "height": it["heightMm"],
                   "weight": it["weightG"], "quantity": it["qty"],
                   "rotation": "none" if mode == "fixed" else "flat" if mode == "upright" else "any",
                   "diagonal": False} for it in items],
        "options": {"support_mode": "contact"},
    }
    p = subprocess.run([binary], input=json.dumps(request).encode(), capture_output=True, timeout=120)
    result = json.loads(p.stdout)
    if "error" in result or result.get("unpacked"):
        return None
    containers = []
    for b in result["bins"]:
        units = []
        for q in b["items"]:
            # Quarter turns about the vertical axis are reported as an angle on the item's own width and length.
            angle = q.get("angle", 0) % 360
            if angle not in (0, 90, 180, 270):
                return None
            lx, ly, lz = q["width"], q["length"], q["height"]
            if angle in (90, 270):
                lx, ly = ly, lx
            units.append((q["id"], q["x"] - lx / 2, q["y"] - ly / 2, q["z"], lx, ly, lz))
        containers.append((b["type_id"], units))
    return containers


def py3dbp_pack(boxes, items, mode):
    """py3dbp's best cartonization set-up; returns containers in corner coordinates (z = py3dbp's depth axis)."""
    from py3dbp import Bin, Item, Packer
    from py3dbp import constants
    from py3dbp.constants import RotationType
    all_rotations = [RotationType.RT_WHD, RotationType.RT_HWD, RotationType.RT_HDW, RotationType.RT_DHW,
                     RotationType.RT_DWH, RotationType.RT_WDH]
    RotationType.ALL = all_rotations[:1] if mode == "fixed" else all_rotations[:2] if mode == "upright" else all_rotations
    constants.RotationType.ALL = RotationType.ALL
    units = [it for it in items for _ in range(it["qty"])]

    def fill(box, rest, bigger_first):
        packer = Packer()
        packer.add_bin(Bin(box["id"], box["lengthMm"], box["widthMm"], box["heightMm"], box["maxLoadG"]))
        for k, u in enumerate(rest):
            packer.add_item(Item(str(k), u["lengthMm"], u["widthMm"], u["heightMm"], u["weightG"]))
        packer.pack(bigger_first=bigger_first, number_of_decimals=0)
        placed = []
        for i in packer.bins[0].items:
            d = [int(v) for v in i.get_dimension()]
            pos = [int(v) for v in i.position]
            placed.append((int(i.name), (rest[int(i.name)]["sku"], *pos, *d)))
        return placed

    by_volume = sorted(boxes, key=lambda b: b["lengthMm"] * b["widthMm"] * b["heightMm"])
    rest = list(units)
    containers = []
    while rest:
        total = sum(volume(u) for u in rest)
        done = None
        for b in by_volume:
            if b["lengthMm"] * b["widthMm"] * b["heightMm"] < total:
                continue
            for bf in (True, False):
                placed = fill(b, rest, bf)
                if len(placed) == len(rest):
                    done = (b, placed)
                    break
            if done:
                break
        if done:
            containers.append((done[0]["id"], [p for _, p in done[1]]))
            return containers
        best = None
        for b in by_volume:
            for bf in (True, False):
                placed = fill(b, rest, bf)
                v = sum(volume(rest[k]) for k, _ in placed)
                if placed and (best is None or v > best[0]):
                    best = (v, b, placed)
        if best is None:
            return None
        taken = {k for k, _ in best[2]}
        containers.append((best[1]["id"], [p for _, p in best[2]]))
        rest = [u for k, u in enumerate(rest) if k not in taken]
    return containers


# ---------------------------------------------------------------- the Martello-Pisinger-Vigo instances

def run_mpv(args):
    """SameDay, packer3d and py3dbp on the same MPV instances (written by `sameday pack --mpv-export`)."""
    workdir = Path(args.write or tempfile.mkdtemp(prefix="compare-mpv-"))
    classes = args.mpv_classes
    subprocess.run([args.sameday, "pack", "--mpv-class", classes, "--mpv-items", args.mpv_items,
                    "--mpv-instances", str(args.mpv_instances), "--mpv-export", str(workdir)],
                   check=True, capture_output=True)
    ours = {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([args.sameday, "pack", "--mpv-class", classes, "--mpv-items", args.mpv_items,
                          "--mpv-instances", str(args.mpv_instances), "--json"], capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sameday_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    for line in out.stdout.splitlines():
        r = json.loads(line)
        ours[(r["class"], r["items"], r["instance"])] = r
    if out.returncode != 0:
        print("SameDay: some MPV packing was invalid", file=sys.stderr)
    p3 = None if args.no_packer3d else packer3d_binary()
    rows = {}
    failed = out.returncode != 0
    for path in sorted(workdir.glob("mpv-*.json")):
        inst = json.loads(path.read_text())
        key = (inst["class"], inst["items"], inst["instance"])
        side = inst["bin"]
        box = {"id": "BIN", "kind": "box", "lengthMm": side, "widthMm": side, "heightMm": side, "maxLoadG": 10**12}
        lines = {}
        for w, h, d in inst["sizes"]:
            sku = f"{w}x{h}x{d}"
            if sku in lines:
                lines[sku]["qty"] += 1
            else:
                lines[sku] = {"sku": sku, "lengthMm": w, "widthMm": h, "heightMm": d, "weightG": 0, "qty": 1,
                              "fixedOrientation": True}
        items = list(lines.values())
        row = rows.setdefault(key[:2], {"n": 0, "lb": 0, "sd": 0, "sd_ms": 0.0, "p3": 0, "p3_s": 0.0, "p3_n": 0,
                                        "py": 0, "py_s": 0.0, "py_n": 0, "py_float": 0})
        r = ours[key]
        row["n"] += 1
        row["lb"] += r["lowerBound"]
        row["sd"] += r["bins"]
        row["sd_ms"] += r["ms"]
        if p3:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            theirs = run_packer3d(p3, [box], items, "fixed")
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            row["p3_s"] += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if theirs is not None and not check(items, {"BIN": box}, theirs):
                row["p3"] += len(theirs)
                row["p3_n"] += 1
                if len(theirs) < r["lowerBound"]:
                    print(f"MPV {key}: lower bound {r['lowerBound']} > packer3d's {len(theirs)}", file=sys.stderr)
                    failed = True
        if inst["items"] <= args.mpv_py3dbp_max_items:
            t = time.process_time()
            theirs = py3dbp_pack([box], items, "fixed")
            row["py_s"] += time.process_time() - t
            if theirs is not None and not check(items, {"BIN": box}, theirs, support=False):
                row["py"] += len(theirs)
                row["py_n"] += 1
                row["py_float"] += bool(check(items, {"BIN": box}, theirs))
    print(f"MPV instances in {workdir}; SameDay: {sameday_cpu:.1f} CPU seconds for all of them "
          "(ms/inst below: wall time inside sameday)")
    print(f"{'class':>5} {'n':>4} {'inst':>4} {'bound':>6} {'SameDay':>8} {'gap':>6} {'ms/inst':>8} {'packer3d':>8} "
          f"{'s/inst':>7} {'py3dbp':>7} {'s/inst':>7}  (peers: CPU seconds per instance)")
    total = {"lb": 0, "sd": 0, "p3": 0, "py": 0, "sd_ms": 0.0}
    for (c, n), row in sorted(rows.items()):
        gap = (row["sd"] - row["lb"]) / row["lb"] * 100 if row["lb"] else 0
        p3s = f"{row['p3']}" if row["p3_n"] == row["n"] else f"{row['p3']} ({row['p3_n']})" if p3 else "-"
        pys = f"{row['py']}" if row["py_n"] == row["n"] else "-"
        print(f"{c:>5} {n:>4} {row['n']:>4} {row['lb']:>6} {row['sd']:>8} {gap:>5.1f}% {row['sd_ms'] / row['n']:>8.1f} "
              f"{p3s:>8} {row['p3_s'] / row['n']:>7.2f} {pys:>7} {row['py_s'] / max(1, row['py_n']):>7.2f}")
        for k in ("lb", "sd", "sd_ms"):
            total[k] += row[k]
        total["p3"] += row["p3"]
        total["py"] += row["py"] if row["py_n"] == row["n"] else 0
    gap = (total["sd"] - total["lb"]) / total["lb"] * 100 if total["lb"] else 0
    print(f"total: bound {total['lb']}, SameDay {total['sd']} ({gap:.1f}% above the bound, "
          f"{total['sd_ms'] / 1000:.1f} s), packer3d {total['p3']}")
    floating = sum(r["py_float"] for r in rows.values())
    if args.mpv_py3dbp_max_items:
        print(f"py3dbp: instances of <= {args.mpv_py3dbp_max_items} items; {floating} of its packings float "
              "(counted: the classic problem has no support rule)")
    return failed


# ---------------------------------------------------------------- driver

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sameday", default=str(ROOT / ".build/release/sameday"))
    ap.add_argument("--boxes", default=str(ROOT / "Data/boxes.json"))
    ap.add_argument("--box-ids", default="B3,B6,B9,B12")
    ap.add_argument("--catalog", default=str(ROOT / "Data/demo/catalog.csv"))
    ap.add_argument("--dims", choices=["listed", "shuffled"], default="listed",
                    help="item dimensions as the catalog lists them, or in a seeded random order per SKU")
    ap.add_argument("--sets", default="1,2,3", help="seeds, one sample set each")
    ap.add_argument("--orders", type=int, default=1000, help="orders per set")
    ap.add_argument("--modes", default="3d,upright")
    ap.add_argument("--no-packer3d", action="store_true")
    ap.add_argument("--py3dbp-max-units", type=int, default=0,
                    help="run py3dbp on orders of at most this many units (0: not at all; it is slow)")
    ap.add_argument("--write", help="keep boxes.json and the orders files in this directory")
    ap.add_argument("--losses", type=int, default=5, help="orders where a peer beats SameDay to print per set")
    ap.add_argument("--mpv", action="store_true", help="compare on the Martello-Pisinger-Vigo instances instead")
    ap.add_argument("--mpv-classes", default="all")
    ap.add_argument("--mpv-items", default="50,100,150,200")
    ap.add_argument("--mpv-instances", type=int, default=10)
    ap.add_argument("--mpv-py3dbp-max-items", type=int, default=50,
                    help="run py3dbp on MPV instances of at most this many items (0: none; it is slow)")
    args = ap.parse_args()
    if not args.no_packer3d or args.py3dbp_max_units or (args.mpv and args.mpv_py3dbp_max_items):
        ensure_venv()
    if args.mpv:
        sys.exit(1 if run_mpv(args) else 0)

    boxes = load_boxes(args.boxes, args.box_ids.split(","))
    boxes_by_id = {b["id"]: b for b in boxes}
    skus = load_skus(args.catalog, boxes, shuffled=args.dims == "shuffled")
    workdir = args.write or tempfile.mkdtemp(prefix="compare-packers-")
    os.makedirs(workdir, exist_ok=True)
    boxes_path = Path(workdir) / "boxes.json"
    boxes_path.write_text(json.dumps(boxes, indent=1))
    p3 = None if args.no_packer3d else packer3d_binary()
    failed = False
    print(f"boxes {args.box_ids}; {len(skus)} SKUs; files in {workdir}")
    header = (f"{'set':>4} {'mode':>8} {'orders':>6} {'units':>6} {'bound':>6} {'SameDay':>8} {'packer3d':>8} "
              f"{'py3dbp':>10} {'best peer':>9} {'SD<p3d':>6} {'SD>p3d':>6} {'SameDay s':>9} {'packer3d s':>10} "
              f"{'py3dbp s':>8}  (CPU seconds)")
    print(header)
    for seed in [int(s) for s in args.sets.split(",")]:
        orders = make_orders(seed, args.orders, skus)
        units = sum(it["qty"] for _, items in orders for it in items)
        for mode in args.modes.split(","):
            ours, sd_seconds = run_sameday(args.sameday, boxes_path, orders, mode, workdir)
            tot = {"sd": 0, "p3": 0, "py": 0, "py_orders": 0, "py_invalid": 0, "best": 0, "bound": 0}
            wins = losses = 0
            p3_seconds = py_seconds = 0.0
            lost = []
            for oid, items in orders:
                items = with_mode(items, mode)
                containers, bound, error = ours[oid]
                if error:
                    print(f"{oid} {mode}: SameDay error {error}", file=sys.stderr)
                    failed = True
                    continue
                errs = check(items, boxes_by_id, containers)
                if errs:
                    print(f"{oid} {mode}: SameDay packing invalid: {errs[:3]}", file=sys.stderr)
                    failed = True
                n_sd = len(containers)
                tot["sd"] += n_sd
                tot["bound"] += bound
                best = None
                if p3:
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    theirs = run_packer3d(p3, boxes, items, mode)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    p3_seconds += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                    if theirs is None or check(items, boxes_by_id, theirs):
                        print(f"{oid} {mode}: packer3d gave no valid packing", file=sys.stderr)
                        n_p3 = None
                    else:
                        n_p3 = len(theirs)
                        tot["p3"] += n_p3
                        best = n_p3
                        wins += n_sd < n_p3
                        losses += n_sd > n_p3
                        if n_sd > n_p3:
                            lost.append((oid, sum(it["qty"] for it in items), n_sd, n_p3, bound))
                        if bound > n_p3:
                            print(f"{oid} {mode}: lower bound {bound} > packer3d's valid {n_p3}", file=sys.stderr)
                            failed = True
                n_units = sum(it["qty"] for it in items)
                if args.py3dbp_max_units and n_units <= args.py3dbp_max_units:
                    t0 = time.process_time()
                    theirs = py3dbp_pack(boxes, items, mode)
                    py_seconds += time.process_time() - t0
                    tot["py_orders"] += 1
                    if theirs is None or check(items, boxes_by_id, theirs):
                        tot["py_invalid"] += 1
                    else:
                        tot["py"] += len(theirs)
                        best = len(theirs) if best is None else min(best, len(theirs))
                tot["best"] += best if best is not None else n_sd
            py = f"{tot['py']}/{tot['py_orders'] - tot['py_invalid']}" if args.py3dbp_max_units else "-"
            print(f"{seed:>4} {mode:>8} {len(orders):>6} {units:>6} {tot['bound']:>6} {tot['sd']:>8} "
                  f"{tot['p3'] if p3 else '-':>8} {py:>10} {tot['best']:>9} {wins:>6} {losses:>6} "
                  f"{sd_seconds:>9.2f} {p3_seconds:>10.1f} {py_seconds:>8.1f}", flush=True)
            if args.py3dbp_max_units:
                print(f"     py3dbp: {tot['py_orders']} orders of <= {args.py3dbp_max_units} units, "
                      f"{tot['py_invalid']} rejected by the checker", flush=True)
            for oid, n, a, b, lb in lost[:args.losses]:
                print(f"     packer3d better: {oid} ({n} units): SameDay {a}, packer3d {b}, bound {lb}")
            if p3 and tot["sd"] > tot["p3"]:
                failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
