"""The whole app without a browser: every screen registered, every screen runs (AppTest),
and the Streamlit settings that keep requests on this machine."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard.py"


def registered_paths() -> list[str]:
    """Every "pages/<file>.py" named in dashboard.py, in order, once each."""
    text = DASHBOARD.read_text(encoding="utf-8")
    found = re.findall(r"""["'](pages/[^"']+\.py)["']""", text)
    return list(dict.fromkeys(found))


def page_files() -> list[str]:
    return sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py")


REGISTERED = registered_paths()


def test_dashboard_registers_pages():
    # Guards the parsing below: with nothing found every other check would pass vacuously.
    assert "pages/national.py" in REGISTERED
    assert len(REGISTERED) >= 11


def test_every_page_file_is_registered():
    unregistered = sorted(set(page_files()) - set(REGISTERED))
    assert not unregistered, f"in pages/ but not registered in dashboard.py: {unregistered}"


def test_every_registered_page_exists():
    missing = [path for path in REGISTERED if not (ROOT / path).is_file()]
    assert not missing, f"registered in dashboard.py but not in pages/: {missing}"


def test_usage_statistics_are_off():
    # Streamlit otherwise reports usage to data.streamlit.io from the browser.
    with (ROOT / ".streamlit" / "config.toml").open("rb") as handle:
        config = tomllib.load(handle)
    assert config["browser"]["gatherUsageStats"] is False


def test_no_source_watching_no_magic_and_no_collection_after_each_run():
    # Measured with bench/load.py's client: a new viewer's first screen cost 644-707 ms of
    # processor time with Streamlit's per-session source watchers and magic (every page's syntax
    # tree rewritten again after each session closes), 110-150 ms without. The screens use neither.
    with (ROOT / ".streamlit" / "config.toml").open("rb") as handle:
        config = tomllib.load(handle)
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["magicEnabled"] is False
    # A full garbage collection after every run: 0.16-0.17 s of processor time a screen with
    # it, 0.06-0.07 s without, same peak memory (bench/load.py, 25 viewers on one process).
    assert config["runner"]["postScriptGC"] is False


def test_xsrf_protection_and_the_upload_limit_stay():
    with (ROOT / ".streamlit" / "config.toml").open("rb") as handle:
        server = tomllib.load(handle)["server"]
    assert server.get("enableXsrfProtection", True) is True  # Streamlit's default: on
    assert server.get("enableCORS", True) is True
    assert server["maxUploadSize"] == 5


@pytest.fixture(scope="module")
def app_db(app_store):
    """A store of this module's own (tests/conftest.py), built from the embedded default."""
    return app_store


@pytest.mark.parametrize("page", REGISTERED)
def test_page_runs_without_exception(app_db, page):
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.run()
    assert not at.exception, f"dashboard.py raised: {[e.value for e in at.exception]}"
    at.switch_page(page).run()
    assert not at.exception, f"{page} raised: {[e.value for e in at.exception]}"
    # Presenting mode's slide title is an <h1> in the slide's own HTML (one element with its band).
    headed = at.title or any("<h1>" in h.proto.body for h in at.get("html"))
    assert headed, f"{page} shows no title"
    assert (app_db / "CURRENT").exists(), "the app did not open the temporary store"


def test_the_routers_pages_are_built_once_and_each_run_gets_its_own(app_db, monkeypatch):
    """dashboard.py's st.Page list is built once per process (state.routes), and each run gets
    copies: st.navigation marks the page it returns as runnable and its run() unmarks it, so
    a shared page would let one session's run unmark another's."""
    from countylines.screens import state

    monkeypatch.setattr(state, "_ROUTES", {})
    built = []
    real = state.routes

    def counting(build):
        return real(lambda: built.append(1) or build())

    monkeypatch.setattr(state, "routes", counting)
    first, second = (AppTest.from_file(str(DASHBOARD), default_timeout=60) for _ in range(2))
    for at, page in ((first, "pages/force.py"), (second, "pages/about.py"), (first, "pages/maps.py")):
        at.run()
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
    assert first.title and second.title
    assert built == [1], "the pages were built more than once"
    [originals] = state._ROUTES.values()
    state._ROUTES[""] = originals  # the key outside a script run
    handed = real(lambda: {})  # what the next run gets
    assert [p.title for p in handed["Overview"]] == [p.title for p in originals["Overview"]]
    assert not set(map(id, handed["Overview"])) & set(map(id, originals["Overview"]))
    handed["Overview"][0]._can_be_called = True  # one run's mark stays in its own copy
    assert not any(page._can_be_called for pages in originals.values() for page in pages)


def test_each_run_pins_one_snapshot_through_the_router_or_on_its_own(app_db, monkeypatch):
    """The router pins the snapshot a run reads and the screen it runs reads that one; a screen
    Streamlit runs on its own (a first visit) pins it itself. Once a run either way."""
    from countylines.screens import data

    pins = []
    real = data.pin_snapshot
    monkeypatch.setattr(data, "pin_snapshot", lambda: pins.append(1) or real())
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.run()
    at.switch_page("pages/force.py").run()
    pins.clear()
    at.run()
    assert not at.exception and at.title
    assert pins == [1]
    alone = AppTest.from_file(str(ROOT / "pages" / "about.py"), default_timeout=60)
    pins.clear()
    alone.run()  # through_dashboard pins, then reruns it through the router (once, pinning again)
    assert not alone.exception
    assert 1 <= len(pins) <= 2
