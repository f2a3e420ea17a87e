"""The Import screen's own downloads (the list of problems, the import log) are made by
draw.exports, so a file name or cell that a spreadsheet would run as a formula is harmless.
The kept files are the exception: they are offered back byte for byte, as imported."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest
import streamlit as st
from conftest import use_store
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from countylines.settings import ROOT
from tests.conftest import shown

HOSTILE = b'year,force,cuckooing\n2018,"=HYPERLINK(""http://evil.example"",""click"")",yes\n2018,@SUM(1+1),yes\n'
GOOD = b"year,force,cuckooing,knives\n2018,Norfolk,yes,no\n2018,Kent,no,possible\n"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def screen(tmp_path, monkeypatch):
    """The Import screen, with every st.download_button's label and data recorded."""
    use_store(monkeypatch, tmp_path / "store")
    offered: dict[str, bytes] = {}
    real = st.download_button

    def record(label, data=None, *args, **kwargs):
        offered[label] = data() if callable(data) else data  # deferred data: what a click makes
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", record)
    method = DeltaGenerator.download_button  # in a column: column.download_button(...)

    def record_in(self, label, data=None, *args, **kwargs):
        offered[label] = data() if callable(data) else data
        return method(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", record_in)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/import.py").run()
    yield at, offered
    st.cache_resource.clear()
    st.cache_data.clear()


def cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]


def test_the_list_of_problems_neutralises_formula_cells(screen):
    at, offered = screen
    at.file_uploader[0].set_value(("returns.csv", HOSTILE, "text/csv"))
    at.run()
    assert not at.exception
    listed = cells(offered["Download the list of problems (CSV)"])
    assert '\'=HYPERLINK("http://evil.example","click")' in listed
    assert any(cell.startswith("'@SUM(1+1)") for cell in listed)
    assert not [cell for cell in listed if cell.startswith(FORMULA)]
    assert "Not imported: nothing was written" in listed  # the status column, as every download


def test_the_import_log_neutralises_a_file_name_and_the_kept_file_is_byte_for_byte(screen):
    at, offered = screen
    at.file_uploader[0].set_value(("=cmd|' /C calc'!A0.csv", GOOD, "text/csv"))
    at.run()
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    assert not at.exception
    log = cells(offered["Download the import log (CSV)"])
    assert "'=cmd|' /C calc'!A0.csv" in log
    assert not [cell for cell in log if cell.startswith(FORMULA)]
    [kept] = [label for label in offered if shown(label).startswith("Download =cmd")]
    assert offered[kept] == GOOD  # the analyst's own file, exactly as imported


def test_the_templates_are_offered_byte_for_byte(screen):
    """Each template button gives data/templates/<name> (read when clicked, not every rerun)."""
    from countylines.screens.importing import TEMPLATES

    _, offered = screen
    for label, name in TEMPLATES:
        assert offered[label] == (ROOT / "data" / "templates" / name).read_bytes(), name
    assert len(TEMPLATES) == 3


def test_a_kept_file_changed_after_import_is_warned_of_and_never_sent(screen, tmp_path):
    """The screen checks the kept copy's sha256 (again only when the file's size, time or inode
    changed); the button checks it again when clicked, so a changed copy is never sent."""
    from countylines.screens import importing

    at, offered = screen
    at.file_uploader[0].set_value(("returns.csv", GOOD, "text/csv"))
    at.run()
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    digest = hashlib.sha256(GOOD).hexdigest()
    kept_path = tmp_path / "store" / "accepted" / f"{digest[:16]}_returns.csv"  # ingest.kept_name
    label = "Download returns\\.csv as imported (the original file)"  # the name made plain
    offered.clear()
    at.run()
    assert offered.pop(label) == GOOD
    at.run()
    assert offered.pop(label) == GOOD
    assert not [w for w in at.warning if "has changed since it was imported" in w.value]
    kept_path.write_bytes(GOOD.replace(b"Kent", b"Kemt"))  # same size: the time and the hash tell
    at.run()
    assert label not in offered
    assert [w for w in at.warning if "returns\\.csv is not in the accepted-files folder" in w.value]
    # A button drawn before the change gives no bytes: its click is refused.
    folder = kept_path.parent
    with pytest.raises(Exception, match="no longer matches its sha256"):
        importing._kept_bytes(str(kept_path), digest, folder)
