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
import os
import pickle
import pstats
import statistics
import sys
import tempfile
from pathlib import Path

from as_server import as_a_server, rerun_time
from replay import REFERENCE, captured, captured_all, element_counts

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.md"
ROUNDS = 25
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


def open_reference(path: Path, constants: Path, name: str):
    from streamlit.testing.v1 import AppTest

    os.environ["BENCH_REFERENCE"] = str(constants)
    os.environ["BENCH_SCREEN"] = name
    at = AppTest.from_file(str(path), default_timeout=300)
    at.run()
    at.run()
    return at


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
    if str(ROOT / "bench") in filename:
        return "bench"  # the timing wrapper itself
    if str(ROOT) in filename and "site-packages" not in filename:
        return "project"
    if "site-packages" in filename:
        return filename.split("site-packages/")[1].split("/")[0].split(".")[0]
    return "python"


def measure_screens(root: Path, folder: Path, label: str) -> tuple[list[dict], Path]:
    """Warm reruns of every screen against its floor, interleaved; medians of ROUNDS."""
    as_a_server()
    reference = folder / "reference.py"
    reference.write_text(REFERENCE)
    constants = folder / f"constants_{label}.pickle"
    with using(root):
        screens = {name: open_screen(name) for name in SCREENS}
        shown = {name: captured(at) for name, at in screens.items()}
        shown.update({f"all:{name}": captured_all(at._tree) for name, at in screens.items()})
        constants.write_bytes(pickle.dumps(shown))
        modes = ("", "all:", "prepared:")  # the floor, every element, the floor as the screens send it
        pages = {mode: {n: open_reference(reference, constants, f"{mode}{n}") for n in SCREENS} for mode in modes}
        times = {name: ([], [], [], []) for name in SCREENS}  # (script run, AppTest run) each
        for _ in range(ROUNDS):
            for name in SCREENS:
                times[name][0].append(rerun_time(screens[name]))
                for column, mode in enumerate(modes, start=1):
                    os.environ["BENCH_SCREEN"] = f"{mode}{name}"
                    times[name][column].append(rerun_time(pages[mode][name]))
        rows = []
        for name in SCREENS:
            script = [[run[0] for run in column] for column in times[name]]
            whole = [[run[1] for run in column] for column in times[name]]
            screen, floor = statistics.median(script[0]), statistics.median(script[1])
            ratios = [s / f for s, f in zip(script[0], script[1], strict=True)]
            rows.append(
                {
                    "screen": name,
                    "ms": screen * 1000,
                    "floor": floor * 1000,
                    "ratio": screen / floor,
                    "apptest": statistics.median(whole[0]) / statistics.median(whole[1]),
                    "every": statistics.median(script[2]) * 1000,
                    "prepared": statistics.median(script[3]) * 1000,
                    "spread": (min(ratios), max(ratios)),
                    "quiet": min(script[0]) / min(script[1]),  # each at its least disturbed
                    "elements": element_counts(shown[name]),
                    "dominant": dominant(screens[name]),
                }
            )
    return rows, constants


# Report -----------------------------------------------------------------------------------


def section(default: list[dict], twenty: list[dict], browser: list[dict]) -> tuple[str, int]:
    failed = 0
    lines = [
        "## Screens: warm rerun against its floor (bench/screens.py)",
        "",
        f"Warm reruns under AppTest, screen and reference page interleaved, median of {ROUNDS} rounds "
        "(min-max of the per-round ratio), each timed inside the script thread: Streamlit's "
        "ScriptRunner._run_script, what a server runs for every rerun. AppTest runs each screen as a "
        "server would (bench/as_server.py): the page compiled once, navigation as it is after the "
        "router's first run, and st.context.headers read from a connection's header list, not built "
        "from AppTest's MagicMock stand-in for the server (about 1.5 ms a run, on Import only), "
        "and no usage statistics, as the project's .streamlit/config.toml sets. "
        "'AppTest run' is the same "
        "ratio timed around AppTest's whole run, as this bench timed it before: that adds a thread "
        "per run, a main thread polling every millisecond for the end, and the parsing of every "
        "element sent into a tree for the test to read, none of which a server does: as much for "
        "a screen as for its floor, so they pull each ratio towards 1, most for screens with a "
        "small floor. The floor replays the screen's own figures, tables and "
        f"download buttons from constants. Targets: <= {TARGET_DEFAULT}x on the default data, "
        f"<= {TARGET_20}x on 20 years; first chart <= {TARGET_FIRST_CHART}x the reference page; "
        f"/maps flow map websocket payload < {TARGET_MAP_KB} KB. Two shared cores: read the ratios; "
        "'fastest / fastest' (each side's quickest round) shows what a quiet machine would. "
        "'Every element replayed' is a second reference page, interleaved with the other two, that "
        "also replays the screen's words and controls (headings, text, captions, style, selects, "
        "toggles, containers, nested as shown): screen / every element is what the project's own "
        "work adds to drawing everything the screen shows; every element / floor is Streamlit's "
        "cost of the words and controls themselves, from constants, with no work of the project's: "
        "where it is over the target, the target cannot be met while the screen shows what it "
        "shows. The screens hand Streamlit each "
        "shared table already converted to Arrow and each figure with its dict made once "
        "(countylines/screens/prepared.py), which the floor, replaying pandas tables and plotly "
        "figures as the issue defines it, converts on every rerun: 'floor, prepared' is a third "
        "reference page replaying the floor with both made once too, and 'screen / that' the "
        "ratio against it.",
        "",
        "| screen | default: screen / floor | ratio | fastest / fastest | AppTest run | 20 years: ratio "
        "| target | every element replayed | every element / floor | screen / every element | floor, prepared "
        "| screen / that | what it shows | what dominates |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    by_name = {row["screen"]: row for row in twenty}
    for row in default:
        other = by_name[row["screen"]]
        ok = row["ratio"] <= TARGET_DEFAULT and other["ratio"] <= TARGET_20
        failed += not ok
        lines.append(
            f"| {row['screen']} | {row['ms']:.0f} / {row['floor']:.0f} ms | {row['ratio']:.2f} "
            f"({row['spread'][0]:.2f}-{row['spread'][1]:.2f}) | {row['quiet']:.2f} | {row['apptest']:.2f} "
            f"| {other['ratio']:.2f} "
            f"({other['spread'][0]:.2f}-{other['spread'][1]:.2f}) | {'met' if ok else '**over**'} "
            f"| {row['every']:.0f} ms | {row['every'] / row['floor']:.2f} | {row['ms'] / row['every']:.2f} "
            f"| {row['prepared']:.0f} ms | {row['ms'] / row['prepared']:.2f} "
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
        from first_chart import chromium_found, measure_browser

        browser = measure_browser(default_root, folder, constants) if chromium_found() else []
    text, failed = section(default, twenty, browser)
    print(text)
    write_results(text)
    return failed


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(1 if main() else 0)
