#!/usr/bin/env bash
# Checks `sameday pack` as a user runs it: JSON shape, summary, SVG, orders, and exit status 2 with one line
# on stderr for every kind of bad input. Usage: scripts/check-pack-cli.sh [path/to/sameday]
set -u
BIN="${1:-.build/debug/sameday}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

cat >"$DIR/boxes.json" <<'J'
[{"id": "S1", "kind": "box", "lengthMm": 230, "widthMm": 300, "heightMm": 240, "maxLoadG": 15000, "emptyWeightG": 160, "costCents": 45},
 {"id": "C20", "kind": "box", "lengthMm": 200, "widthMm": 200, "heightMm": 200, "maxLoadG": 15000, "emptyWeightG": 100},
 {"id": "I1", "kind": "insulated", "lengthMm": 250, "widthMm": 200, "heightMm": 150, "maxLoadG": 8000, "emptyWeightG": 600}]
J
cat >"$DIR/items.json" <<'J'
[{"sku": "A1", "lengthMm": 210, "widthMm": 297, "heightMm": 8, "weightG": 300, "qty": 9},
 {"sku": "MILK", "lengthMm": 70, "widthMm": 70, "heightMm": 140, "weightG": 1000, "upright": true, "temperature": "chilled"},
 {"sku": "BIKE", "lengthMm": 1500, "widthMm": 800, "heightMm": 300, "weightG": 12000, "ownContainer": true}]
J
cat >"$DIR/cubes.json" <<'J'
[{"sku": "K", "lengthMm": 100, "widthMm": 100, "heightMm": 100, "weightG": 500, "qty": 8}]
J

# 1. JSON output: shape, one placement per unit, own container, lower bound.
out="$("$BIN" pack --boxes "$DIR/boxes.json" --items "$DIR/items.json" --json)" || bad "valid order exited $?"
python3 - "$out" <<'PY' && ok || bad "JSON output shape"
import json, sys
o = json.loads(sys.argv[1])
assert set(o) == {"containers", "lowerBound"}, o.keys()
units = sum(len(c["placements"]) for c in o["containers"])
assert units == 11, units
assert any(c["box"] is None and len(c["placements"]) == 1 for c in o["containers"])
assert o["lowerBound"] == 3 and len(o["containers"]) == 3, (o["lowerBound"], len(o["containers"]))
for c in o["containers"]:
    assert set(c) == {"box", "weightG", "placements"}
    for p in c["placements"]:
        assert set(p) == {"sku", "x", "y", "z", "lengthMm", "widthMm", "heightMm"}
PY
out="$("$BIN" pack --boxes "$DIR/boxes.json" --items "$DIR/cubes.json" --json)"
python3 -c 'import json,sys; o=json.loads(sys.argv[1]); assert [c["box"] for c in o["containers"]]==["C20"], o' "$out" && ok || bad "8 cubes → C20"

# 2. Summary and SVG.
"$BIN" pack --boxes "$DIR/boxes.json" --items "$DIR/items.json" --svg "$DIR/p.svg" >"$DIR/summary.txt" || bad "summary exited"
grep -q "lower bound 3" "$DIR/summary.txt" && ok || bad "summary lacks the lower bound"
grep -q "<svg" "$DIR/p.svg" && grep -q "A1" "$DIR/p.svg" && ok || bad "SVG missing or lacks the legend"

# 3. Orders: one line per order in input order, errors in-band.
printf '%s\n' '{"id": "o1", "items": [{"sku": "K", "lengthMm": 100, "widthMm": 100, "heightMm": 100, "weightG": 500}]}' \
  '{"id": "o2", "items": [{"sku": "HUGE", "lengthMm": 5000, "widthMm": 100, "heightMm": 100, "weightG": 500}]}' \
  '{"id": "o3", "items": []}' >"$DIR/orders.jsonl"
out="$("$BIN" pack --boxes "$DIR/boxes.json" --orders "$DIR/orders.jsonl" --json)" || bad "orders exited $?"
python3 - "$out" <<'PY' && ok || bad "orders output"
import json, sys
lines = [json.loads(l) for l in sys.argv[1].splitlines()]
assert [l["id"] for l in lines] == ["o1", "o2", "o3"], lines
assert "containers" in lines[0] and "error" in lines[1] and "HUGE" in lines[1]["error"]
assert lines[2]["containers"] == [] and lines[2]["lowerBound"] == 0
PY

# 4. Bad input: exit 2, exactly one line on stderr naming the file and field or the SKU.
expect2() {
  local what="$1" needle="$2"
  shift 2
  "$BIN" pack "$@" >/dev/null 2>"$DIR/err"
  local rc=$?
  local n
  n=$(wc -l <"$DIR/err")
  if [ "$rc" -eq 2 ] && [ "$n" -eq 1 ] && grep -q -- "$needle" "$DIR/err"; then ok; else bad "$what: rc=$rc lines=$n $(cat "$DIR/err")"; fi
}
echo '[{"sku": "X", "lengthMm": 5000, "widthMm": 10, "heightMm": 10, "weightG": 1}]' >"$DIR/huge.json"
expect2 "item too large" "X" --boxes "$DIR/boxes.json" --items "$DIR/huge.json"
echo '[{"sku": "X", "lengthMm": 10, "widthMm": 10, "heightMm": 10, "weightG": 99999}]' >"$DIR/heavy.json"
expect2 "item too heavy" "X" --boxes "$DIR/boxes.json" --items "$DIR/heavy.json"
echo '[{"sku": "X", "lengthMm": 0, "widthMm": 10, "heightMm": 10, "weightG": 1}]' >"$DIR/zero.json"
expect2 "bad item field" "zero.json:\[0\].lengthMm" --boxes "$DIR/boxes.json" --items "$DIR/zero.json"
echo '[{"sku": "X", "lengthMm": 1, "widthMm": 10, "heightMm": 10, "weightG": 1, "temperature": "warm"}]' >"$DIR/warm.json"
expect2 "bad temperature" "temperature" --boxes "$DIR/boxes.json" --items "$DIR/warm.json"
echo '[{"id": "S1", "kind": "crate", "lengthMm": 1, "widthMm": 1, "heightMm": 1, "maxLoadG": 1}]' >"$DIR/crate.json"
expect2 "bad box kind" "crate.json:\[0\].kind" --boxes "$DIR/crate.json" --items "$DIR/cubes.json"
echo '[{"sku": ' >"$DIR/broken.json"
expect2 "malformed JSON" "broken.json:2:1" --boxes "$DIR/boxes.json" --items "$DIR/broken.json"
expect2 "missing file" "nope.json" --boxes "$DIR/boxes.json" --items "$DIR/nope.json"
expect2 "no items" "--items" --boxes "$DIR/boxes.json"
expect2 "unknown argument" "--frobnicate" --boxes "$DIR/boxes.json" --items "$DIR/cubes.json" --frobnicate

# 5. Default catalog (Data/boxes.json) when --boxes is omitted.
"$BIN" pack --items "$DIR/cubes.json" --json >/dev/null && ok || bad "default catalog"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
