"""Reading a returns or flows file into rows of text: CSV (UTF-8, UTF-8 with BOM or
Windows-1252, any of comma, semicolon or tab) or an Excel workbook (.xlsx)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from countylines.ingest.sources import ImportRejected, Problem, SourceFile


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


def read_rows(source: SourceFile) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cells as text) for every non-empty row, header first."""
    suffix = Path(source.name).suffix.lower()
    if suffix == ".xlsx":
        rows = _read_xlsx(source)
    elif suffix in (".csv", ".txt"):
        rows = _read_csv(source)
    elif suffix in (".xls", ".xlsm", ".ods"):
        raise _unreadable(
            source, f"is a {suffix} file; save it from Excel as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'"
        )
    else:
        raise _unreadable(source, "is not a CSV or Excel (.xlsx) file")
    rows = [(number, cells) for number, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        raise _unreadable(source, "is empty: it has no header row")
    return rows


def _unreadable(source: SourceFile, what: str) -> ImportRejected:
    return ImportRejected([Problem(source.name, None, None, None, f"The file {source.name} {what}.")])


def _read_csv(source: SourceFile) -> list[tuple[int, list[str]]]:
    if b"\x00" in source.content[:4096]:
        raise _unreadable(source, "is not a text CSV file (it may be a spreadsheet saved with the wrong name)")
    try:
        text = source.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (Comma delimited)" on Windows writes Windows-1252.
        text = source.content.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [(number, [c.strip() for c in cells]) for number, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise _unreadable(source, f"could not be read as CSV ({error})") from None


def _read_xlsx(source: SourceFile) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(source.content), read_only=True, data_only=True)
    except Exception as error:  # not a zip, not a workbook, damaged parts: all one sentence
        raise _unreadable(source, f"could not be opened as an Excel workbook ({type(error).__name__})") from None
    try:
        # The template's data sheet is "returns" (or "flows"); otherwise the first sheet.
        named = {sheet.title.strip().lower(): sheet for sheet in book.worksheets}
        sheet = named.get("returns") or named.get("flows") or book.worksheets[0]
        return [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except Exception as error:  # a damaged workbook fails in many ways inside openpyxl
        raise _unreadable(
            source, f"could not be read as an Excel workbook; it may be damaged ({type(error).__name__})"
        ) from None
    finally:
        book.close()
