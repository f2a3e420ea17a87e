"""make bench, screens: each screen's warm rerun against the floor of drawing what it shows.

The floor of a screen is a reference page that replays, from constants, exactly the figures,
tables and download buttons the screen produced (captured from the screen itself in this run,
so the floor follows the screen). Screen and reference reruns are interleaved, round by round,
and medians compared: on a shared machine only ratios taken back to back mean anything.

Measured on the default data and on a generated 20-year set (AppTest, in process), then in
Chromium against a real server: time to the first chart per screen against the reference page
showing the same first chart, and the websocket bytes each screen sends. Writes the
"Screens" section of bench/results.md, with what dominates each row (cProfile of warm reruns).
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import os
import pickle
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.md"
ROUNDS = 15
BROWSER_ROUNDS = 3
SCREENS = {  # name: (page, URL parameters)
    "national": ("pages/national.py", {"year": "2017"}),
    "scope": ("pages/scope.py", {"year": "2017"}),
    "drugs": ("pages/drugs.py", {"year": "2017"}),
    "violence": ("pages/violence.py", {"year": "2017"}),
    "cuckooing": ("pages/cuckooing.py", {"year": "2017"}),
    "exploitation": ("pages/exploitation.py", {"year": "2017"}),
    "transport": ("pages/transport.py", {"year": "2017"}),
    "business_model": ("pages/business_model.py", {"year": "2017"}),
    "force": ("pages/force.py", {"force": "Kent", "year": "2017"}),
    "maps": ("pages/maps.py", {"map": "flows", "year": "2017"}),
    "present": ("pages/present.py", {"year": "2017"}),
    "about": ("pages/about.py", {}),
    "import": ("pages/import.py", {}),
}
URLS = {"national": "/"}  # every other screen is served at /<file stem>
TARGET_DEFAULT, TARGET_20, TARGET_FIRST_CHART, TARGET_MAP_KB = 1.5, 2.0, 1.5, 300

# The reference page: replays a screen's figures, tables and download buttons from constants.
REFERENCE = """
import json, os, pickle
import plotly.graph_objects as go
import streamlit as st

@st.cache_resource
def _constants(path):
    with open(path, "rb") as f:
        shown = pickle.load(f)
    def figures(elements):
        for element in elements:
            if element[0] == "chart":
                element[1] = go.Figure(json.loads(element[1]))
            elif element[0] == "block":
                figures(element[2])

    for elements in shown.values():
        figures(elements)
    return shown

shown = _constants(os.environ["BENCH_REFERENCE"])
name = st.query_params.get("screen") or os.environ.get("BENCH_SCREEN", "")
numbers = iter(range(10**6))


def draw(elements):
    for element in elements:
        number, kind = next(numbers), element[0]
        if kind == "chart":
            st.plotly_chart(element[1], width="stretch", config=element[2], key=f"c{number}")
        elif kind == "dataframe":
            st.dataframe(element[1], hide_index=True, width="stretch")
        elif kind == "table":
            st.table(element[1], hide_index=True)
        elif kind == "download":
            data = (lambda: b"") if element[2] else b"x"
            st.download_button(element[1], data, file_name="x.csv", key=f"d{number}", on_click="ignore")
        # The words and controls, replayed only for the "every element" floor:
        elif kind == "block":
            with st.sidebar if element[1] == "sidebar" else st.container():
                draw(element[2])
        elif kind == "markdown":
            st.markdown(element[1], unsafe_allow_html=True)
        elif kind == "caption":
            st.caption(element[1], unsafe_allow_html=True)
        elif kind == "html":
            st.html(element[1])
        elif kind == "alert":
            st.warning(element[1])
        elif kind == "code":
            st.code(element[1])
        elif kind == "choice":
            st.selectbox(element[1], element[2], key=f"w{number}")
        elif kind == "choices":
            st.multiselect(element[1], element[2], key=f"w{number}")
        elif kind == "toggle":
            st.toggle(element[1], key=f"w{number}")
        elif kind == "text_input":
            st.text_input(element[1], key=f"w{number}")
        elif kind == "upload":
            st.file_uploader(element[1], key=f"w{number}")
        elif kind == "button":
            st.button(element[1], key=f"w{number}")


