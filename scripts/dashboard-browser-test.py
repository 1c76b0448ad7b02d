#!/usr/bin/env python3
"""The operator dashboard in a real browser (Debian's chromium, driven by Playwright from PyPI).

Usage (from the repository root, after `swift build`):
    python3 scripts/dashboard-browser-test.py [--sameday .build/debug/sameday] [--artifacts .build/artifacts/dashboard]
        [--update-docs]
Installs what is missing: Debian `chromium` (apt-get, as root) and PyPI `playwright` in .build/browser-venv (the
script re-runs itself there). Starts `sameday serve` on a fresh SQLite database and a free port, reads the operator
and customer keys it prints, places a few orders, then checks in the browser:
  - a wrong key is refused with the server's message; the right key opens the board;
  - every element with `data-kpi` shows the value /v1/kpis gives at the same moment (retried for refresh races);
  - no console error, no request to any other origin (every request is routed and checked);
  - clicking a node (and Enter on one) opens its details; the key is in sessionStorage, not in localStorage,
    cookies or the URL; logging out forgets it;
  - page-ready time: navigation to the first rendered figures (printed; the goal is <= 1 s on loopback).
Saves screenshots at 1280x800 and 390x844 in the artifacts folder; --update-docs copies them to docs/images/.
Exits non-zero on any failure.
"""
from decimal import ROUND_HALF_UP, Decimal
import argparse, json, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".build", "browser-venv")
CHROMIUM = "/usr/bin/chromium"


