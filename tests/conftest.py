"""Shared fixtures: a small hand-written database and the embedded default."""

from __future__ import annotations

from pathlib import Path

import pytest

from countylines import ingest, store

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session", autouse=True)
def full_error_details_in_tests():
    """Users never see a traceback (config.toml), but a failing AppTest must show its error."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")


@pytest.fixture
def empty_db(tmp_path):
    """A new database with the reference tables and no returns."""
    conn = store.connect(tmp_path / "test.duckdb")
    yield conn
    conn.close()


@pytest.fixture
def small_db(empty_db):
    """The hand-written fixture: 4 forces in 2017, 2 in 2016, and their flows."""
    ingest.import_files(
        empty_db,
        FIXTURES / "returns_small.csv",
        FIXTURES / "flows_small.csv",
        imported_by="tests",
    )
    return empty_db


@pytest.fixture(scope="session")
def default_db(tmp_path_factory):
    """The embedded default, built once as a first run would build it."""
    conn = ingest.open_database(tmp_path_factory.mktemp("default") / "threat_picture.duckdb")
    yield conn
    conn.close()


# Pointing the app and the command line at a store ----------------------------------------
#
# Every test that runs the dashboard (AppTest or a real server) or the command line points
# it at a store folder of its own through these two, never at data/store:
#   use_store(monkeypatch, folder)   in-process (AppTest): sets COUNTYLINES_DATA, clears caches
#   store_env(folder)                the environment for a subprocess (streamlit run, the CLI)
# The first read of a new folder builds its first snapshot from the embedded default.


def store_env(folder: Path, **extra: str) -> dict[str, str]:
    """os.environ with COUNTYLINES_DATA at folder (and nothing of a developer's own store)."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTYLINES_") or k in KEEP_ENV}
    env["COUNTYLINES_DATA"] = str(folder)
    env.update(extra)
    return env


KEEP_ENV = {"COUNTYLINES_REQUIRE_BROWSER"}


def use_store(patch: pytest.MonkeyPatch, folder: Path, **extra: str) -> Path:
    """Points the in-process app (AppTest) at the store in folder; returns folder."""
    import streamlit as st

    for name in ("COUNTYLINES_DB", "COUNTYLINES_ANALYST_PASSWORD_HASH", "COUNTYLINES_VIEWERS_SIGN_IN"):
        patch.delenv(name, raising=False)
    patch.setenv("COUNTYLINES_DATA", str(folder))
    for name, value in extra.items():
        patch.setenv(name, value)
    st.cache_resource.clear()
    st.cache_data.clear()
    return folder


def read_store(folder: Path, read):
    """read(conn) on the current snapshot of the store in folder, read-only."""
    _, conn = store.open_current(folder)
    try:
        return read(conn)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def app_store(tmp_path_factory):
    """A store of this module's own for every AppTest in it, built from the embedded default."""
    with pytest.MonkeyPatch.context() as patch:
        folder = use_store(patch, tmp_path_factory.mktemp("store") / "store")
        yield folder
        import streamlit as st

        st.cache_resource.clear()
        st.cache_data.clear()


def shown(markdown: str) -> str:
    """What a reader sees of Markdown that user text was made plain in (screens.widgets.plain):
    AppTest gives the Markdown source, with its backslash escapes."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(markdown)).replace("\u2060", "")
