"""Downloads carry their title, source, base, status and date, hold numbers as numbers, and
never run a cell as a formula, so a quoted number can be traced and a file opened safely."""

import csv
import datetime as dt
import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from countylines import ILLUSTRATIVE_NOTICE, ingest
from countylines.draw import exports, images
from countylines.figures import nca

TODAY = dt.date(2026, 11, 30)
ABOUT = exports.About(
    title="Cuckooing 2017",
    source="Source: illustrative demonstration data, 2017",
    base="Base: 43 force returns, 2017",
    status=nca.status_text(True),
    notes="Possible answers are not added to yes.",
)
REAL = exports.About(
    title="Cuckooing 2018",
    source="Source: police force returns to the National Crime Agency county lines collection, 2018",
    base="Base: 40 force returns, 2018",
    status=nca.status_text(False),
)
# As questions.question_table and profile.answer_rows shape them.
TABLE = pd.DataFrame(
    {
        "Question": ["Cuckooing", "Knives"],
        "Yes": [33, 35],
        "Base": [43, 43],
        "Percent (yes ÷ base)": pd.array([77, 81], dtype="Int64"),
        "NCA-style figure": ["77% of forces (33)", "81% of forces (35)"],
        "NCA printed": ["77% (33)", "85% (35)"],
        "NCA paragraph": ["NCA 2017 para 6.1", "NCA 2017 para 5.1"],
        "This force's answer": ["✓ Yes", "✗ No"],
    }
)
HOSTILE = pd.DataFrame(
    {
        "file": ['=HYPERLINK("http://x","y")', "+cmd", "@SUM(A1)", "\tlead", "\rlead", "-2+3", "safe"],
        "value": [-3, 0, 1, 2, 3, 4, 5],
    }
)


def read_csv(raw: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def workbook(table, about=ABOUT):
    return load_workbook(io.BytesIO(exports.xlsx_bytes(table, about, today=TODAY)))


# CSV --------------------------------------------------------------------------------------------


def test_csv_rows_carry_title_source_base_status_notes_and_date():
    raw = exports.csv_bytes(TABLE, ABOUT, today=TODAY)
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 ('÷', '→') correctly
    rows = read_csv(raw)
    assert list(rows[0]) == [
        "Question", "Yes", "Base", "Percent (yes ÷ base)", "NCA-style figure", "NCA printed",
        "NCA paragraph", "This force's answer",
        "Title", "Status", "Base (about)", "Source", "Notes", "Downloaded",
    ]  # fmt: skip
    first = rows[0]
    assert first["Title"] == "Cuckooing 2017"
    assert first["Status"] == ILLUSTRATIVE_NOTICE
    assert first["Base (about)"] == "Base: 43 force returns, 2017"  # the table's own Base is kept
    assert (first["Base"], first["Percent (yes ÷ base)"]) == ("43", "77")
    assert first["Downloaded"] == "2026-11-30"
    assert first["This force's answer"] == "Yes" and rows[1]["This force's answer"] == "No"


def test_csv_neutralises_formula_cells_and_keeps_numbers():
    rows = read_csv(exports.csv_bytes(HOSTILE, REAL))
    assert [r["file"] for r in rows] == [
        "'=HYPERLINK(\"http://x\",\"y\")", "'+cmd", "'@SUM(A1)", "'\tlead", "'\rlead", "'-2+3", "safe",
    ]  # fmt: skip
    assert rows[0]["value"] == "-3"  # a negative number stays a number
    assert not any("llustrative" in value for row in rows for value in row.values())


def test_text_percents_become_numbers_in_their_own_column():
    table = pd.DataFrame({"Paragraph": ["NCA 2017 para 2.3"], "Printed": ["18%"]})
    rows = read_csv(exports.csv_bytes(table, REAL))
    assert rows[0]["Printed (%)"] == "18"
    sheet = workbook(table, REAL)["data"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 0.18)
    assert cell.number_format == "0%"


# Excel ------------------------------------------------------------------------------------------


def test_excel_first_sheet_opens_on_title_status_base_and_source():
    book = workbook(TABLE)
    assert book.sheetnames[0] == "data" and book.active.title == "data"
    sheet = book["data"]
    block = [sheet.cell(r, 1).value for r in range(1, 8)]
    assert block[0] == "Cuckooing 2017" and sheet["A1"].font.b
    assert block[1].startswith(f"{ILLUSTRATIVE_NOTICE}: an invented demonstration set")
    assert block[2] == f"Status: {ILLUSTRATIVE_NOTICE}"
    assert block[3] == "Base: 43 force returns, 2017"
    assert block[4] == "Source: illustrative demonstration data, 2017"
    assert block[5] == "Notes: Possible answers are not added to yes."
    assert block[6] == "Downloaded: 30 November 2026"
    about = {row[0]: row[1] for row in book["about"].values}
    assert about["Status"] == ILLUSTRATIVE_NOTICE and about["Downloaded"] == "2026-11-30"


def test_excel_real_returns_never_say_illustrative():
    sheet = workbook(TABLE, REAL)["data"]
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "llustrative" not in text
    assert sheet["A2"].value == "Status: Management information, not official statistics"


def test_excel_header_is_bold_and_frozen_and_cells_are_typed():
    sheet = workbook(TABLE)["data"]
    # Title, notice, status, base, source, notes, date, an empty row: the header is row 9.
    assert sheet.cell(9, 1).value == "Question" and sheet.cell(9, 1).font.b
    assert all(sheet.cell(9, c).font.b for c in range(1, 9))
    assert sheet.freeze_panes == "A10"
    row = {sheet.cell(9, c).value: sheet.cell(10, c) for c in range(1, 9)}
    assert row["Yes"].value == 33 and row["Yes"].data_type == "n"
    assert row["Percent (yes ÷ base)"].value == pytest.approx(0.77)
    assert row["Percent (yes ÷ base)"].number_format == "0%"  # shows 77%
    assert row["NCA printed"].value == "77% (33)" and row["NCA paragraph"].value == "NCA 2017 para 6.1"
    assert row["This force's answer"].value == "Yes"


def test_excel_prints_on_a4_landscape_one_page_wide():
    sheet = workbook(TABLE)["data"]
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$9:$9"


def test_excel_neutralises_formula_cells_and_keeps_negative_numbers():
    sheet = workbook(HOSTILE, REAL)["data"]
    cells = {sheet.cell(r, 2).value: sheet.cell(r, 1) for r in range(1, sheet.max_row + 1)}
    assert cells[-3].value == '\'=HYPERLINK("http://x","y")' and cells[-3].data_type == "s"
    assert cells[4].value == "'-2+3"
    assert cells[5].value == "safe"
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    negative = next(c for row in sheet.iter_rows() for c in row if c.value == -3)
    assert negative.data_type == "n"


def test_import_problem_list_is_neutralised():
    """A returns file whose force cell is a formula: the problem list quotes it, harmlessly."""
    hostile = b'year,force,cuckooing\n2018,"=HYPERLINK(""http://evil"",""click"")",yes\n2018,@SUM(1+1),yes\n'
    preview = ingest.prepare_import(ingest.SourceFile("returns.csv", hostile))
    table = ingest.problems_table(preview.problems)
    about = exports.About("Problems", "Checks", "2 problems", "Not imported")
    values = [v for row in read_csv(exports.csv_bytes(table, about)) for v in row.values()]
    assert any(v.startswith("'=HYPERLINK") for v in values)
    assert any(v.startswith("'@SUM(1+1)") for v in values)
    assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in values)


