"""Chromium rows of bench/screens.py: time to each screen's first chart against the reference
page showing the same first chart, and the websocket bytes each screen sends."""

from __future__ import annotations

import contextlib
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

from screens import BROWSER_ROUNDS, ROOT, SCREENS, URLS

# Chromium: first chart against the reference page, websocket bytes --------------------------

FINISHED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'


@contextlib.contextmanager
def server(script: str, env: dict):
    import socket
    import subprocess

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    url = f"http://localhost:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        yield from _until_stopped(process, url, script)


def _until_stopped(process, url: str, script: str):
    import urllib.request

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{script} did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def load(browser, url: str, has_chart: bool) -> tuple[float | None, int]:
    """Seconds from navigation to the first chart drawn (None: no chart), and websocket bytes."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    received = [0]

    def on_socket(socket):
        socket.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_socket)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    first = None
    if has_chart:
        page.locator(".js-plotly-plot").first.wait_for(state="attached", timeout=120_000)
        first = time.perf_counter() - start
    page.wait_for_selector(FINISHED, timeout=120_000)
    page.wait_for_timeout(300)
    page.wait_for_selector(FINISHED, timeout=120_000)
    context.close()
    return first, received[0]


def measure_browser(root: Path, folder: Path, constants: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    shown = pickle.loads(constants.read_bytes())
    reference = folder / "reference.py"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTYLINES_")}
    with (
        server("dashboard.py", {**env, "COUNTYLINES_DATA": str(root)}) as app,
        server(str(reference), {"BENCH_REFERENCE": str(constants)}) as ref,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        rows = []
        for name, (_, params) in SCREENS.items():
            query = "&".join(f"{k}={v}" for k, v in params.items())
            path = URLS.get(name, "/" + Path(SCREENS[name][0]).stem) + (f"?{query}" if query else "")
            has_chart = any(e[0] == "chart" for e in shown[name])
            load(browser, app + path, has_chart)  # the server's first visit: not counted
            screen_times, ref_times, sizes = [], [], []
            for _ in range(BROWSER_ROUNDS):
                seconds, size = load(browser, app + path, has_chart)
                screen_times.append(seconds)
                sizes.append(size)
                ref_times.append(load(browser, f"{ref}/?screen={name}", has_chart)[0])
            row = {"screen": name, "kb": statistics.median(sizes) / 1000}
            if has_chart:
                row["first"] = statistics.median(screen_times)
                row["ref_first"] = statistics.median(ref_times)
            rows.append(row)
        browser.close()
    return rows


def chromium_found() -> bool:
    found = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")).exists()
    if not found:
        print("Chromium not found: the browser rows of the screens bench are skipped.")
    return found
