"""Hostile and broken files, generated: the corpus test and `make bench` share them.

Each maker returns (file name, bytes). Nothing here is shipped; the workbooks are written
part by part (a zip of XML) so that a 200,000-row sheet takes a second, not minutes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
IMPORTS = "IMPORTS"  # the file must be imported (otherwise a phrase its refusal must hold, or None: either)

_CONTENT_TYPES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="xl/workbook.xml"/></Relationships>"""
_BOOK_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
 Target="worksheets/sheet1.xml"/></Relationships>"""
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(row: int, column: int, value, strings: dict[str, int]) -> str:
    """A number, or a string kept once in the shared strings as Excel does."""
    ref = f"{column_letter(column)}{row}"
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    index = strings.setdefault(str(value), len(strings))
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


def _shared(strings: dict[str, int]) -> bytes:
    items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{len(strings)}">{items}</sst>'.encode()


def workbook(
    rows, dimension: str | None = None, sheet: str = "returns", sheet_xml: bytes | None = None, strings=None
) -> bytes:
    """An .xlsx of one sheet: rows is an iterable of (row number, [values]) (None skips a cell);
    or sheet_xml as given, with the shared strings it refers to."""
    strings = {} if strings is None else strings
    if sheet_xml is None:
        body = io.StringIO()
        body.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>')
        if dimension:
            body.write(f'<dimension ref="{dimension}"/>')
        body.write("<sheetData>")
        for number, values in rows:
            cells = "".join(_cell(number, i, v, strings) for i, v in enumerate(values, start=1) if v is not None)
            body.write(f'<row r="{number}">{cells}</row>')
        body.write("</sheetData></worksheet>")
        sheet_xml = body.getvalue().encode()
    book = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_RNS}><sheets>'
        f'<sheet name="{escape(sheet, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        archive.writestr("xl/sharedStrings.xml", _shared(strings))
    return out.getvalue()


def valid_rows() -> list[list[str]]:
    """A year's returns: every force of England and Wales (43 rows) answering every question."""
    from countylines import catalogue

    questions = catalogue.indicator_ids()
    rows = [["year", "force", *questions, "lines_count", "notes"]]
    for i, name in enumerate(catalogue.forces()["name"]):
        answers = [("yes", "no", "possible", "")[(i + j) % 4] for j in range(len(questions))]
        rows.append(["2018", name, *answers, str(i % 7), f"note {i}"])
    return rows


def _csv(rows) -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def valid_csv() -> tuple[str, bytes]:
    return "returns_2018.csv", _csv(valid_rows())


def valid_xlsx() -> tuple[str, bytes]:
    rows = valid_rows()
    return "returns_2018.xlsx", workbook(enumerate(rows, start=1))


def sparse_xlsx(last: str = "XFD1048576") -> tuple[str, bytes]:
    """The 5 KB workbook that declares A1:XFD1048576 and holds one cell at its far corner."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><dimension ref="A1:{last}"/><sheetData>'
        f'<row r="{last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
        f'<c r="{last}" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    ).encode()
    return "sparse.xlsx", workbook([], sheet_xml=sheet)


def formatted_rows_xlsx(last: int = 250_000) -> tuple[str, bytes]:
    """A valid year, then empty formatted rows down to row last (formatting applied to whole
    columns): about 16 MB unpacked, none of it data."""
    strings: dict[str, int] = {}
    body = io.StringIO()
    body.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><sheetData>')
    rows = valid_rows()
    for number, values in enumerate(rows, start=1):
        cells = "".join(_cell(number, i, v, strings) for i, v in enumerate(values, start=1) if v)
        body.write(f'<row r="{number}">{cells}</row>')
    for number in range(len(rows) + 1, last + 1):
        body.write(f'<row r="{number}" s="1" customFormat="1"><c r="A{number}" s="1"/></row>')
    body.write("</sheetData></worksheet>")
    return "formatted_rows.xlsx", workbook([], sheet_xml=body.getvalue().encode(), strings=strings)


def many_rows_xlsx(count: int = 200_000, cells: int = 6) -> tuple[str, bytes]:
    """A header and then count rows of the first cells of a real-looking return (with 6 cells
    a row about 4 MB packed, 42 MB unpacked; with 1, a year only, under 20 MB unpacked)."""
    header, first = valid_rows()[:2]
    rows = [(1, header)]
    rows.extend((n, [2018, *first[1:cells]]) for n in range(2, count + 2))
    return "many_rows.xlsx", workbook(rows)


def unknown_forces_csv(size: int = 4_900_000) -> tuple[str, bytes]:
    """A header and then ~172,000 rows each naming a force that does not exist."""
    out = io.StringIO()
    out.write("year,force,cuckooing\n")
    n = 0
    while out.tell() < size:
        out.write(f"2018,Nowhere Constabulary {n % 997},yes\n")
        n += 1
    return "unknown_forces.csv", out.getvalue().encode()


def worst_within_limits_csv() -> tuple[str, bytes]:
    """As many rows as the limit allows, each with a different unknown force and a wrong answer
    to every question: the most a file the reader accepts can ask of the checks."""
    from countylines.ingest import reading

    header = valid_rows()[0]
    rows = [header]
    rows.extend(
        ["2018", f"Nowhere Constabulary {n}", *["maybe"] * (len(header) - 4), "x", "note"]
        for n in range(reading.MAX_ROWS - 1)
    )
    return "worst_within_limits.csv", _csv(rows)


def zip_bomb_xlsx() -> tuple[str, bytes]:
    """A sheet of 1 GB of spaces that packs to about 1 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELS),
            ("xl/_rels/workbook.xml.rels", _BOOK_RELS),
        ):
            archive.writestr(name, data)
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook {_NS} {_RNS}><sheets><sheet name="returns" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f"<worksheet {_NS}><sheetData>".encode())
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
    return "bomb.xlsx", out.getvalue()