# File names -------------------------------------------------------------------------------------


def test_file_names_keep_year_screen_and_view_and_never_collide():
    national = "National picture: percentage of force returns answering yes, {}"
    names = {
        exports.file_stem("national_bars", national.format(2016), 2016),
        exports.file_stem("national_bars", national.format(2017), 2017),
        exports.file_stem("cuckooing_bars", "Cuckooing: percentage of force returns answering yes, 2017", 2017),
        exports.file_stem("cuckooing_trend", "Cuckooing: percentage answering yes, 2016 to 2017", 2017),
    }
    assert len(names) == 4
    assert exports.file_stem("national_bars", national.format(2016), 2016).startswith(
        "national_bars_2016_national"
    )
    assert (
        exports.file_stem("cuckooing_trend", "Cuckooing, 2016 to 2017", 2017)
        == "cuckooing_trend_2016_to_2017_cuckooing"
    )


def test_file_names_carry_no_markup():
    stem = exports.file_stem("maps_flows", "County lines into and out of<br>Staffordshire, <b>2017</b>")
    assert stem == "maps_flows_2017_county_lines_into_and_out_of_staffordshire"
    assert "br" not in stem.split("_")


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
    stamped = images.stamped_figure(original, CHART_ABOUT, illustrative=False)
    assert stamped.layout.title.text == "Forces answering yes, cuckooing, 2017"
    [footer] = annotation_texts(stamped)
    assert CHART_ABOUT.source in footer and "Base: 43 force returns, 2017" in footer
    assert "Management information, not official statistics" in footer
    assert ILLUSTRATIVE_NOTICE not in footer
    assert (stamped.layout.width, stamped.layout.height) == (1280, 720)
    assert original.layout.title.text is None and not original.layout.annotations  # a copy


