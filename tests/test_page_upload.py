"""The import screen: every problem listed with a fix, a preview, nothing written until Import."""

from __future__ import annotations

import pytest
import streamlit as st
from conftest import read_store, use_store
from streamlit.testing.v1 import AppTest

from countylines import store
from countylines.settings import ROOT
from tests.conftest import shown

GOOD = b"year,force,cuckooing,knives\n2018,Norfolk,yes,no\n2018,Kent,no,possible\n2018,Essex,yes,yes\n"
BAD = b"year,force,cuckooing,knivez\n2018,Norfolk,yes,no\n2018,Avon and Somerest,maybe,\n"


@pytest.fixture
def app(tmp_path, monkeypatch):
    folder = use_store(monkeypatch, tmp_path / "store")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/import.py").run()
    yield at, folder
    st.cache_resource.clear()
    st.cache_data.clear()


def held_years(folder) -> list[int]:
    return read_store(folder, store.years)


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
    assert held_years(db) == [2017, 2016]


def test_good_file_previews_then_imports(app):
    at, db = app
    at.file_uploader[0].set_value(("returns_2018.csv", GOOD, "text/csv"))
    at.run()
    assert not at.exception
    assert "3 of 43 forces for 2018" in " ".join(shown(m.value) for m in at.markdown)
    preview = at.dataframe[0].value.set_index("indicator")
    assert preview.loc["cuckooing", "label"] == "67% of forces (2)"  # 2 of 3, 66.7 -> 67
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    assert not at.exception
    assert any("Imported returns for 2018" in shown(s.value) for s in at.success)
    assert held_years(db) == [2018, 2017, 2016]


def test_after_import_the_upload_boxes_empty_and_the_success_stays(app):
    at, _ = app
    at.file_uploader[0].set_value(("returns_2018.csv", GOOD, "text/csv"))
    at.run()
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    assert not at.exception
    assert any("Imported returns for 2018" in shown(s.value) for s in at.success)
    # new, empty upload boxes: no preview of the file just imported, no second Import button
    assert not [b for b in at.button if b.label == "Import"]
    assert not any("replaces years already held" in shown(w.value) for w in at.warning)


def test_replacing_a_year_shows_each_figure_beside_the_one_it_replaces(app):
    at, _ = app
    # 2017 is held (embedded default: cuckooing 33 of 43 = 77%). This file gives 2 of 3 = 67%.
    at.file_uploader[0].set_value(("returns_2017.csv", GOOD.replace(b"2018", b"2017"), "text/csv"))
    at.run()
    assert not at.exception
    notice = " ".join(shown(w.value) for w in at.warning)
    assert "**2017**: the 43 force returns held now are replaced by this file's 3." in notice
    preview = at.dataframe[0].value.set_index("indicator")
    assert preview.loc["cuckooing", "label"] == "67% of forces (2)"
    assert preview.loc["cuckooing", "held now"] == "77% of forces (33)"
    # The held 2017 is the demonstration set: no change from it to a real file is worked out.
    assert preview.loc["cuckooing", "change"] == (
        "replaces a figure of the demonstration set: no change worked out, as it would not be real"
    )


def test_an_unreadable_file_gets_a_sentence_not_a_traceback(app):
    at, db = app
    at.file_uploader[0].set_value(("returns.xlsx", b"\x00\x01 not a spreadsheet", "application/octet-stream"))
    at.run()
    assert not at.exception
    assert "Nothing will be imported: 1 problem found" in at.error[0].value
    assert "returns.xlsx" in " ".join(shown(m.value) for m in at.markdown)
    assert held_years(db) == [2017, 2016]


def test_the_files_as_imported_can_be_downloaded_again(app):
    at, _ = app
    [choice] = [s for s in at.selectbox if s.label == "Imported file"]
    assert len(choice.options) == 2  # the embedded default's returns and flows files, newest first
    said = " ".join(shown(m.value) for m in at.markdown)
    assert "These are the analysts' original files, offered back byte for byte as they were imported" in said
    assert "Download flows.csv as imported (the original file)" in [
        shown(b.label) for b in at.get("download_button")
    ]
    choice.select_index(1).run()
    assert not at.exception
    assert "Download returns.csv as imported (the original file)" in [
        shown(b.label) for b in at.get("download_button")
    ]


def test_recovering_the_demo_file_keeps_it_marked_illustrative(app):
    at, db = app
    demo = (ROOT / "data" / "illustrative" / "returns.csv").read_bytes()
    at.file_uploader[0].set_value(("returns.csv", demo, "text/csv"))
    at.run()
    [box] = [c for c in at.checkbox if c.label.startswith("Mark as illustrative")]
    assert box.value is True and box.disabled
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    assert not at.exception
    assert any("Marked as illustrative" in shown(s.value) for s in at.success)
    sources = read_store(db, store.year_sources)
    assert sources["illustrative"].all()


def test_a_year_with_real_flows_and_demo_returns_says_which_part_is_illustrative(app):
    at, _ = app
    flows = b"year,exporter,importer,lines\n2017,Merseyside,Norfolk,3\n"
    at.file_uploader[1].set_value(("flows_2017.csv", flows, "text/csv"))
    at.run()
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    assert not at.exception
    at.switch_page("pages/national.py").run()
    banner = " ".join(shown(w.value) for w in at.warning)
    assert "Illustrative data, not real force returns: the 2017 returns." in banner
    assert "The 2017 flows between forces were imported as real" in banner


def test_rows_left_as_in_the_template_are_listed_in_one_box_and_the_rest_imports(app):
    at, _ = app
    text = b"year,force,cuckooing\n2018,Norfolk,yes\n,Gwent,\n,Kent,\n2018,Essex,no\n"
    at.file_uploader[0].set_value(("returns_2018.csv", text, "text/csv"))
    at.run()
    assert not at.exception
    [box] = [shown(w.value) for w in at.warning if "to check" in w.value]
    # The template rows, and what only the store knows: the 38 questions 2017 asked that this
    # file has no column for, and that no flows are held or given for 2018.
    assert box.startswith("3 things to check (they do not stop the import):")
    assert "2 rows left as in the template (no year, no answers) are read as no return: Gwent, Kent" in box
    assert "the file has no column for 38 questions asked in 2017: county lines activity, " in box
    assert "no flows file is given for 2018 and none is held" in box
    assert "2 of 43 forces for 2018" in " ".join(shown(m.value) for m in at.markdown)


def test_an_old_excel_file_gets_the_sentence_that_says_what_to_do(app):
    at, _ = app
    at.file_uploader[0].set_value(("returns.xls", b"\xd0\xcf\x11\xe0 old excel", "application/vnd.ms-excel"))
    at.run()
    assert not at.exception
    assert "Nothing will be imported: 1 problem found" in at.error[0].value
    assert "save it from Excel as 'Excel Workbook (.xlsx)'" in " ".join(shown(m.value) for m in at.markdown)