def entity_bomb_xlsx() -> tuple[str, bytes]:
    """A sheet whose one cell is an entity expanding a billion times (the "billion laughs")."""
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]><worksheet {_NS}><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>'
    ).encode()
    return "entities.xlsx", workbook([], sheet_xml=sheet)


def huge_cell_csv(length: int = 200_000) -> tuple[str, bytes]:
    _, content = valid_csv()
    lines = content.decode("utf-8-sig").splitlines()
    cells = lines[1].split(",")
    cells[-1] = '"' + "x" * length + '"'
    lines[1] = ",".join(cells)
    return "huge_cell.csv", ("\n".join(lines) + "\n").encode()


def cut_points(step: int = 131) -> list[tuple[str, bytes, str | None]]:
    """The valid file cut at many places, each with what must happen: a cut inside a data row
    that leaves it shorter than the header is refused as cut off; a cut at a line end, in the
    header, or inside a row's last cell (which no check can see: it is imported, with a
    warning when no line break ends the file) may go either way."""
    import csv

    _, content = valid_csv()
    width = len(valid_rows()[0])
    header_end = content.index(b"\n")
    cases = []
    for at in range(40, len(content) - 1, step):
        cut = content[:at]
        last = cut.decode().split("\n")[-1]
        short = at > header_end and last and len(next(csv.reader([last]))) < width
        cases.append((f"cut_{at}.csv", cut, "was the file cut off?" if short else None))
    return cases


def replace_first(column: str, value: str, name: str) -> tuple[str, bytes]:
    """The valid file with one cell of its first data row replaced by value, as typed."""
    rows = valid_rows()
    rows[1][rows[0].index(column)] = value
    return name, _csv(rows)


def corpus() -> list[tuple[str, bytes, str | None]]:
    """(name, bytes, IMPORTS or a phrase the refusal must hold, or None when either may happen)."""
    _, valid = valid_csv()
    text = valid.decode("utf-8-sig")
    cases = [
        (*sparse_xlsx(), "more than 2,000 rows"),
        ("sparse_columns.xlsx", sparse_xlsx("XFD1")[1], "past column 200"),
        ("sparse_rows.xlsx", sparse_xlsx("AP1048576")[1], "more than 2,000 rows"),
        (*many_rows_xlsx(), "cannot be a returns or flows"),
        ("rows_20000.xlsx", many_rows_xlsx(20_000)[1], "more than 2,000 rows"),
        ("years_200000.xlsx", many_rows_xlsx(cells=1)[1], "more than 2,000 rows"),
        (*unknown_forces_csv(), "more than 2,000 rows"),
        (*zip_bomb_xlsx(), "cannot be a returns or flows"),
        (*huge_cell_csv(), "longer than 10,000 characters"),
        (*worst_within_limits_csv(), "more rows with unknown forces"),
        ("huge_cell_150k.csv", huge_cell_csv(150_000)[1], "longer than 10,000 characters"),
        ("nul.csv", valid[:2000] + b"\x00" + valid[2000:], "NUL"),
        ("nul_force.csv", text.replace("Surrey", "Surrey \x00Police").encode(), "NUL"),
        (*replace_first("year", "2_017", "underscore_year.csv"), "'2_017' is not a year"),
        (*replace_first("year", "\uff12\uff10\uff11\uff18", "fullwidth.csv"), "is not a year"),
        (*replace_first("year", "\u0662\u0660\u0661\u0668", "arabic.csv"), "is not a year"),
        (*replace_first("year", "2018.0", "float_year.csv"), "'2018.0' is not a year"),
        (*replace_first("lines_count", "1e4", "exp.csv"), "'1e4' is not a whole number"),
        (*replace_first("lines_count", "1_000", "underscore.csv"), "'1_000' is not a whole number"),
        (*replace_first("lines_count", "+5", "plus.csv"), "'+5' is not a whole number"),
        (*replace_first("lines_count", "\u0661\u0662", "arabic_count.csv"), "is not a whole number"),
        ("bom.csv", b"\xef\xbb\xbf" + valid, IMPORTS),
        ("double_bom.csv", b"\xef\xbb\xbf\xef\xbb\xbf" + valid, IMPORTS),
        ("utf16.csv", text.encode("utf-16"), "NUL"),
        ("latin1.csv", text.replace("note 1", "café £5 note").encode("cp1252"), IMPORTS),
        ("empty.csv", b"", "is empty"),
        ("header_only.csv", text.splitlines()[0].encode() + b"\n", "header but no rows"),
        ("short_row.csv", (text.rstrip("\n") + "\n2018,Kent,yes\n").encode(), "was the file cut off?"),
        ("open_quote.csv", (text.rstrip("\n") + '\n2018,Kent,"yes').encode(), "cut off?"),
        ("garbage.xlsx", b"PK\x03\x04" + b"\x00" * 200, "could not be opened as an Excel workbook"),
        ("truncated.xlsx", valid_xlsx()[1][:900], "could not be opened as an Excel workbook"),
        ("no_newline.csv", valid.rstrip(b"\n"), IMPORTS),
        (*valid_xlsx(), IMPORTS),
        (*formatted_rows_xlsx(), IMPORTS),
        ("trailing_commas.csv", valid + b",,,,,,,,,,\n" * 100_000, IMPORTS),
        (
            "sheet_name.xlsx",
            workbook(enumerate(valid_rows(), start=1), sheet="![p](http:evil.example) <b>"),
            IMPORTS,
        ),
        (*entity_bomb_xlsx(), "could not be read as an Excel workbook"),
        (*valid_csv(), IMPORTS),
    ]
    cases.extend(cut_points())
    return cases
