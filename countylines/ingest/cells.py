"""The rules every file kind shares, cell by cell: header names, years, force names, line
counts and cells past the header. A Checker collects every problem so all are reported at once."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from countylines import catalogue
from countylines.ingest.sources import Problem, SourceFile

MIN_YEAR = 2014  # the NCA's first county lines assessment


MAX_LINES = 10_000  # no force has reported more than a few hundred county lines


def max_year() -> int:
    return dt.date.today().year


def normalise_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")


class Checker:
    """Collects problems for one file so every mistake is reported in one go."""

    def __init__(self, source: SourceFile):
        self.source = source
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, row, column, value, message, suggestion=None):
        self.problems.append(Problem(self.source.name, row, column, value, message, suggestion))

    def warn(self, row, column, value, message):
        self.warnings.append(Problem(self.source.name, row, column, value, message))

    def header(self, rows, allowed: list[str], required: tuple[str, ...]) -> list[str]:
        header_row, header_cells = rows[0]
        names = [normalise_header(c) for c in header_cells]
        seen: dict[str, int] = {}
        for position, (raw, name) in enumerate(zip(header_cells, names, strict=True)):
            if not name:
                if any(len(cells) > position and cells[position].strip() for _, cells in rows[1:]):
                    self.error(header_row, f"column {position + 1}", raw, "this column has values but no name")
                continue
            if name in seen:
                self.error(header_row, raw, raw, f"the column '{raw}' appears twice")
            seen[name] = position
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                self.error(
                    header_row,
                    raw,
                    raw,
                    f"'{raw}' is not a column this file can have (see data/templates/)",
                    close[0] if close else None,
                )
        for name in required:
            if name not in seen:
                self.error(header_row, name, None, f"the required column '{name}' is missing")
        return names

    def year(self, row, value) -> int | None:
        text = value.strip()
        if not text:
            self.error(row, "year", value, "the year is blank")
            return None
        year = whole_number(text)
        if year is None:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T[\d:]+)?", text):
                message = f"'{value}' is a date; type the year as a plain number, like 2017"
            else:
                message = f"'{value}' is not a year; write it as four digits, like 2017"
            self.error(row, "year", value, message)
            return None
        if not MIN_YEAR <= year <= max_year():
            self.error(
                row,
                "year",
                value,
                f"'{value}' is outside the years this tool accepts ({MIN_YEAR} to {max_year()})",
            )
            return None
        return year

    def force(self, row, column, value) -> catalogue.Force | None:
        matcher = catalogue.force_matcher()
        if not value.strip():
            self.error(row, column, value, "the force is blank")
            return None
        force = matcher.match(value)
        if force is None:
            choices = catalogue.AMBIGUOUS.get(catalogue.force_key(value))
            message = (
                f"'{value}' could be {' or '.join(repr(c) for c in choices)}; write the force's name"
                if choices
                else f"'{value}' is not a force of England and Wales"
            )
            self.error(row, column, value, message, matcher.suggest(value))
        return force

    def count(self, row, column, value) -> int | None:
        text = value.strip().replace(",", "")
        if not text:
            return None
        number = whole_number(text)
        if number is None:
            self.error(
                row, column, value, f"'{value}' is not a whole number of lines; leave it blank if not known"
            )
            return None
        if number < 0:
            self.error(row, column, value, f"'{value}' is negative; a number of lines is 0 or more")
            return None
        if number > MAX_LINES:
            self.error(
                row,
                column,
                value,
                f"'{value}' is more than {MAX_LINES:,} lines; check the number (a force reports tens or hundreds)",
            )
            return None
        return number

    def extra_cells(self, rows, width: int) -> None:
        """Values past the last named column would be lost: say so (an unquoted comma in notes?)."""
        for row, cells in rows[1:]:
            extra = [c for c in cells[width:] if c.strip()]
            if extra:
                self.error(
                    row,
                    f"column {width + 1}",
                    extra[0],
                    f"this row has {len(cells)} cells but the header names {width} columns; "
                    "a comma inside a value (such as notes) needs the value in double quotes",
                )


def misplaced_header(checker: Checker, rows, required: tuple[str, ...]) -> bool:
    """A title or blank-looking row above the header: one sentence instead of dozens."""
    first = {normalise_header(c) for c in rows[0][1]}
    if set(required) <= first:
        return False
    for row, cells in rows[1:6]:
        if set(required) <= {normalise_header(c) for c in cells}:
            checker.error(
                row,
                None,
                None,
                f"the header must be the first row, but row {row} looks like the header (it names "
                f"{', '.join(repr(r) for r in required)}); delete the rows above it",
            )
            return True
    return False


def whole_number(text: str) -> int | None:
    """12, '12' or Excel's '12.0' as 12; None for anything that is not a whole number."""
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def cell(cells: list[str], position: int | None) -> str:
    if position is None or position >= len(cells):
        return ""
    return cells[position]
