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
