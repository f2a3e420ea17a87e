"""CSV and Excel downloads in the chart's own shape, each carrying title, source, base, status
and the day it was downloaded; and file names that say what a file holds.

Every table goes through ``download_table`` first, so both files agree: whole percents in a
column whose name says "percent" (and text such as "18%") become numbers, answers are
words ("Yes", not "✓ Yes"), and every text cell that a spreadsheet would read as a formula
(starting with =, +, -, @, tab or carriage return) is neutralised with a leading apostrophe,
as OWASP advises for CSV injection. Numbers stay numbers: -3 stored as a number is not text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from dataclasses import dataclass

import pandas as pd

from countylines import ILLUSTRATIVE_NOTICE
from countylines.figures.profile import ANSWER_WORDS, answer_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PERCENT_TEXT = re.compile(r"^\d{1,3}%$")
# '✓ Yes' -> 'Yes': the symbols help on screen, a spreadsheet filters on words.
ANSWER_CELLS = {answer_text(answer): words for answer, words in ANSWER_WORDS.items()}
ILLUSTRATIVE_DETAIL = (
    f"{ILLUSTRATIVE_NOTICE}: an invented demonstration set shaped like the NCA reports. "
    "No force's answers here are real."
)


@dataclass(frozen=True)
class About:
    """What a reader needs to quote a downloaded table."""

    title: str
    source: str
    base: str
    status: str
    notes: str = ""

    @property
    def illustrative(self) -> bool:
        return self.status == ILLUSTRATIVE_NOTICE

    def rows(self, today: dt.date | None = None) -> list[tuple[str, str]]:
        return [
            ("Title", self.title),
            ("Status", self.status),
            ("Base", self.base),
            ("Source", self.source),
            ("Notes", self.notes),
            ("Downloaded", (today or dt.date.today()).isoformat()),
        ]


def neutralise(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP).

    '=HYPERLINK(...)' -> "'=HYPERLINK(...)"; '-3' as text -> "'-3"; -3 as a number stays -3.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def is_percent_column(name: str) -> bool:
    """A column whose name says percent holds whole percents (77 means 77%)."""
    return "percent" in str(name).lower() or str(name).endswith("(%)")


def download_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table as both downloads hold it: percents as numbers, answers as words, text neutralised.

    A column of text percents ('18%') becomes whole numbers under '<name> (%)'.
    """
    out = pd.DataFrame(index=range(len(table)))
    for name, column in table.reset_index(drop=True).items():
        values = column.astype(object).where(column.notna(), None).tolist()
        texts = [v for v in values if v is not None and v != ""]
        if texts and all(isinstance(v, str) and PERCENT_TEXT.match(v) for v in texts):
            name = f"{name} (%)"
            values = [int(v[:-1]) if isinstance(v, str) and v else None for v in values]
        values = [_cell(v) for v in values]
        out[neutralise(str(name))] = pd.Series(values, dtype=object)
    return out


def _cell(value):
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return neutralise(ANSWER_CELLS.get(value, value))
    if hasattr(value, "item") and not isinstance(value, pd.Timestamp):
        return value.item()  # numpy scalars -> int / float, so openpyxl writes numbers
    return value


# CSV -----------------------------------------------------------------------------------------


def csv_bytes(table: pd.DataFrame, about: About, today: dt.date | None = None) -> bytes:
    """The table, then Title, Source, Base, Status, Notes and Downloaded on every row.

    Columns rather than a header block: a CSV stays one rectangular table that any program
    (Excel, R, pandas) reads without skipping lines, and a row copied on its own keeps its
    provenance. UTF-8 with BOM, so Excel reads '→' and '÷' correctly.
    """
    out = download_table(table)
    if out.empty and not len(out.columns):
        out = pd.DataFrame({"(no rows)": pd.Series(dtype=object)})
    for name, value in about.rows(today):
        # Never overwrite a column of the table itself (theme tables have a 'Base').
        while name in out.columns:
            name += " (about)"
        out[name] = neutralise(value)
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


# Excel ---------------------------------------------------------------------------------------

PLUM = "801650"
FONT = "Arial"
HEADER_FILL = "DCE6F0"


def xlsx_bytes(table: pd.DataFrame, about: About, today: dt.date | None = None) -> bytes:
    """A workbook whose first sheet opens on the title, status, base and source, then the
    table under a bold frozen header, set to print on A4 landscape one page wide; and an
    'about' sheet listing the same facts one per row for programs."""
    from openpyxl import Workbook

    shaped = download_table(table)
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    header_row = _write_block(sheet, about, shaped, today)
    _write_table(sheet, shaped, header_row)
    _print_setup(sheet, header_row, max(len(shaped.columns), 1), header_row + len(shaped))

    facts = book.create_sheet("about")
    for label, value in about.rows(today):
        facts.append([label, neutralise(value)])
    _about_sheet_layout(facts)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WIDEST = 48  # characters: longer text wraps in its cell, so the sheet prints legibly


def _widths(shaped: pd.DataFrame) -> list[float]:
    widths = []
    for name, column in shaped.items():
        longest = max([len(str(name))] + [len(_shown(v)) for v in column.tolist()])
        widths.append(min(max(10, longest + 2), WIDEST))
    return widths


