"""The import screen: every problem listed with a fix, a preview, nothing written until Import."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from countylines import store
from countylines.settings import ROOT

GOOD = b"year,force,cuckooing,knives\n2018,Norfolk,yes,no\n2018,Kent,no,possible\n2018,Essex,yes,yes\n"
BAD = b"year,force,cuckooing,knivez\n2018,Norfolk,yes,no\n2018,Avon and Somerest,maybe,\n"


@pytest.fixture
def app(tmp_path, monkeypatch):
    db = tmp_path / "upload.duckdb"
    monkeypatch.setenv("COUNTYLINES_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/import.py").run()
    yield at, db
    st.cache_resource.clear()
    st.cache_data.clear()


def held_years(db) -> list[int]:
    conn = store.connect(db, read_only=True)
    try:
        return store.years(conn)
    finally:
        conn.close()


def test_bad_file_lists_every_problem_and_writes_nothing(app):
    at, db = app
    assert not at.exception
    at.file_uploader[0].set_value(("returns.csv", BAD, "text/csv"))
    at.run()
    assert "Nothing will be imported: 3 problems found" in at.error[0].value
    problems = at.dataframe[0].value
    assert problems["column"].tolist() == ["knivez", "force", "cuckooing"]
    assert problems["row"].tolist() == [1, 3, 3]
    assert "use 'Avon and Somerset'" in problems["suggested fix"].tolist()
    assert not [b for b in at.button if b.label == "Import"]
    st.cache_resource.clear()  # release the app's connection before reading the file
    assert held_years(db) == [2017, 2016]


def test_good_file_previews_then_imports(app):
    at, db = app
    at.file_uploader[0].set_value(("returns_2018.csv", GOOD, "text/csv"))
    at.run()
    assert not at.exception
    assert "3 of 43 forces for 2018" in " ".join(m.value for m in at.markdown)
    preview = at.dataframe[0].value.set_index("indicator")
    assert preview.loc["cuckooing", "label"] == "67% of forces (2)"  # 2 of 3, 66.7 -> 67
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    assert not at.exception
    assert any("Imported returns for 2018" in s.value for s in at.success)
    st.cache_resource.clear()
    assert held_years(db) == [2018, 2017, 2016]
