"""Downloads carry their source, base and status, so a quoted number can be traced."""

import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw import exports
from countylines.figures import nca

ABOUT = exports.About(
    title="Cuckooing 2017",
    source="Source: illustrative demonstration data, 2017",
    base="Base: 43 force returns, 2017",
    status=nca.status_text(True),
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
    assert nca.status_text(False) == "Management information, not official statistics"


# Chart images ---------------------------------------------------------------------------

CHART_ABOUT = exports.About(
    title="Forces answering yes, cuckooing, 2017",
    source="Source: police force returns to the National Crime Agency county lines collection, 2017",
    base="Base: 43 force returns, 2017",
    status="Management information, not official statistics",
)


def bars() -> go.Figure:
    return go.Figure(go.Bar(x=[77], y=["Cuckooing"], orientation="h"))


def annotation_texts(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_a_stamped_chart_carries_title_source_base_and_status():
    original = bars()
    stamped = exports.stamped_figure(original, CHART_ABOUT, illustrative=False)
    assert stamped.layout.title.text == "Forces answering yes, cuckooing, 2017"
    [footer] = annotation_texts(stamped)
    assert CHART_ABOUT.source in footer and "Base: 43 force returns, 2017" in footer
    assert "Management information, not official statistics" in footer
    assert ILLUSTRATIVE_NOTICE not in footer
    assert (stamped.layout.width, stamped.layout.height) == (1280, 720)
    assert original.layout.title.text is None and not original.layout.annotations  # a copy


def test_a_stamped_chart_of_demo_data_says_so_across_the_top():
    about = exports.About(**{**CHART_ABOUT.__dict__, "status": nca.status_text(True)})
    stamped = exports.stamped_figure(bars(), about, illustrative=True)
    texts = annotation_texts(stamped)
    assert f"<b>{ILLUSTRATIVE_NOTICE}</b>" in texts
    notice = next(a for a in stamped.layout.annotations if ILLUSTRATIVE_NOTICE in a.text and a.bgcolor)
    assert notice.yref == "paper" and notice.y == 1 and notice.font.color == "white"


def test_a_chart_keeps_its_own_title_when_it_has_one():
    fig = bars().update_layout(title="Metropolitan Police exports into the most forces (28), 2017")
    stamped = exports.stamped_figure(fig, CHART_ABOUT, illustrative=False)
    assert stamped.layout.title.text == "Metropolitan Police exports into the most forces (28), 2017"


@pytest.mark.skipif(not exports.images_available(), reason="chart images need Chromium (apt-get install chromium)")
def test_chart_png_is_a_1280_by_720_png():
    png = exports.chart_png(bars(), CHART_ABOUT, illustrative=True)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 720)