def ensure_tools():
    if not os.path.exists(CHROMIUM):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env, stdout=subprocess.DEVNULL)
    try:
        import playwright  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", "playwright"], check=True)
    os.execv(python, [python] + sys.argv)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, directory):
    port = free_port()
    log = open(os.path.join(directory, "serve.log"), "w+")
    process = subprocess.Popen(
        [binary, "serve", "--database", os.path.join(directory, "db.sqlite"), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    keys = {}
    deadline = time.time() + 60
    while time.time() < deadline and len(keys) < 2:
        time.sleep(0.2)
        if process.poll() is not None:
            raise SystemExit(f"sameday serve exited: {open(log.name).read()[-2000:]}")
        text = open(log.name).read()
        for role, key in re.findall(r"^(operator|customer demo) key \(shown once\): (\S+)$", text, re.M):
            keys[role] = key
        if len(keys) == 2 and f"listening on http://127.0.0.1:{port}" not in text:
            keys = {}
    if len(keys) < 2:
        process.terminate()
        raise SystemExit("sameday serve printed no keys within 60 s")
    return process, f"http://127.0.0.1:{port}", keys["operator"], keys["customer demo"]


def call(base, path, key, body=None, headers=None):
    request = urllib.request.Request(base + path, method="POST" if body is not None else "GET",
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Authorization", f"Bearer {key}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def member(value, path):
    for part in path.split("."):
        if isinstance(value, list):
            value = value[int(part)] if part.isdigit() and int(part) < len(value) else None
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def shown(value, kind):
    """The text the page shows for a value (dashboard.js `format`)."""
    if value is None:
        return "—"
    # JavaScript's toFixed rounds the exact binary value, ties away from zero; Python's format rounds ties to even.
    if kind == "share":
        return f"{Decimal(value * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"
    if kind == "ratio":
        return f"{Decimal(value).quantize(Decimal('0.01'), ROUND_HALF_UP)}"
    return f"{value:,}" if isinstance(value, int) else str(value)


class Checks:
    def __init__(self):
        self.failures = []

    def expect(self, condition, message):
        print(("ok   " if condition else "FAIL ") + message, flush=True)
        if not condition:
            self.failures.append(message)


def compare_figures(page, base, operator_key, checks):
    """Every data-kpi element against /v1/kpis read at the same moment; retried to ride out a refresh between."""
    problems = []
    for _attempt in range(8):
        kpis = call(base, "/v1/kpis", operator_key)[1]
        marked = page.eval_on_selector_all(
            "[data-kpi]", "els => els.map(e => [e.getAttribute('data-kpi'), e.getAttribute('data-value'),"
            " e.getAttribute('data-format'), e.tagName.toLowerCase(), e.textContent])")
        problems = []
        for path, value, kind, tag, text in marked:
            expected = member(kpis, path)
            if value is None or json.loads(value) != expected:
                problems.append(f"{path}: page {value}, /v1/kpis {json.dumps(expected)}")
            elif tag in ("dd", "b", "span") and text != shown(expected, kind):
                problems.append(f"{path}: shows {text!r}, expected {shown(expected, kind)!r}")
        if not problems:
            return len(marked), kpis
        time.sleep(1.5)
    checks.expect(False, "data-kpi values equal /v1/kpis: " + "; ".join(problems[:10]))
    return 0, None


def run(args):
    from playwright.sync_api import sync_playwright

    checks = Checks()
    os.makedirs(args.artifacts, exist_ok=True)
    directory = tempfile.mkdtemp(prefix="sameday-dashboard-")
    server, base, operator_key, customer_key = start_server(args.sameday, directory)
    try:
        for i, zip_code in enumerate(["98109", "10001", "60601", "94103", "30301", "98109"]):
            status, order = call(base, "/v1/orders", customer_key, {"zip": zip_code, "lines": [
                {"sku": "HH-00001", "qty": 1 + i % 2}]}, {"Idempotency-Key": f"browser-test-{i}"})
            print(f"order {zip_code}: {status} {order.get('speed') if isinstance(order, dict) else order}")
        kpis_status = call(base, "/v1/kpis", operator_key)[0]
        kpis_present = kpis_status == 200
        if not kpis_present:
            print(f"NOTICE: GET /v1/kpis answered {kpis_status}: this server has no figures route yet; the checks "
                  "of the page's numbers against it are skipped.")
        origin = base
        foreign, errors = [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1280, "height": 800})

            def route(r):
                if r.request.url.startswith(origin + "/"):
                    r.continue_()
                else:
                    foreign.append(r.request.url)
                    r.abort()
            context.route("**/*", route)
            page = context.new_page()
            tolerated = ("/v1/kpis", "/shipments") if not kpis_present else ()
            expecting_refusal = [True]

            def on_console(message):
                if message.type != "error":
                    return
                where = (message.location or {}).get("url", "")
                text = message.text
                if expecting_refusal[0] and "401" in text:
                    return
                if any(t in where or t in text for t in tolerated) and "404" in text:
                    return
                errors.append(f"{text} ({where})")
            page.on("console", on_console)
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))

            response = page.goto(base + "/")
            checks.expect(page.url == base + "/dashboard", f"/ leads to /dashboard (at {page.url})")
            checks.expect(response is not None and response.status == 200, "the page loads without a key")
            page.fill("#key", "sd_not_a_real_key")
            page.click("#key-form button")
            page.wait_for_selector("#login-error:not(:empty)")
            message = page.text_content("#login-error")
            checks.expect("401" in message and "not known" in message, f"a wrong key is refused: {message!r}")
            checks.expect(page.evaluate("sessionStorage.length") == 0, "a refused key is not kept")
            expecting_refusal[0] = False

            started = time.perf_counter()
            page.goto(base + "/dashboard")
            page.fill("#key", operator_key)
            page.click("#key-form button")
            page.wait_for_selector("#board:not([hidden])")
            page.wait_for_selector("#nodes [data-node]")
            if kpis_present:
                page.wait_for_selector("dd[data-kpi='orders'][data-value]")
            login_to_ready = time.perf_counter() - started

            # Page-ready: a fresh tab with the key already in sessionStorage, from navigation to the first figures.
            ready_page = context.new_page()
            ready_page.on("console", on_console)
            ready_page.goto(base + "/dashboard")
            ready_page.evaluate("key => sessionStorage.setItem('sameday.operatorKey', key)", operator_key)
            timings = []
            for _ in range(3):
                t0 = time.perf_counter()
                ready_page.reload()
                ready_page.wait_for_selector("dd[data-kpi='orders'][data-value]" if kpis_present
                                             else "#nodes [data-node]")
                timings.append(time.perf_counter() - t0)
            ready_page.close()
            timings.sort()
            print(f"page ready (reload to first figures, median of 3): {timings[1] * 1000:.0f} ms; "
                  f"login to first figures: {login_to_ready * 1000:.0f} ms")
            checks.expect(timings[1] <= 1.0, f"page ready within 1 s ({timings[1] * 1000:.0f} ms)")

            if kpis_present:
                count, _ = compare_figures(page, base, operator_key, checks)
                checks.expect(count >= 18, f"{count} data-kpi numbers equal /v1/kpis")
            else:
                print("NOTICE: skipped comparing data-kpi numbers with /v1/kpis (route absent).")

            storage = page.evaluate("[sessionStorage.getItem('sameday.operatorKey'), JSON.stringify(localStorage)]")
            checks.expect(storage[0] == operator_key, "the key is in sessionStorage")
            checks.expect(operator_key not in storage[1], "the key is not in localStorage")
            checks.expect(all(operator_key not in c["value"] for c in context.cookies()), "the key is in no cookie")
            checks.expect(operator_key not in page.url, "the key is not in the URL")

            node = page.locator("#nodes [data-node^='FC-']").first
            node_id = node.get_attribute("data-node")
            node.click()
            page.wait_for_selector("#node-panel:not([hidden])")
            # Polled from here: wait_for_function evaluates a string, which the page's policy (no eval) forbids.
            for _ in range(100):
                if page.text_content("#node-stock") != "Loading…":
                    break
                page.wait_for_timeout(100)
            checks.expect(page.text_content("#node-title") == node_id, f"clicking {node_id} opens its details")
            stock_text = page.text_content("#node-stock")
            checks.expect("SKU" in stock_text or "No stock" in stock_text, "the panel shows the node's stock")
            checks.expect("Processing" in page.text_content("#node-schedule"), "the panel shows its schedule")
            page.click("#node-close")
            second = page.locator("#nodes [data-node^='SD-']").first
            second_id = second.get_attribute("data-node")
            second.focus()
            page.keyboard.press("Enter")
            page.wait_for_selector("#node-panel:not([hidden])")
            checks.expect(page.text_content("#node-title") == second_id, f"Enter on {second_id} opens its details")
            page.fill("#node-id", "ds-nowhere")
            page.press("#node-id", "Enter")
            checks.expect("No node" in page.text_content("#find-error"), "an unknown node id is refused")
            station = page.locator("#nodes [data-node^='DS-']").first.get_attribute("data-node")
            page.fill("#node-id", station.lower())
            page.press("#node-id", "Enter")
            for _ in range(100):
                if "Loading" not in page.text_content("#node-schedule"):
                    break
                page.wait_for_timeout(100)
            checks.expect(page.text_content("#node-title") == station, f"finding {station} by id opens its details")
            checks.expect("Waves" in page.text_content("#node-schedule") or "Sorting" in
                          page.text_content("#node-schedule"), "a station's panel shows its waves")
            page.wait_for_timeout(5500)  # one refresh cycle, to catch errors it raises
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=os.path.join(args.artifacts, "dashboard-1280x800.png"))

            phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1,
                                        is_mobile=True, has_touch=True)
            phone.route("**/*", route)
            phone_page = phone.new_page()
            phone_page.on("console", on_console)
            phone_page.goto(base + "/dashboard")
            phone_page.fill("#key", operator_key)
            phone_page.click("#key-form button")
            phone_page.wait_for_selector("#nodes [data-node]")
            phone_page.wait_for_timeout(500)
            width = phone_page.evaluate("document.documentElement.scrollWidth")
            checks.expect(width <= 390, f"no sideways scrolling on a phone (page width {width})")
            phone_page.screenshot(path=os.path.join(args.artifacts, "dashboard-390x844.png"), full_page=True)

            page.click("#logout")
            checks.expect(page.evaluate("sessionStorage.getItem('sameday.operatorKey')") is None,
                          "logging out forgets the key")
            checks.expect(page.is_visible("#key"), "logging out shows the key form")
            browser.close()
        checks.expect(not foreign, f"no request leaves {origin}: {foreign[:5]}")
        checks.expect(not errors, f"no console errors: {errors[:5]}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(directory, ignore_errors=True)
    if args.update_docs:
        for name in ("dashboard-1280x800.png", "dashboard-390x844.png"):
            shutil.copy(os.path.join(args.artifacts, name), os.path.join(ROOT, "docs", "images", name))
        print("copied the screenshots to docs/images/")
    print(f"screenshots in {args.artifacts}")
    if checks.failures:
        print(f"{len(checks.failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sameday", default=os.path.join(ROOT, ".build", "debug", "sameday"))
    ap.add_argument("--artifacts", default=os.path.join(ROOT, ".build", "artifacts", "dashboard"))
    ap.add_argument("--update-docs", action="store_true", help="copy the screenshots to docs/images/")
    args = ap.parse_args()
    ensure_tools()
    sys.exit(run(args))


if __name__ == "__main__":
    main()
