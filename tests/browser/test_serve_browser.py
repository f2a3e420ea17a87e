"""Two dashboard processes behind nginx (deploy/serve.py, what `make serve` runs), in Chromium.

Two browser contexts are pinned to different processes by the proxy's sticky cookie (which
process served each request is read from nginx's access log, never guessed). Every screen
works through the proxy under its Content-Security-Policy with no console error; the
command line imports a new year into the shared data folder while both serve; the new year
then shows through the proxy in the session pinned to each process, and every request of
one browser (page, files, websocket) went to one process.

Hand-made expectations: the embedded default holds 2016 and 2017 only, so before the import
/?year=2020 is not a year held. The imported file has 3 forces for 2020; 2 of its 3 answer
yes to cuckooing: 2 of 3 = 66.7%, so 67%.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import store_env

from browser.conftest import CHROMIUM_ARGS, REQUIRE_BROWSER, ROOT, VIEWPORT, Recorder, _free_port
from deploy import serve

pytestmark = pytest.mark.browser

NO_NGINX = (
    "nginx not found: the tests of several processes behind a proxy skipped. "
    "Install it with: sudo apt-get install nginx"
)
NEW_YEAR = "year,force,cuckooing,knives\n2020,Norfolk,yes,no\n2020,Kent,no,possible\n2020,Essex,yes,yes\n"
LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) .* route=(?P<route>\S+) upstream=(?P<up>\S+)'
)
assert CHROMIUM_ARGS  # the same Chromium the other browser tests launch (the `browser` fixture)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    if serve.nginx_binary() is None:
        if REQUIRE_BROWSER:
            pytest.fail(NO_NGINX.replace("skipped", "required (COUNTYLINES_REQUIRE_BROWSER=1)"))
        pytest.skip(NO_NGINX)
    folder = tmp_path_factory.mktemp("serve")
    env = store_env(folder / "store")
    with serve.serving(2, _free_port(), run_dir=folder / "run", env=env) as served:
        served.folder = folder
        yield served


def log_lines(served) -> list[dict]:
    lines = served.access_log.read_text(encoding="utf-8").splitlines()
    return [m.groupdict() for m in map(LOG_LINE.search, lines) if m]


def route_of(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "route")


def upstream_of(served, route: str) -> set[str]:
    return {line["up"] for line in log_lines(served) if line["route"] == route}


def pinned_contexts(browser, served, count: int = 2, tries: int = 16) -> list:
    """Browser contexts whose sticky cookie sends each to a different process."""
    by_upstream: dict[str, object] = {}
    for _ in range(tries):
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=False)
        assert context.request.get(served.url + "/_stcore/health").ok
        route = route_of(context)
        for _ in range(20):  # nginx writes the line just after the response
            upstreams = upstream_of(served, route)
            if upstreams:
                break
            time.sleep(0.1)
        (upstream,) = upstreams
        if upstream in by_upstream or len(by_upstream) == count:
            context.close()
            continue
        by_upstream[upstream] = context
    assert len(by_upstream) == count, f"{tries} new browsers all went to {set(by_upstream)}"
    return list(by_upstream.values())


def open_through_proxy(page, served, path, wait_for_app) -> str:
    page.goto(served.url + path, wait_until="domcontentloaded")
    wait_for_app(page)
    return page.locator('[data-testid="stMain"]').inner_text()


def cli(served, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "countylines", *args],
        cwd=ROOT,
        env=store_env(served.folder / "store", COUNTYLINES_USER="c.analyst"),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sessions_pinned_to_each_process_see_a_year_the_command_line_imports(browser, proxy, wait_for_app):
    contexts = pinned_contexts(browser, proxy)
    pages = []
    for context in contexts:
        page = context.new_page()
        page.recorder = Recorder(page)
        pages.append(page)
        before = open_through_proxy(page, proxy, "/?year=2020", wait_for_app)
        assert "43 of 43 expected force returns received for 2017" in before  # 2020 not held: the default
        assert "received for 2020" not in before

    returns = proxy.folder / "returns_2020.csv"
    returns.write_text(NEW_YEAR, encoding="utf-8")
    done = cli(proxy, "import", str(returns))
    assert done.returncode == 0, done.stderr
    assert "Published as snapshot 2." in done.stdout

    for page in pages:
        shown = open_through_proxy(page, proxy, "/?year=2020", wait_for_app)
        assert "3 of 43 expected force returns received for 2020" in shown
        assert "67%" in shown and "of forces (2)" in shown
        assert page.recorder.console_errors == [] and page.recorder.page_errors == []

    routes = [route_of(context) for context in contexts]
    for context in contexts:
        context.close()
    time.sleep(1)  # nginx logs a websocket when it closes
    upstreams = [upstream_of(proxy, route) for route in routes]
    assert all(len(u) == 1 for u in upstreams), f"a browser's requests went to more than one process: {upstreams}"
    assert upstreams[0] != upstreams[1]
    served_by = {app for (app,) in upstreams}
    assert served_by == {f"127.0.0.1:{app.port}" for app in proxy.apps}
    streams = [line for line in log_lines(proxy) if line["path"].startswith("/_stcore/stream")]
    assert {line["route"] for line in streams} >= set(routes)  # each session's websocket went through


def test_every_screen_works_through_the_proxy_under_its_security_policy(browser, proxy, wait_for_app, screen):
    # `screen`: once per screen dashboard.py registers (browser/conftest.py)
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=False)
    try:
        page = context.new_page()
        recorder = Recorder(page)
        shown = open_through_proxy(page, proxy, screen["url"], wait_for_app)
        assert shown.strip()
        assert page.locator('[data-testid="stException"]').count() == 0
        for plot in page.locator(".js-plotly-plot").all():  # plotly drew (it runs with no eval)
            assert plot.locator("svg.main-svg").count() > 0
        if screen["url"].startswith("/present"):  # the strip's script ran (Streamlit loads it from blob:)
            assert page.locator("nav.cl-strip button").count() == 6
        refused = [e for e in recorder.console_errors if "Content Security Policy" in e]
        assert refused == [], refused
        assert recorder.console_errors == [] and recorder.page_errors == []
        assert recorder.external_requests() == []
    finally:
        context.close()


def fetch(url: str, data: bytes | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_the_proxy_sets_security_headers_and_refuses_metrics_and_oversized_uploads(proxy):
    status, headers = fetch(proxy.url + "/")
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "camera=()" in headers["Permissions-Policy"]
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' blob: 'sha256-" in policy
    assert re.match(r"route=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax", headers["Set-Cookie"])
    assert headers["Server"] == "nginx"  # no version

    # Metrics: refused at the proxy, at the root and under a page's path; each process still
    # answers them on its own loopback port, so it is the proxy that refuses.
    assert fetch(proxy.url + "/_stcore/metrics")[0] == 403
    assert fetch(proxy.url + "/force/_stcore/metrics")[0] == 403
    assert fetch(proxy.apps[0].url + "/_stcore/metrics")[0] == 200

    # The upload limit: .streamlit/config.toml's 5 MB plus 1 for the form; 7 MB is refused
    # by nginx before any process sees it.
    assert serve.upload_limit_mb() == 5
    assert fetch(proxy.url + "/_stcore/upload_file/x/y", data=b"0" * (7 * 1024 * 1024))[0] == 413


def test_through_the_proxy_with_no_sign_in_nothing_can_be_changed(browser, proxy, wait_for_app):
    """nginx tells the dashboard a viewer came through it (X-Forwarded-For on the websocket's
    handshake): with no sign-in configured, nobody can tell an analyst from any viewer on the
    network, so the Import screen offers no upload and says why (countylines/screens/access.py).
    The command line still imports (test above)."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=False)
    try:
        page = context.new_page()
        text = open_through_proxy(page, proxy, "/import", wait_for_app)
        assert "Importing and restoring are switched off: no sign-in is configured." in text
        assert page.locator('[data-testid="stMain"] input[type="file"]').count() == 0
    finally:
        context.close()
