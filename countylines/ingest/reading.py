"""Reading a returns or flows file into rows of text: CSV (UTF-8, UTF-8 with BOM or
Windows-1252, any of comma, semicolon or tab) or an Excel workbook (.xlsx).

Work is bounded by what the file really holds, never by what it declares: a file larger
than ``MAX_FILE_BYTES``, with a row past ``MAX_ROWS`` or a cell past ``MAX_COLUMNS``, a cell
longer than ``MAX_CELL_CHARS``, or a workbook that unpacks to more than ``MAX_UNPACKED_BYTES``
is refused with a sentence as soon as that is seen, before the rest is read. A workbook's
rows are read as they are stored (a declared ``A1:XFD1048576`` pads nothing)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from countylines.ingest.sources import MAX_FILE_BYTES, ImportRejected, Problem, SourceFile

MAX_ROWS = 2_000  # a year's returns are 43 rows; a year's flows at most 1,806 (every pair of forces)
MAX_COLUMNS = 200  # a returns file has about 45 columns
MAX_CELL_CHARS = 10_000  # a long note is a few hundred characters
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # all of a workbook's parts, unpacked (1,000 x 200 cells is ~6 MB)
MAX_PACKING_RATIO = 200  # real workbooks pack 5 to 20 times; a zip bomb thousands
MAX_SHORT_ROWS_SHOWN = 5

LIMITS_SENTENCE = (
    f"this tool reads files of up to {MAX_ROWS:,} rows and {MAX_COLUMNS} columns (a year's returns are 43 rows)"
)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


def read_rows(source: SourceFile, warnings: list[Problem] | None = None) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cells as text) for every non-empty row, header first.
    Anything worth saying that does not stop the import is appended to ``warnings``."""
    if len(source.content) > MAX_FILE_BYTES:
        raise _unreadable(
            source, f"is {len(source.content) / 1024 / 1024:.1f} MB; this tool reads files of up to 5 MB"
        )
    suffix = Path(source.name).suffix.lower()
    if suffix == ".xlsx":
        rows = _read_xlsx(source, warnings if warnings is not None else [])
    elif suffix in (".csv", ".txt"):
        rows = _read_csv(source, warnings if warnings is not None else [])
    elif suffix in (".xls", ".xlsm", ".ods"):
        raise _unreadable(
            source, f"is a {suffix} file; save it from Excel as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'"
        )
    else:
        raise _unreadable(source, "is not a CSV or Excel (.xlsx) file")
    if not rows:
        raise _unreadable(source, "is empty: it has no header row")
    return rows


def _unreadable(source: SourceFile, what: str, row: int | None = None) -> ImportRejected:
    return ImportRejected([Problem(source.name, row, None, None, f"The file {source.name} {what}.")])


def _too_many_rows(source: SourceFile) -> ImportRejected:
    return _unreadable(
        source, f"has more than {MAX_ROWS:,} rows, so it cannot be a returns or flows file; {LIMITS_SENTENCE}"
    )


def _too_many_columns(source: SourceFile, row: int) -> ImportRejected:
    return _unreadable(
        source,
        f"has a value past column {MAX_COLUMNS} in row {row}, so it cannot be a returns or flows file; "
        + LIMITS_SENTENCE,
        row,
    )


def _cell_too_long(source: SourceFile, row: int | None) -> ImportRejected:
    where = f" in row {row}" if row else ""
    return _unreadable(
        source,
        f"has a cell{where} longer than {MAX_CELL_CHARS:,} characters; no answer or note is that long "
        "(a quote mark left open can swallow the rest of the file)",
        row,
    )


def _bounded(source: SourceFile, number: int, cells: list[str], warnings: list[Problem]) -> bool:
    """Refuses a row past the limits as soon as it is read. An empty row past the row limit
    (formatting applied far down a sheet, trailing commas) ends the reading, said as a warning;
    True then."""
    if number > MAX_ROWS:
        if any(c.strip() for c in cells):
            raise _too_many_rows(source)
        warnings.append(
            Problem(
                source.name,
                None,
                None,
                None,
                f"only the first {MAX_ROWS:,} rows were read: row {number:,} is empty and this tool reads no "
                "further; if anything is written below it, it was not read",
            )
        )
        return True
    if len(cells) > MAX_COLUMNS and any(c.strip() for c in cells[MAX_COLUMNS:]):
        raise _too_many_columns(source, number)
    if any(len(c) > MAX_CELL_CHARS for c in cells):
        raise _cell_too_long(source, number)
    return False


def _decode(source: SourceFile) -> str:
    nul = source.content.find(b"\x00")
    if nul >= 0:
        raise _unreadable(
            source,
            f"is not a text CSV file: it holds a NUL character (byte {nul + 1:,}); it may be a spreadsheet "
            "saved with the wrong name, saved as 'Unicode text' (UTF-16), or damaged; save it as 'CSV UTF-8'",
        )
    try:
        return source.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (Comma delimited)" on Windows writes Windows-1252.
        return source.content.decode("cp1252", errors="replace")


def _read_csv(source: SourceFile, warnings: list[Problem]) -> list[tuple[int, list[str]]]:
    text = _decode(source)
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            if _bounded(source, number, cells, warnings):
                break
            rows.append((number, [c.strip() for c in cells]))
    except csv.Error as error:
        number = rows[-1][0] + 1 if rows else 1
        if "field larger than field limit" in str(error):
            raise _cell_too_long(source, number) from None
        raise _unreadable(source, f"could not be read as CSV from row {number} on", number) from None
    rows = [(number, cells) for number, cells in rows if any(cells)]
    _cut_off(source, text, rows, warnings)
    return rows


