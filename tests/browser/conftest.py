"""Real-browser harness: one Streamlit server and one Debian Chromium per test session.

The server runs `streamlit run dashboard.py` on a free port with its store in a temporary
folder (tests/conftest.py store_env), so the embedded default is built fresh and data/store
is never touched. Playwright drives the system Chromium (never `playwright install`).

Without Chromium every test marked `browser` is skipped, and the terminal summary says so
in one plain line; with COUNTYLINES_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import store_env

from countylines import ILLUSTRATIVE_NOTICE

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FOUND = Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)
REQUIRE_BROWSER = os.environ.get("COUNTYLINES_REQUIRE_BROWSER") == "1"
MISSING = (
    f"Chromium not found at {CHROMIUM}: browser tests skipped. Install it with: sudo apt-get install chromium"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 720}
STARTUP_TIMEOUT = 60  # seconds for the server to answer /_stcore/health
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
# Streamlit's own frontend, opened at a page's URL such as /force, first probes
# /force/_stcore/health and /force/_stcore/host-config, gets 404 and retries at the root
# (streamlit/streamlit#7074, open). Those two console errors are the framework's, not
# the app's; every other console error fails the test.
KNOWN_STREAMLIT_404 = re.compile(r"^https?://[^/]+/[^?#]+/_stcore/(health|host-config)$")


# Registered screens ---------------------------------------------------------------------


def registered_screens() -> list[dict]:
    """Every st.Page that dashboard.py registers: its file, URL path and title.

    Read from dashboard.py's syntax tree rather than by running it: running it with a
    stand-in streamlit would leave stand-in copies of the modules it imports behind.
    st.Page's url_path defaults to the file stem; the default page is served at "/".
    """
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    recorded: list[dict] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page"):
            continue
        path = ast.literal_eval(node.args[0])
        options = {
            k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg in ("title", "url_path", "default")
        }
        url_path = "" if options.get("default") else (options.get("url_path") or Path(path).stem)
        recorded.append({"file": path, "title": options.get("title"), "url_path": url_path})
    for screen in recorded:
        screen["url"] = "/" + screen["url_path"]
        screen["name"] = screen["url_path"] or "national"
    return recorded


SCREENS = registered_screens()


def pytest_generate_tests(metafunc):
    """Tests taking a `screen` argument run once per registered screen."""
    if "screen" in metafunc.fixturenames:
        metafunc.parametrize("screen", SCREENS, ids=[s["name"] for s in SCREENS])


# Marking, skipping and the summary line -------------------------------------------------


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason=MISSING)
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
        if not CHROMIUM_FOUND and not REQUIRE_BROWSER and item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # The outermost wrapper, so the line comes after pytest's own summary of skips, just
    # above the final count: the last thing a user reads.
    yield
    if CHROMIUM_FOUND:
        return
    terminalreporter.section("browser tests", sep="=", bold=True, yellow=not REQUIRE_BROWSER, red=REQUIRE_BROWSER)
    if REQUIRE_BROWSER:
        terminalreporter.write_line(
            f"BROWSER TESTS FAILED: Chromium not found at {CHROMIUM} and COUNTYLINES_REQUIRE_BROWSER=1. "
            "Install it with: sudo apt-get install chromium",
            red=True,
            bold=True,
        )
    else:
        terminalreporter.write_line(f"BROWSER TESTS SKIPPED: {MISSING}", yellow=True, bold=True)


# Server -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def streamlit_servers(folder: Path, count: int = 1, env: dict | None = None, args: tuple = (), ports=()):
    """`count` real `streamlit run dashboard.py` processes started at once, each on a free port,
    their store in folder/store (or the COUNTYLINES_DATA given in env); env adds settings,
    args Streamlit options. Yields their base URLs once every one answers."""
    env = store_env(folder / "store", **(env or {}))
    started = []
    try:
        for number in range(count):
            port = ports[number] if number < len(ports) else _free_port()
            log_path = folder / f"streamlit-{port}.log"
            command = [
                sys.executable, "-m", "streamlit", "run", "dashboard.py",
                "--server.port", str(port),
                "--server.headless", "true",
                *args,
            ]  # fmt: skip
            # No --browser.gatherUsageStats here: the committed .streamlit/config.toml must
            # switch it off, and the localhost-only assertions would catch it if it did not.
            with log_path.open("wb") as log:
                process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            started.append((process, f"http://localhost:{port}", log_path))
        deadline = time.monotonic() + STARTUP_TIMEOUT
        for process, url, log_path in started:
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log_text = log_path.read_text(errors="replace")
                    pytest.fail(
                        f"Streamlit did not start on {url} within {STARTUP_TIMEOUT} s "
                        f"(exit code {process.poll()}). Its log:\n{log_text}"
                    )
                time.sleep(0.25)
        yield [url for _, url, _ in started]
    finally:
        for process, _, _ in started:
            process.terminate()
        for process, _, _ in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@contextlib.contextmanager
def streamlit_server(folder: Path, env: dict | None = None, args: tuple = (), port: int | None = None):
    """One real `streamlit run dashboard.py` (see streamlit_servers); yields its base URL."""
    with streamlit_servers(folder, 1, env, args, (port,) if port else ()) as (url,):
        yield url


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Base URL of a real Streamlit server on the embedded default, built in a temp dir."""
    with streamlit_server(tmp_path_factory.mktemp("browser_server")) as url:
        yield url


