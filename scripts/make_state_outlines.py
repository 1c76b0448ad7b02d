#!/usr/bin/env python3
"""Write Sources/SameDayServer/Dashboard/StateOutlines.swift: the contiguous US states as SVG paths for the dashboard.

Usage (from the repository root):
    apt-get download r-cran-maps && dpkg-deb -x r-cran-maps_*.deb /tmp/r-cran-maps
    python3 scripts/make_state_outlines.py --mapdata /tmp/r-cran-maps/usr/lib/R/site-library/maps/mapdata

Standard library only. Reads the `state` database of Debian's r-cran-maps (files state.L, state.G, state.N: the
maps package's binary little-endian format, coordinates in radians), simplifies each border line once with
Douglas-Peucker (so neighbouring states keep a common edge), assembles each state's polygons from its lines, and
projects them with the projection the dashboard's script uses for node coordinates:

    x = (lon + 125) * cos(37 deg) * SCALE,  y = (49.6 - lat) * SCALE,  SCALE = 1000 / (58.5 * cos(37 deg))

(equirectangular, scaled so the lower 48 states span a 1000-unit-wide view box). See Data/README.md.
"""
import argparse, math, struct

LON0, LON1, LAT1 = -125.0, -66.5, 49.6
K = math.cos(math.radians(37))
SCALE = 1000 / ((LON1 - LON0) * K)
TOLERANCE = 0.5  # view-box units (about 0.03 degree of latitude)


def project(lon, lat):
    return (lon - LON0) * K * SCALE, (LAT1 - lat) * SCALE


def read_lines(path):
    data = open(path, "rb").read()
    coordtype, count = struct.unpack_from("<ii", data, 0)
    assert coordtype == 2, f"unexpected coordinate type {coordtype} (2: radians)"
    lines = []
    for i in range(count):
        offset, npair, _left, _right = struct.unpack_from("<IHHH", data, 8 + 28 * i)
        pairs = struct.unpack_from(f"<{2 * npair}f", data, offset)
        points = [project(math.degrees(pairs[2 * j]), math.degrees(pairs[2 * j + 1])) for j in range(npair)]
        lines.append(points)
    return lines


def read_polygons(path):
    data = open(path, "rb").read()
    (count,) = struct.unpack_from("<H", data, 0)
    polygons = []
    for i in range(count):
        offset, nline = struct.unpack_from("<IH", data, 2 + 24 * i)
        polygons.append(struct.unpack_from(f"<{nline}i", data, offset))
    return polygons


def simplify(points, tolerance):
    """Douglas-Peucker, endpoints kept."""
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy)
    best, index = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        d = abs(dy * (px - ax) - dx * (py - ay)) / length if length else math.hypot(px - ax, py - ay)
        if d > best:
            best, index = d, i
    if best <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def path_for(polygon, lines):
    """One closed subpath: absolute first point, then relative moves in integer view-box units."""
    ring = []
    for number in polygon:
        line = lines[abs(number) - 1]
        ring.extend(line if number > 0 else list(reversed(line)))
    points = []
    for x, y in ring:
        p = (round(x), round(y))
        if not points or points[-1] != p:
            points.append(p)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return ""
    out = [f"M{points[0][0]} {points[0][1]}l"]
    deltas = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        deltas.append(f"{x1 - x0} {y1 - y0}")
    out.append(" ".join(deltas).replace(" -", "-"))
    out.append("z")
    return "".join(out)


def wrap(d, width=70):
    """Path data broken at spaces into lines of at most `width` characters (SVG allows any whitespace there)."""
    lines, line = [], ""
    for word in d.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mapdata", required=True, help="the maps package's mapdata folder (state.L, state.G, state.N)")
    ap.add_argument("--out", default="Sources/SameDayServer/Dashboard/StateOutlines.swift")
    a = ap.parse_args()
    lines = [simplify(line, TOLERANCE) for line in read_lines(f"{a.mapdata}/state.L")]
    polygons = read_polygons(f"{a.mapdata}/state.G")
    names = {}
    for row in open(f"{a.mapdata}/state.N", encoding="latin-1"):
        name, number = row.rstrip("\n").rsplit("\t", 1)
        names[int(number)] = name.split(":")[0]
    states = {}
    for number, polygon in enumerate(polygons, start=1):
        d = path_for(polygon, lines)
        if d:
            states.setdefault(names[number], []).append(d)
    elements = []
    for name in sorted(states):
        elements.append(f'<path d="{wrap("".join(states[name]))}"><title>{name.title()}</title></path>')
    svg = "\n".join(elements)
    assert '"""' not in svg and "\\" not in svg
    with open(a.out, "w") as f:
        f.write("// Generated by scripts/make_state_outlines.py from Debian's r-cran-maps `state` database (see\n")
        f.write("// Data/README.md); do not edit by hand. The contiguous US states as SVG paths in the dashboard's\n")
        f.write("// map projection (view box 0 0 1000 %d).\n\n" % math.ceil((LAT1 - 24.4) * SCALE))
        f.write("extension DashboardAssets {\n")
        f.write("    /// One `<path>` per state (a `<title>` names it), ready to place inside the map's `<svg>`.\n")
        f.write('    static let stateOutlines = """\n')
        for row in svg.split("\n"):
            f.write("        " + row + "\n")
        f.write('        """\n}\n')
    print(f"{len(states)} states, {sum(len(l) for l in lines)} points, {len(svg)} bytes of SVG -> {a.out}")


if __name__ == "__main__":
    main()
