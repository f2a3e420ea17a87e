"""Downloads carry their source, base and status, so a quoted number can be traced."""

import io

import pandas as pd
from openpyxl import load_workbook

from countylines import ILLUSTRATIVE_NOTICE, exports, figures

ABOUT = exports.About(
    title="Cuckooing 2017",
    source="Source: illustrative demonstration data, 2017",
    base="Base: 43 force returns, 2017",
    status=figures.status_text(True),
    notes="Possible answers are not added to yes.",
)
TABLE = pd.DataFrame({"question": ["Cuckooing"], "yes": [33], "base": [43], "figure": ["77% of forces (33)"]})


def test_csv_has_every_row_labelled_and_opens_in_excel():
    raw = exports.csv_bytes(TABLE, ABOUT)
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 (the '→' and '£') correctly
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert frame.columns.tolist() == ["question", "yes", "base", "figure", "Source", "Base", "Status", "Notes"]
    row = frame.iloc[0]
    assert (row["figure"], row["base"]) == ("77% of forces (33)", 43)  # the table's own base kept
    assert row["Status"] == ILLUSTRATIVE_NOTICE
    assert row["Base"] == "Base: 43 force returns, 2017"
    assert row["Notes"] == "Possible answers are not added to yes."


def test_csv_never_overwrites_a_column_of_the_table():
    table = pd.DataFrame({"Source": ["NCA 2017 para 6.1"], "Base": [43]})
    frame = pd.read_csv(io.BytesIO(exports.csv_bytes(table, ABOUT)), encoding="utf-8-sig")
    assert frame.loc[0, "Source"] == "NCA 2017 para 6.1"
    assert frame.loc[0, "Base"] == 43
    assert frame.loc[0, "Source (about)"] == ABOUT.source


def test_xlsx_has_the_data_and_an_about_sheet():
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(TABLE, ABOUT)))
    assert book.sheetnames == ["data", "about"]
    data = list(book["data"].values)
    assert data == [("question", "yes", "base", "figure"), ("Cuckooing", 33, 43, "77% of forces (33)")]
    about = {row[0]: row[1] for row in book["about"].values}
    assert about["Status"] == ILLUSTRATIVE_NOTICE
    assert about["Source"] == "Source: illustrative demonstration data, 2017"
    assert about["Base"] == "Base: 43 force returns, 2017"


def test_real_data_is_labelled_management_information():
    assert figures.status_text(False) == "Management information, not official statistics"