@pytest.fixture
def fresh_app_url(tmp_path):
    """A server nobody has visited yet: for what a shared link does right after a restart."""
    with streamlit_server(tmp_path) as url:
        yield url


# Browser and page -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM_FOUND:
        pytest.fail(MISSING.replace("skipped", "required (COUNTYLINES_REQUIRE_BROWSER=1)"))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Recorder:
    """Every request URL (HTTP and websocket), console error and page error of one page."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", lambda socket_: self.requests.append(socket_.url))
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _console(self, message):
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "?")
        if KNOWN_STREAMLIT_404.search(where) and "404" in message.text:
            return
        self.console_errors.append(f"{message.text} (at {where})")

    def external_requests(self) -> list[str]:
        """Requests that would leave the machine: anything not on localhost.

        data: and blob: URLs are made inside the page and never touch the network.
        """
        from urllib.parse import urlsplit

        outside = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in {"data", "blob", "about"}:
                continue
            host = (parts.hostname or "").lower()
            if host not in LOCAL_HOSTS and f"[{host}]" not in LOCAL_HOSTS:
                outside.append(url)
        return outside


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=False)
    page = context.new_page()
    page.recorder = Recorder(page)
    yield page
    context.close()


@pytest.fixture
def download_page(browser):
    """A page whose downloads can be saved and opened (the plain `page` refuses them)."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.recorder = Recorder(page)
    yield page
    context.close()


def _wait_for_app(page, timeout: float = 30_000) -> None:
    """Waits until Streamlit is connected, the script has finished and a title is shown."""
    finished = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
    page.wait_for_selector(finished, timeout=timeout)
    page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible", timeout=timeout)
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.wait_for_selector(finished, timeout=timeout)
    page.wait_for_timeout(500)  # let charts and data grids settle


@pytest.fixture
def wait_for_app():
    """The wait open_screen uses, for tests that navigate by themselves."""
    return _wait_for_app


@pytest.fixture
def open_screen(page, app_url):
    """open_screen("/force?year=2017") loads a URL of the app and waits for it to finish."""

    def open_(path: str):
        page.goto(app_url + path, wait_until="domcontentloaded")
        _wait_for_app(page)
        return page

    return open_


@pytest.fixture
def screenshot():
    """screenshot(page, name) saves what a 1280x720 screen shows to tests/screenshots/."""

    def take(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take


@dataclass
class Visit:
    """What one load of one URL recorded."""

    path: str
    requests: list[str]
    external: list[str]
    console_errors: list[str]
    page_errors: list[str]
    exceptions: list[str]
    widths: dict
    notice_visible: bool
    main_text: str
    screenshot: Path
    accessibility: list[str]


# axe-core (Deque's accessibility engine, bundled by axe-playwright-python: nothing is
# fetched) against WCAG 2.0, 2.1 and 2.2 A and AA. Streamlit's own sidebar navigation puts
# <div>s between its <ul> and <li>s (axe rules "list" and "listitem"); that markup is the
# framework's and cannot be changed from an app, so the navigation is left out of the
# scan. Everything the app draws is scanned.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STREAMLIT_NAV = '[data-testid="stSidebarNav"]'


def accessibility_violations(page) -> list[str]:
    """Every axe-core WCAG A/AA violation on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context={"exclude": [[STREAMLIT_NAV]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]


MEASURE_WIDTHS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    document_scroll: document.documentElement.scrollWidth,
    document_client: document.documentElement.clientWidth,
    main_scroll: main ? main.scrollWidth : null,
    main_client: main ? main.clientWidth : null,
  };
}"""


@pytest.fixture(scope="session")
def visit(browser, app_url):
    """visit(path, name) loads a URL once per session in a fresh 1280x720 context and
    returns what it recorded, with a screenshot saved as tests/screenshots/<name>.png."""
    done: dict[str, Visit] = {}

    def load(path: str, name: str) -> Visit:
        if path in done:
            return done[path]
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=False)
        try:
            page = context.new_page()
            recorder = Recorder(page)
            page.goto(app_url + path, wait_until="domcontentloaded")
            _wait_for_app(page)
            shot = SCREENSHOTS / f"{name}.png"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot))
            main = page.locator('[data-testid="stMain"]')
            notice = main.get_by_text(re.compile(re.escape(ILLUSTRATIVE_NOTICE)))
            done[path] = Visit(
                path=path,
                requests=list(recorder.requests),
                external=recorder.external_requests(),
                console_errors=list(recorder.console_errors),
                page_errors=list(recorder.page_errors),
                exceptions=page.locator('[data-testid="stException"]').all_inner_texts(),
                widths=page.evaluate(MEASURE_WIDTHS),
                notice_visible=notice.count() > 0 and notice.first.is_visible(),
                main_text=main.inner_text(),
                screenshot=shot,
                accessibility=accessibility_violations(page),
            )
        finally:
            context.close()
        return done[path]

    return load
