#!/usr/bin/env bash
# `swift test` with a watchdog: builds the tests, then runs them with line-buffered output; if the run has not
# ended after SAMEDAY_TEST_MINUTES (default 30; SAMEDAY_TEST_SECONDS, if set, in seconds), prints the tests that
# started and never ended, the test process's threads (gdb, when installed) and the `sameday` processes, then kills
# the run and fails. A hang then fails with a diagnosis, instead of silently using up the CI's time.
#
#   scripts/test-with-watchdog.sh [swift test arguments…]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

limit="${SAMEDAY_TEST_SECONDS:-$((${SAMEDAY_TEST_MINUTES:-30} * 60))}"
log="$(mktemp -t sameday-test.XXXXXX.log)"

swift build --build-tests || exit 1

# A process group of its own, so the watchdog can end the test process and every server it started.
setsid stdbuf -oL -eL swift test --skip-build "$@" > >(tee "$log") 2>&1 &
runner=$!
deadline=$((SECONDS + limit))
while kill -0 "$runner" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 5
done

if kill -0 "$runner" 2>/dev/null; then
    echo "::error:: swift test did not end within ${limit} s; what was still running:"
    python3 - "$log" <<'PY'
import re, sys
started, ended = [], set()
for line in open(sys.argv[1], errors="replace"):
    # "◇ Test name(args:) started." and "✔ Test name(args:) passed after …" / "✘ Test name(args:) failed …";
    # a parameterized test's cases ("◇ Test case passing …") end with their test.
    if m := re.match(r"◇ Test (?!case passing)(\S+\(.*?\)) started\.", line):
        started.append(m.group(1))
    if m := re.match(r"[✔✘] Test (?!case passing)(\S+\(.*?\)) ", line):
        ended.add(m.group(1))
for name in started:
    if name not in ended:
        print("  still running:", name)
PY
    for pid in $(pgrep -f 'PackageTests.xctest|swift-testing' || true); do
        echo "--- threads of test process $pid"
        if command -v gdb >/dev/null 2>&1; then
            # Each thread's header, its innermost frame, and the frames of the project's own code.
            timeout 120 gdb -p "$pid" -batch -ex "thread apply all bt 40" 2>/dev/null \
                | grep -E '^Thread|^#0 |SameDay' | cut -c1-300 | head -600
        fi
    done
    echo "--- sameday processes"
    ps -eo pid,ppid,etime,args | grep '[s]ameday ' || true
    kill -TERM -- "-$runner" 2>/dev/null
    sleep 5
    kill -KILL -- "-$runner" 2>/dev/null
    exit 1
fi
wait "$runner"
