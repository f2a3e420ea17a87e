"""Is bench/load.py's light client sound? The same screens opened fresh in Chromium and in
the light client, through the proxy: the elements Streamlit sent for the finished run, the
bytes and the time, so the light client is known to cost the server what a browser does."""

from __future__ import annotations

import asyncio
import math
import os
import tempfile
import threading
import time
from pathlib import Path

from load import FORCES, SCREEN_TIMEOUT, _store_env, screens, viewer


def _elements(frames: list[bytes]) -> tuple[dict, int]:
    """Elements drawn by the last run in a list of ForwardMsg frames, and their bytes."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    counts, size = {}, 0
    for frame in frames:
        message = ForwardMsg()
        message.ParseFromString(frame)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            counts, size = {}, 0
        size += len(frame)
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element.WhichOneof("type")
            counts[element] = counts.get(element, 0) + 1
    return counts, size


def compare_with_chromium(base: str, chromium: str) -> list[dict]:
    """Each screen opened fresh in Chromium and in the light client: same elements?"""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for page_name, query in screens(FORCES[0]):
            page = browser.new_context().new_page()
            frames: list[bytes] = []
            finished = []
            _listen(page, frames, finished)
            start = time.perf_counter()
            page.goto(f"{base}/{page_name}?{query}", wait_until="domcontentloaded")
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"] h1', timeout=120_000
            )
            while not finished and time.perf_counter() - start < SCREEN_TIMEOUT:
                page.wait_for_timeout(50)
            browser_time = (finished[0] if finished else math.nan) - start
            page.context.close()
            started = time.perf_counter()
            light = _one_session(base, [(page_name, query)])
            light_time = time.perf_counter() - started
            browser_elements, browser_bytes = _elements(frames)
            light_screen = light["screens"][0] if light["screens"] else {"elements": {}, "bytes": 0}
            rows.append({
                "screen": f"/{page_name}?{query}",
                "browser_elements": browser_elements, "light_elements": light_screen["elements"],
                "browser_kb": browser_bytes / 1024, "light_kb": light_screen["bytes"] / 1024,
                "browser_s": browser_time, "light_s": light_time, "errors": light["errors"],
            })  # fmt: skip
        browser.close()
    return rows


def _one_session(base: str, plan: list[tuple[str, str]]) -> dict:
    """One light-client session, on its own event loop in a thread (Playwright owns this one)."""
    result = {"times": [], "errors": [], "screens": []}

    async def run() -> None:
        release = asyncio.Event()
        release.set()
        await viewer(base, plan, result, release)

    thread = threading.Thread(target=asyncio.run, args=(run(),))
    thread.start()
    thread.join(SCREEN_TIMEOUT + 30)
    return result


def _listen(page, frames: list, finished: list) -> None:
    """Keeps every frame the page's websocket receives, and when its script finished."""

    def on_frame(frame: bytes) -> None:
        frames.append(frame)
        _note(frame, finished)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))


def _note(frame: bytes, finished: list) -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    message.ParseFromString(frame)
    if message.WhichOneof("type") == "script_finished" and message.script_finished == 0:
        finished.append(time.perf_counter())


def check_against_chromium() -> list[dict]:
    """The comparison on one fresh process behind nginx, after a warm-up round."""
    from deploy import serve

    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(chromium).exists():
        print("Chromium not found: the light client is not compared with a browser.")
        return []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with serve.serving(1, serve.free_port(), run_dir=folder / "run", env=_store_env(folder)) as served:
            compare_with_chromium(served.url, chromium)  # warm-up, as in every row of the table
            return compare_with_chromium(served.url, chromium)