draw(shown.get(name, []))
"""


# Stores -----------------------------------------------------------------------------------


def default_store(folder: Path) -> Path:
    from countylines import ingest

    root = folder / "default"
    ingest.ensure_store(root)
    return root


def twenty_year_store(folder: Path) -> Path:
    """The default (2016, 2017) and 18 generated years before them, published as one import.

    The import accepts years from the NCA's first assessment (2014) on; the bench lowers that
    bound while it generates the set, as 20 years held is what it stands in for."""
    from run import synthetic_returns

    from countylines import ingest
    from countylines.ingest import cells

    root = folder / "twenty"
    ingest.ensure_store(root)
    first = cells.MIN_YEAR
    cells.MIN_YEAR = 1998
    try:
        preview = ingest.prepare_import(synthetic_returns(range(1998, 2016)))
        if preview.problems:
            raise RuntimeError(f"the generated 20 years did not import: {preview.problems[0].sentence()}")
        ingest.publish_import(root, preview, imported_by="bench")
    finally:
        cells.MIN_YEAR = first
    return root


@contextlib.contextmanager
def using(root: Path):
    import streamlit as st

    before = os.environ.get("COUNTYLINES_DATA")
    os.environ["COUNTYLINES_DATA"] = str(root)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("COUNTYLINES_DATA", None)
        else:
            os.environ["COUNTYLINES_DATA"] = before


# AppTest: screens, their floors and what dominates ----------------------------------------


def share_compiled_scripts() -> None:
    """One ScriptCache for every AppTest run, as a real server keeps one for all its sessions.

    AppTest's runner makes a fresh cache per run, so every rerun would recompile (and rewrite
    for st.write "magic") dashboard.py and the page: a cost the server pays once, not per rerun."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    local_script_runner.ScriptCache = app_test.ScriptCache = lambda: shared


def open_screen(name: str):
    from streamlit.testing.v1 import AppTest

    page, params = SCREENS[name]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    at.run()  # warm: the second run of a session is what a reader's every change costs
    return at


def captured(at) -> list[list]:
    """What the screen showed that the floor replays: figures, tables, download buttons."""
    out = []
    for node in _walk(at._tree):
        kind = getattr(node, "type", "")
        if kind == "plotly_chart":
            out.append(["chart", node.proto.spec, json.loads(node.proto.config or "{}")])
        elif kind == "dataframe":
            out.append(["dataframe", node.value])
        elif kind == "table":
            out.append(["table", node.value])
        elif kind == "download_button":
            out.append(["download", node.label, bool(node.proto.deferred_file_id) or not node.proto.url])
    return out


BLOCKS = {"flex_container", "column", "expander", "tab_container", "tab", "popover", "sidebar", "container"}
HEADINGS = {"title", "header", "subheader"}


def captured_all(node) -> list[list]:
    """Every element the screen showed, words and controls too, nested as shown: what the
    'every element' floor replays (a block as a plain container, a page link as its words)."""
    out = []
    for child in getattr(node, "children", {}).values():
        kind = getattr(child, "type", "")
        proto = getattr(child, "proto", None)
        if kind in ("main", "event"):
            out.extend(captured_all(child))
        elif kind in BLOCKS:
            out.append(["block", kind, captured_all(child)])
        elif kind == "plotly_chart":
            out.append(["chart", proto.spec, json.loads(proto.config or "{}")])
        elif kind in ("dataframe", "table"):
            out.append([kind, child.value])
        elif kind == "download_button":
            out.append(["download", child.label, bool(proto.deferred_file_id) or not proto.url])
        elif kind in HEADINGS or kind == "markdown":
            out.append(["markdown", proto.body])
        elif kind == "caption":
            out.append(["caption", proto.body])
        elif kind == "html":
            out.append(["html", proto.body])
        elif kind in ("warning", "info", "success", "error"):
            out.append(["alert", proto.body])
        elif kind == "code":
            out.append(["code", proto.code_text])
        elif kind == "selectbox":
            out.append(["choice", child.label, list(proto.options)])
        elif kind == "multiselect":
            out.append(["choices", child.label, list(proto.options)])
        elif kind in ("toggle", "checkbox"):
            out.append(["toggle", child.label])
        elif kind == "text_input":
            out.append(["text_input", child.label])
        elif kind == "file_uploader":
            out.append(["upload", child.label])
        elif kind == "button":
            out.append(["button", child.label])
        elif kind == "page_link":
            out.append(["markdown", proto.label])
    return out


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def open_reference(path: Path, constants: Path, name: str):
    from streamlit.testing.v1 import AppTest

    os.environ["BENCH_REFERENCE"] = str(constants)
    os.environ["BENCH_SCREEN"] = name
    at = AppTest.from_file(str(path), default_timeout=300)
    at.run()
    at.run()
    return at