def _cut_off(source: SourceFile, text: str, rows, warnings: list[Problem]) -> None:
    """A row shorter than the header, or a file ending inside a quote, is a file cut off:
    its missing answers would otherwise be stored as not known without a word."""
    if not rows:
        return
    header = rows[0][1]
    width = max((i + 1 for i, c in enumerate(header) if c), default=0)
    ends_open = text.count('"') % 2 == 1
    ends_bare = not text.endswith(("\n", "\r"))
    problems = [
        Problem(
            source.name,
            number,
            None,
            None,
            f"row {number} has {len(cells)} cell{'s' if len(cells) != 1 else ''}; the header has {width}: "
            "was the file cut off?",
        )
        for number, cells in rows[1:]
        if len(cells) < width
    ]
    last = rows[-1][0]
    if ends_open:
        problems.append(
            Problem(
                source.name,
                last,
                None,
                None,
                f"the file ends inside a quoted value in row {last}: was it cut off?",
            )
        )
    elif ends_bare and problems and problems[-1].row == last:
        problems[-1] = Problem(
            source.name,
            last,
            None,
            None,
            f"the file ends in the middle of row {last} (it has {len(rows[-1][1])} cells; the header has "
            f"{width}): was the file cut off?",
        )
    if len(problems) > MAX_SHORT_ROWS_SHOWN:
        more = len(problems) - MAX_SHORT_ROWS_SHOWN
        problems = [
            *problems[:MAX_SHORT_ROWS_SHOWN],
            Problem(
                source.name,
                None,
                None,
                None,
                f"and {more:,} more row{'s' if more != 1 else ''} shorter than the header",
            ),
        ]
    if problems:
        raise ImportRejected(problems)
    if ends_bare and len(rows) > 1:
        warnings.append(
            Problem(
                source.name,
                last,
                None,
                None,
                f"the file ends without a line break after row {last}; if it was cut off, check that row is whole",
            )
        )


def _unpacked_within_limits(source: SourceFile) -> None:
    """Declared sizes bound what unpacking can produce (zipfile stops at them): a zip bomb
    is refused before any part is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(source.content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _unreadable(
            source, "could not be opened as an Excel workbook (it is not a complete .xlsx file)"
        ) from None
    unpacked = sum(p.file_size for p in parts)
    packed = max(1, sum(p.compress_size for p in parts))
    if (
        len(parts) > 1_000
        or unpacked > MAX_UNPACKED_BYTES
        or (unpacked > 1024 * 1024 and unpacked / packed > MAX_PACKING_RATIO)
    ):
        raise _unreadable(
            source,
            f"unpacks to {unpacked / 1024 / 1024:,.0f} MB in {len(parts):,} parts, so it cannot be a returns or "
            f"flows workbook; this tool reads workbooks of up to {MAX_UNPACKED_BYTES // 1024 // 1024} MB unpacked",
        )


def _read_xlsx(source: SourceFile, warnings: list[Problem]) -> list[tuple[int, list[str]]]:
    _unpacked_within_limits(source)
    try:
        book, sheets = _open_workbook(source.content)
    except Exception as error:  # not a zip, not a workbook, damaged parts: all one sentence
        raise _unreadable(source, f"could not be opened as an Excel workbook ({type(error).__name__})") from None
    try:
        if not sheets:
            raise _unreadable(source, "has no worksheet")
        # The template's data sheet is "returns" (or "flows"); otherwise the first sheet.
        named = {title.strip().lower(): part for title, part in sheets}
        part = named.get("returns") or named.get("flows") or sheets[0][1]
        return _sheet_rows(source, book, part, warnings)
    except ImportRejected:
        raise
    except Exception as error:  # a damaged workbook fails in many ways inside openpyxl
        raise _unreadable(
            source, f"could not be read as an Excel workbook; it may be damaged ({type(error).__name__})"
        ) from None
    finally:
        book.archive.close()


def _open_workbook(content: bytes):
    """openpyxl's reader up to, not including, its worksheets: its read-only sheets measure
    a sheet without a <dimension> by parsing all of it, whatever it holds. (Pinned openpyxl:
    these are its own steps, in its order.)"""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    book = ExcelReader(io.BytesIO(content), read_only=True, data_only=True)
    book.read_manifest()
    book.read_strings()
    book.read_workbook()
    apply_stylesheet(book.archive, book.wb)
    sheets = [
        (sheet.name, rel.target)
        for sheet, rel in book.parser.find_sheets()
        if rel.target in book.valid_files and "chartsheet" not in rel.Type
    ]
    return book, sheets


def _sheet_rows(source: SourceFile, book, part: str, warnings: list[Problem]) -> list[tuple[int, list[str]]]:
    """The sheet's stored rows only, each checked against the limits as it is parsed; the
    declared dimension is ignored, so nothing is padded."""
    from openpyxl.worksheet._reader import WorkSheetParser

    rows = []
    with book.archive.open(part) as stream:
        parser = WorkSheetParser(
            stream,
            book.shared_strings,
            data_only=True,
            epoch=book.wb.epoch,
            date_formats=book.wb._date_formats,
            timedelta_formats=book.wb._timedelta_formats,
        )
        for number, stored in parser.parse():
            # Cells with a value only: formatting alone, however far it reaches, is not data.
            valued = [(cell["column"], _cell_text(cell["value"])) for cell in stored if cell["value"] is not None]
            valued = [(column, text) for column, text in valued if text]
            if valued and max(column for column, _ in valued) > MAX_COLUMNS and number <= MAX_ROWS:
                raise _too_many_columns(source, number)
            cells = [""] * max((column for column, _ in valued), default=0)
            for column, text in valued:
                cells[column - 1] = text
            if _bounded(source, number, cells, warnings):
                break
            if valued:
                rows.append((number, cells))
    return rows