def test_a_stamped_chart_of_demo_data_says_so_across_the_top():
    about = exports.About(**{**CHART_ABOUT.__dict__, "status": nca.status_text(True)})
    stamped = images.stamped_figure(bars(), about, illustrative=True)
    texts = annotation_texts(stamped)
    assert f"<b>{ILLUSTRATIVE_NOTICE}</b>" in texts
    notice = next(a for a in stamped.layout.annotations if ILLUSTRATIVE_NOTICE in a.text and a.bgcolor)
    assert notice.yref == "paper" and notice.y == 1 and notice.font.color == "white"


def test_a_chart_keeps_its_own_title_without_markup():
    fig = bars().update_layout(title="Metropolitan Police exports into<br>the most forces (28), 2017")
    stamped = images.stamped_figure(fig, CHART_ABOUT, illustrative=False)
    assert stamped.layout.title.text == "Metropolitan Police exports into the most forces (28), 2017"


def test_a_tall_chart_gets_a_tall_image_so_every_bar_is_named():
    fig = bars().update_layout(height=22 * 39 + 90, margin={"t": 50, "b": 30})
    stamped = images.stamped_figure(fig, CHART_ABOUT, illustrative=True)
    # 948 px of chart less its own 80 px of margins, plus the title, notice and footer.
    assert stamped.layout.height > 720
    assert stamped.layout.height - stamped.layout.margin.t - stamped.layout.margin.b == 948 - 80


def test_a_map_image_is_as_tall_as_the_map_needs_to_fill_its_width():
    fig = go.Figure(go.Scatter(x=[0, 600_000], y=[0, 600_000]))
    fig.update_layout(
        margin={"l": 8, "r": 8, "t": 44, "b": 38},
        xaxis={"range": [0, 900_000]},
        yaxis={"range": [0, 600_000], "scaleanchor": "x"},
    )
    stamped = images.stamped_figure(fig, CHART_ABOUT, illustrative=False)
    plot_width = 1280 - 40 - 8
    plot_height = stamped.layout.height - stamped.layout.margin.t - stamped.layout.margin.b
    assert abs(plot_height - plot_width * 600 / 900) <= 1


def test_the_force_profile_image_names_every_bar(default_db):
    from countylines import catalogue, store
    from countylines.draw import profile_chart
    from countylines.figures import profile

    national = nca.add_labels(store.indicator_figures(default_db, 2017))
    answers = store.force_profile(default_db, "E23000020").query("year == 2017")  # Staffordshire
    rows = profile.answer_rows(national, answers, catalogue.indicators())
    fig = profile_chart.comparison_chart(rows, "Staffordshire", 2017)
    assert len(rows) == 39 and fig.layout.yaxis.dtick == 1  # every question named, none skipped
    stamped = images.stamped_figure(fig, CHART_ABOUT, illustrative=True)
    plot_height = stamped.layout.height - stamped.layout.margin.t - stamped.layout.margin.b
    assert plot_height / 39 >= 20  # room for each 12 px name: no label has to be dropped


@pytest.mark.skipif(not images.images_available(), reason="chart images need Chromium (apt-get install chromium)")
def test_chart_png_is_a_1280_by_720_png():
    png = images.chart_png(bars(), CHART_ABOUT, illustrative=True)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 720)


def test_chart_images_never_fetch_mathjax_from_a_cdn(monkeypatch):
    """kaleido's page loads MathJax from cdnjs.cloudflare.com unless told not to."""
    import kaleido
    from kaleido._page_generator import PageGenerator

    seen = {}

    def fake(spec, opts, kopts):
        seen.update(kopts=kopts, opts=opts)
        return b"\x89PNG"

    monkeypatch.setattr(kaleido, "calc_fig_sync", fake)
    images.render_png(bars(), 640, 360, scale=2)
    assert seen["kopts"]["mathjax"] is False
    assert seen["opts"] == {"format": "png", "width": 640, "height": 360, "scale": 2}
    page = PageGenerator(**seen["kopts"]).generate_index()
    assert "http://" not in page and "https://" not in page  # every script is a local file


def test_a_screen_download_is_made_when_clicked_and_kept_once_made():
    """widgets.deferred: nothing is made until the callable runs (a click), the same table and
    About are made once whoever clicks, and a different table is made afresh."""
    from countylines.screens import widgets

    made = []

    def make(table, about):
        made.append(len(table))
        return exports.csv_bytes(table, about)

    table = pd.DataFrame({"Question": ["Cuckooing", "Knives"], "Percent": [77, 81]})
    click = widgets.deferred(make, table, ABOUT)
    assert made == []  # offered, not made
    first = click()
    assert widgets.deferred(make, table.copy(), ABOUT)() == first  # another session, same file
    assert made == [2]
    widgets.deferred(make, table.head(1), ABOUT)()
    assert made == [2, 1]
    assert "Cuckooing" in first.decode("utf-8-sig")
