#!/usr/bin/env python3
"""Draw docs/network-map.svg: the contiguous US regions of a network file and its nodes.

Usage (from the repository root): python3 scripts/network_map.py [--network Data/networks/us.json]
    [--zips Data/zips.csv] [--out docs/network-map.svg]
Standard library only. Each 0.3-degree cell with ZIPs is coloured by the region most of its people belong to
(a ZIP's region is its station's, else its nearest fulfillment center's), pale where only the carrier reaches.
"""
import argparse, csv, json, math, collections

COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--network", default="Data/networks/us.json")
    ap.add_argument("--zips", default="Data/zips.csv")
    ap.add_argument("--out", default="docs/network-map.svg")
    a = ap.parse_args()
    net = json.load(open(a.network))
    regions = [r["id"] for r in net["regions"]]
    color = {r: COLORS[i % len(COLORS)] for i, r in enumerate(regions)}
    station = {z: n for n in net["nodes"] for z in n.get("zips", [])}
    fcs = [n for n in net["nodes"] if n["kind"] == "fulfillment-center"]
    W, H = 1000, 620
    lon0, lon1, lat0, lat1 = -125.0, -66.5, 24.3, 49.5
    k = math.cos(math.radians(37))
    def xy(lat, lon):
        x = (lon - lon0) * k / ((lon1 - lon0) * k) * W
        y = (lat1 - lat) / (lat1 - lat0) * H
        return x, y
    cells = collections.defaultdict(lambda: collections.Counter())
    served = collections.defaultdict(float)
    total = collections.defaultdict(float)
    for row in csv.DictReader(open(a.zips)):
        lat, lon, pop = float(row["lat"]), float(row["lon"]), float(row["population"])
        if not (lat0 <= lat <= lat1 and lon0 <= lon <= lon1) or row["state"] in ("AK", "HI", "PR"):
            continue
        s = station.get(row["zip"])
        if s:
            region = s["region"]
        else:
            region = min(fcs, key=lambda f: (f["lat"] - lat) ** 2 + ((f["lon"] - lon) * k) ** 2)["region"]
        key = (math.floor(lat / 0.3), math.floor(lon / 0.3))
        cells[key][region] += pop
        total[key] += pop
        if s:
            served[key] += pop
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H + 60}" font-family="sans-serif" font-size="11">',
           f'<rect width="{W}" height="{H + 60}" fill="white"/>']
    for (la, lo), counter in sorted(cells.items()):
        region = counter.most_common(1)[0][0]
        x, y = xy((la + 1) * 0.3, lo * 0.3)
        x2, y2 = xy(la * 0.3, (lo + 1) * 0.3)
        opacity = 0.85 if served[(la, lo)] > total[(la, lo)] / 2 else 0.3
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{x2 - x + 0.3:.1f}" height="{y2 - y + 0.3:.1f}" '
                   f'fill="{color[region]}" fill-opacity="{opacity}"/>')
    for n in net["nodes"]:
        x, y = xy(n["lat"], n["lon"])
        if n["kind"] == "delivery-station":
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.3" fill="#333"/>')
    for n in net["nodes"]:
        x, y = xy(n["lat"], n["lon"])
        if n["kind"] == "fulfillment-center":
            out.append(f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="black" stroke="white" stroke-width="0.8"><title>{n["id"]}</title></rect>')
        elif n["kind"] == "same-day-site":
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#1f3fbf" stroke="white" stroke-width="0.8"><title>{n["id"]}</title></circle>')
        elif n["kind"] == "now-site":
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#d00" stroke="white" stroke-width="0.6"><title>{n["id"]}</title></circle>')
    ly = H + 18
    lx = 10
    for r in regions:
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{color[r]}"/><text x="{lx + 14}" y="{ly}">{r}</text>')
        lx += 14 + 7 * len(r) + 16
        if lx > W - 150:
            lx, ly = 10, ly + 16
    ly += 18
    out.append(f'<rect x="10" y="{ly - 8}" width="7" height="7" fill="black"/><text x="22" y="{ly}">fulfillment center</text>'
               f'<circle cx="150" cy="{ly - 4}" r="3.5" fill="#1f3fbf"/><text x="158" y="{ly}">same-day site</text>'
               f'<circle cx="260" cy="{ly - 4}" r="2.5" fill="#d00"/><text x="268" y="{ly}">now-site</text>'
               f'<circle cx="340" cy="{ly - 4}" r="1.3" fill="#333"/><text x="346" y="{ly}">delivery station</text>'
               f'<text x="470" y="{ly}">pale: carrier only</text>')
    out.append("</svg>")
    open(a.out, "w").write("\n".join(out) + "\n")

if __name__ == "__main__":
    main()
