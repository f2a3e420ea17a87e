"""make bench: AppTest made to run a screen as a running server runs it, and timed as one.

AppTest is a test harness: it recompiles the page every run, switches Streamlit's pages-folder
navigation back on, stands a MagicMock in for the server (so ``st.context.headers`` builds
mock objects where a server reads a list), and wraps each run in a thread of its own. A screen
and its reference pages pay these alike, which pulls every ratio towards 1, but not all of them
alike: only screens read the headers or the pages folder. Each function below takes one of
them back to what a server does, and says which.
"""

from __future__ import annotations

import time
from types import SimpleNamespace


def share_compiled_scripts() -> None:
    """One ScriptCache for every AppTest run, as a real server keeps one for all its sessions.

    AppTest's runner makes a fresh cache per run, so every rerun would recompile (and rewrite
    for st.write "magic") dashboard.py and the page: a cost the server pays once, not per rerun."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    local_script_runner.ScriptCache = app_test.ScriptCache = lambda: shared


def navigate_as_a_server() -> None:
    """Every run as a running server makes it once dashboard.py has called st.navigation.

    A server with a pages/ folder runs its first script run through Streamlit's folder-based
    navigation (_mpa_v1: 14 st.Page made from pages/, then the router inside it); the router's
    st.navigation switches that off for good. AppTest switches it back on before every run
    (PagesManager.uses_pages_directory = None, for test isolation), so every screen rerun
    here would pay it, and no reference page does (they have no pages/ folder)."""
    from streamlit.runtime import pages_manager

    manager = pages_manager.PagesManager
    original = manager.__init__
    if getattr(original, "bench_server", False):
        return

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        manager.uses_pages_directory = False

    init.bench_server = True
    manager.__init__ = init


_SCRIPT_RUNS: list[float] = []


def time_script_runs() -> None:
    """Times each run inside the script thread: Streamlit's ScriptRunner._run_script, which a
    server runs for every rerun (the script, its widgets' state, the end-of-run clean-up).

    AppTest's own run adds what no server does: a new thread per run, a main thread that
    polls every millisecond for the end (so a run's time is rounded up to the next poll and
    the poll takes the interpreter lock from the script), and parsing every element sent
    into a tree for the test to read. Paid by a screen and its floor alike, they pull each
    ratio towards 1 (most where the floor is small), so the script run is the stricter
    measure. Both are reported; the targets are judged on the script run."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    if getattr(original, "bench_timed", False):
        return

    def timed(self, rerun_data):
        start = time.perf_counter()
        try:
            original(self, rerun_data)
        finally:
            _SCRIPT_RUNS.append(time.perf_counter() - start)

    timed.bench_timed = True
    script_runner.ScriptRunner._run_script = timed


def rerun_time(at) -> tuple[float, float]:
    """(the script run, AppTest's whole run) of one warm rerun, in seconds."""
    _SCRIPT_RUNS.clear()
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{at.exception[0].message}")
    if len(_SCRIPT_RUNS) != 1:
        raise RuntimeError(f"expected one script run, timed {len(_SCRIPT_RUNS)}")
    return _SCRIPT_RUNS[0], elapsed


# What Chromium sent when it opened the dashboard's websocket on this machine (values shortened):
# a server hands st.context.headers these, read from the connection once.
BROWSER_HEADERS = [
    ("Host", "localhost:8501"),
    ("Connection", "Upgrade"),
    ("Pragma", "no-cache"),
    ("Cache-Control", "no-cache"),
    ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome"),
    ("Upgrade", "websocket"),
    ("Origin", "http://localhost:8501"),
    ("Sec-WebSocket-Version", "13"),
    ("Accept-Encoding", "gzip, deflate, br, zstd"),
    ("Accept-Language", "en-US,en;q=0.9"),
    ("Cookie", "_streamlit_xsrf=2|bench"),
    ("Sec-WebSocket-Key", "bench"),
    ("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"),
    ("Sec-WebSocket-Protocol", "streamlit, bench"),
]


# A session's connection as a server holds it: its handshake's headers, read once.
_CLIENT = SimpleNamespace(
    client_context=SimpleNamespace(
        headers=BROWSER_HEADERS, cookies={"_streamlit_xsrf": "2|bench"}, remote_ip="127.0.0.1"
    )
)


def serve_headers() -> None:
    """st.context.headers as a server answers it: the session's connection's header list.

    AppTest's stand-in for the server is a MagicMock, so each read of st.context.headers
    (the Import screen's sign-in check reads it every run) makes five mock objects, about
    1.5 ms, where a server looks the session's client up in a dict and reads its list."""
    from streamlit.testing.v1 import app_test

    original = app_test.MagicMock
    if getattr(original, "bench_server", False):
        return

    def runtime(*args, **kwargs):
        mock = original(*args, **kwargs)
        mock.get_client = lambda session_id: _CLIENT
        return mock

    runtime.bench_server = True
    app_test.MagicMock = runtime


def no_usage_statistics() -> None:
    """The dashboard's own .streamlit/config.toml sets browser.gatherUsageStats = false, and a
    server run from the project reads it. Streamlit reads a config.toml from the folder it is
    started in, so a bench started from anywhere else (`make bench` starts in the project)
    would record every command of every run and build a usage message at its end, which this
    dashboard's server never does: screens and floors alike, most for the smallest screens."""
    from streamlit import config

    config.set_option("browser.gatherUsageStats", False)


def as_a_server() -> None:
    """Every change above, once per process."""
    no_usage_statistics()
    share_compiled_scripts()
    navigate_as_a_server()
    serve_headers()
    time_script_runs()