def _lines(text: str, width: float) -> int:
    """How many lines a wrapped cell needs (a little generous: letters vary in width)."""
    return max(1, len(textwrap.wrap(text, max(int(width) - 3, 8))))


def _about_sheet_layout(facts) -> None:
    from openpyxl.styles import Alignment, Font

    facts.column_dimensions["A"].width = 14
    facts.column_dimensions["B"].width = 90
    for row in facts.iter_rows():
        row[0].font = Font(name=FONT, bold=True)
        row[0].alignment = Alignment(vertical="top")
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
        facts.row_dimensions[row[0].row].height = 15 * _lines(str(row[1].value or ""), 90)
    _print_setup(facts, None, 2, facts.max_row)


def _shown(value) -> str:
    return "" if value is None else str(value)


def _write_block(sheet, about: About, shaped: pd.DataFrame, today) -> int:
    """Title, status (and the illustrative notice), base, source, notes, date; returns the header row."""
    from openpyxl.styles import Font

    span = max(80, int(sum(_widths(shaped)) * 1.1))  # characters across the printed width
    lines: list[tuple[str, Font]] = [(about.title, Font(name=FONT, bold=True, size=14))]
    if about.illustrative:
        lines.append((ILLUSTRATIVE_DETAIL, Font(name=FONT, bold=True, color=PLUM)))
    lines.append((f"Status: {about.status}", Font(name=FONT, bold=True)))
    for label, text in (("Base", about.base), ("Source", about.source), ("Notes", about.notes)):
        if text:
            lines.append((text if text.startswith(f"{label}:") else f"{label}: {text}", Font(name=FONT)))
    lines.append((f"Downloaded: {(today or dt.date.today()):%d %B %Y}", Font(name=FONT, color="505A5F")))
    row = 1
    for text, font in lines:
        for part in textwrap.wrap(text, span) or [""]:
            cell = sheet.cell(row=row, column=1, value=neutralise(part))
            cell.font = font
            row += 1
    return row + 1  # one empty row, then the header


def _write_table(sheet, shaped: pd.DataFrame, header_row: int) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    percent = [is_percent_column(name) for name in shaped.columns]
    underline = Border(bottom=Side(style="thin", color="3D3D3D"))
    for col, name in enumerate(shaped.columns, start=1):
        cell = sheet.cell(row=header_row, column=col, value=name)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border = underline
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    widths = _widths(shaped)
    for r, values in enumerate(shaped.itertuples(index=False), start=header_row + 1):
        tallest = 1
        for col, value in enumerate(values, start=1):
            value = _excel_value(value)
            is_number = isinstance(value, int | float) and not isinstance(value, bool)
            if percent[col - 1] and is_number:
                value = value / 100
            cell = sheet.cell(row=r, column=col, value=value)
            cell.font = Font(name=FONT)
            cell.alignment = Alignment(vertical="top")
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
                # A small indent keeps text clear of a right-aligned number beside it.
                wraps = len(value) > widths[col - 1] - 2
                cell.alignment = Alignment(wrap_text=wraps, vertical="top", indent=2)
                if wraps:
                    tallest = max(tallest, _lines(value, widths[col - 1]))
            elif percent[col - 1] and is_number:
                cell.number_format = "0%"
            elif isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
        if tallest > 1:  # spreadsheets do not grow a row for wrapped text on their own
            sheet.row_dimensions[r].height = 15 * tallest
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _excel_value(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)  # Excel has no time zones
    return value


def _print_setup(sheet, header_row: int | None, columns: int, last_row: int) -> None:
    """A4 landscape, one page wide (as tall as it needs), header repeated on every page."""
    from openpyxl.utils import get_column_letter

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:{get_column_letter(columns)}{max(last_row, header_row or 1)}"
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5


# File names ------------------------------------------------------------------------------------

YEARS = re.compile(r"\b(?:19|20)\d\d\b")
YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s*(?:to|and|–|-)\s*(?:19|20)\d\d\b")


def plain_text(text: str) -> str:
    """A title without markup: '<br>' becomes a space, tags and entities go."""
    text = re.sub(r"<br\s*/?>", " ", str(text or ""), flags=re.IGNORECASE)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"&[a-z]+;|&#\d+;", " ", text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", plain_text(text).lower()).strip("_")


def file_stem(key: str, title: str, year: int | None = None, limit: int = 90) -> str:
    """'cuckooing_trend_2016_to_2017_cuckooing_and_premises_percentage_of...': the widget key
    (unique on a screen: screen and view), the years, then the title's words, cut at a word.

    Two years, or a bar chart and a trend of one screen, never share a name.
    """
    title = plain_text(title)
    years = sorted(set(YEARS.findall(title))) or ([str(year)] if year is not None else [])
    stem = slug(key)
    year_part = "_to_".join([years[0], years[-1]] if len(years) > 1 else years)
    if year_part and year_part not in stem:
        stem = f"{stem}_{year_part}" if stem else year_part
    for word in slug(YEARS.sub(" ", YEAR_SPAN.sub(" ", title))).split("_"):
        if not word or len(stem) + 1 + len(word) > limit:
            break
        stem = f"{stem}_{word}" if stem else word
    return stem or "county_lines_download"