def rerun_time(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{at.exception[0].message}")
    return elapsed


def dominant(at, reruns: int = 3) -> str:
    """The three project functions with most cumulative time in warm reruns, and self time by package."""
    from streamlit.testing.v1 import local_script_runner

    profile = cProfile.Profile()
    original = local_script_runner.LocalScriptRunner._run_script_thread

    def profiled(self):
        profile.enable()
        try:
            original(self)
        finally:
            profile.disable()

    local_script_runner.LocalScriptRunner._run_script_thread = profiled
    try:
        for _ in range(reruns):
            at.run()
    finally:
        local_script_runner.LocalScriptRunner._run_script_thread = original
    stats = pstats.Stats(profile).stats
    ours, packages = [], {}
    for (filename, _, function), (_, _, self_time, cumulative, _) in stats.items():
        package = _package(filename)
        packages[package] = packages.get(package, 0) + self_time
        if package == "project" and function not in ("<module>", "main"):
            ours.append((cumulative, f"{Path(filename).stem}.{function}"))
    total = sum(packages.values()) or 1
    top = ", ".join(f"{name} {ms / reruns * 1000:.0f}" for ms, name in sorted(ours, reverse=True)[:3])
    shares = sorted(packages.items(), key=lambda kv: -kv[1])[:3]
    return f"{top} ms; self: " + ", ".join(f"{p} {t / total:.0%}" for p, t in shares)


def _package(filename: str) -> str:
    if str(ROOT) in filename and "site-packages" not in filename:
        return "project"
    if "site-packages" in filename:
        return filename.split("site-packages/")[1].split("/")[0].split(".")[0]
    return "python"


def measure_screens(root: Path, folder: Path, label: str) -> tuple[list[dict], Path]:
    """Warm reruns of every screen against its floor, interleaved; medians of ROUNDS."""
    share_compiled_scripts()
    reference = folder / "reference.py"
    reference.write_text(REFERENCE)
    constants = folder / f"constants_{label}.pickle"
    with using(root):
        screens = {name: open_screen(name) for name in SCREENS}
        shown = {name: captured(at) for name, at in screens.items()}
        shown.update({f"all:{name}": captured_all(at._tree) for name, at in screens.items()})
        constants.write_bytes(pickle.dumps(shown))
        references = {name: open_reference(reference, constants, name) for name in SCREENS}
        everything = {name: open_reference(reference, constants, f"all:{name}") for name in SCREENS}
        times = {name: ([], [], []) for name in SCREENS}
        for _ in range(ROUNDS):
            for name in SCREENS:
                times[name][0].append(rerun_time(screens[name]))
                os.environ["BENCH_SCREEN"] = name
                times[name][1].append(rerun_time(references[name]))
                os.environ["BENCH_SCREEN"] = f"all:{name}"
                times[name][2].append(rerun_time(everything[name]))
        rows = []
        for name in SCREENS:
            screen, floor = statistics.median(times[name][0]), statistics.median(times[name][1])
            ratios = [s / f for s, f in zip(*times[name][:2], strict=True)]
            rows.append(
                {
                    "screen": name,
                    "ms": screen * 1000,
                    "floor": floor * 1000,
                    "ratio": screen / floor,
                    "every": statistics.median(times[name][2]) * 1000,
                    "spread": (min(ratios), max(ratios)),
                    "quiet": min(times[name][0]) / min(times[name][1]),  # each at its least disturbed
                    "elements": _counts(shown[name]),
                    "dominant": dominant(screens[name]),
                }
            )
    return rows, constants


def _counts(elements: list[list]) -> str:
    kinds = [e[0] for e in elements]
    return ", ".join(f"{kinds.count(k)} {k}" for k in ("chart", "dataframe", "table", "download") if k in kinds)


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


# Report -----------------------------------------------------------------------------------


def section(default: list[dict], twenty: list[dict], browser: list[dict]) -> tuple[str, int]:
    failed = 0
    lines = [
        "## Screens: warm rerun against its floor (bench/screens.py)",
        "",
        f"AppTest warm reruns, screen and reference page interleaved, median of {ROUNDS} rounds "
        "(min-max of the per-round ratio). The floor replays the screen's own figures, tables and "
        f"download buttons from constants. Targets: <= {TARGET_DEFAULT}x on the default data, "
        f"<= {TARGET_20}x on 20 years; first chart <= {TARGET_FIRST_CHART}x the reference page; "
        f"/maps flow map websocket payload < {TARGET_MAP_KB} KB. Two shared cores: read the ratios; "
        "'fastest / fastest' (each side's quickest round) shows what a quiet machine would. "
        "'Every element replayed' is a second reference page, interleaved with the other two, that "
        "also replays the screen's words and controls (headings, text, captions, style, selects, "
        "toggles, containers, nested as shown): screen / every element is what the project's own "
        "work adds to drawing everything the screen shows; the rest of the gap to the floor is "
        "Streamlit's cost of the words and controls themselves.",
        "",
        "| screen | default: screen / floor | ratio | fastest / fastest | 20 years: ratio | target "
        "| every element replayed | screen / every element | what it shows | what dominates |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    by_name = {row["screen"]: row for row in twenty}
    for row in default:
        other = by_name[row["screen"]]
        ok = row["ratio"] <= TARGET_DEFAULT and other["ratio"] <= TARGET_20
        failed += not ok
        lines.append(
            f"| {row['screen']} | {row['ms']:.0f} / {row['floor']:.0f} ms | {row['ratio']:.2f} "
            f"({row['spread'][0]:.2f}-{row['spread'][1]:.2f}) | {row['quiet']:.2f} | {other['ratio']:.2f} "
            f"({other['spread'][0]:.2f}-{other['spread'][1]:.2f}) | {'met' if ok else '**over**'} "
            f"| {row['every']:.0f} ms | {row['ms'] / row['every']:.2f} "
            f"| {row['elements']} | {row['dominant']} |"
        )
    lines += [
        "",
        f"Chromium (Debian's), 1280x720, a fresh context per load, median of {BROWSER_ROUNDS}, default data:",
        "",
        "| screen | first chart | reference first chart | ratio | websocket KB | target |",
        "|---|---|---|---|---|---|",
    ]
    for row in browser:
        ok = True
        if "first" in row:
            ratio = row["first"] / row["ref_first"]
            ok = ratio <= TARGET_FIRST_CHART
            first = f"{row['first']:.2f} s | {row['ref_first']:.2f} s | {ratio:.2f}"
        else:
            first = "no chart | | "
        if row["screen"] == "maps":
            ok = ok and row["kb"] < TARGET_MAP_KB
        failed += not ok
        lines.append(f"| {row['screen']} | {first} | {row['kb']:.0f} | {'met' if ok else '**over**'} |")
    return "\n".join(lines) + "\n", failed


def write_results(text: str) -> None:
    """Replaces this script's section of bench/results.md, keeping any other section."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# make bench results\n\n"
    head, marker, rest = old.partition("## Screens: warm rerun")
    tail = ""
    if marker:
        after = rest.split("\n## ", 1)
        tail = "\n## " + after[1] if len(after) > 1 else ""
    RESULTS.write_text(head.rstrip() + "\n\n" + text + tail, encoding="utf-8")


def main() -> int:
    """Runs the screens bench; prints and writes its table; returns how many targets failed."""
    sys.path.insert(0, str(ROOT / "bench"))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        default_root, twenty_root = default_store(folder), twenty_year_store(folder)
        default, constants = measure_screens(default_root, folder, "default")
        twenty, _ = measure_screens(twenty_root, folder, "twenty")
        browser = measure_browser(default_root, folder, constants) if _chromium() else []
    text, failed = section(default, twenty, browser)
    print(text)
    write_results(text)
    return failed


def _chromium() -> bool:
    found = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")).exists()
    if not found:
        print("Chromium not found: the browser rows of the screens bench are skipped.")
    return found


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(1 if main() else 0)
