"""The rules every file kind shares, cell by cell: header names, years, force names, line
counts and cells past the header. A Checker collects every problem so all are reported at once."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re

from countylines import catalogue
from countylines.ingest.sources import Problem, SourceFile

MIN_YEAR = 2014  # the NCA's first county lines assessment


MAX_LINES = 10_000  # no force has reported more than a few hundred county lines


def max_year() -> int:
    return dt.date.today().year


def normalise_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")


MAX_SHOWN_PER_KIND = 10  # then one line: "and 172,790 more rows with unknown forces"


class Checker:
    """Collects problems for one file so every mistake is reported in one go; past the first
    few of a kind only a count is kept, so a file of thousands of bad rows costs little."""

    def __init__(self, source: SourceFile):
        self.source = source
        self._problems: list[Problem] = []
        self.read_warnings: list[Problem] = []  # the reader's, shown first
        self._warnings: list[Problem] = []
        self._counts: dict[tuple[bool, str], int] = {}

    def shows(self, kind: str, is_error: bool = True) -> bool:
        """Whether the next problem of this kind would be shown (so worth a suggestion)."""
        return self._counts.get((is_error, kind), 0) < MAX_SHOWN_PER_KIND

    def _count(self, kind: str, is_error: bool) -> bool:
        shown = self.shows(kind, is_error)
        self._counts[(is_error, kind)] = self._counts.get((is_error, kind), 0) + 1
        return shown

    def error(self, row, column, value, message, suggestion=None, kind=None):
        if self._count(kind or _kind(column), True):
            self._problems.append(Problem(self.source.name, row, column, value, message, suggestion))

    def warn(self, row, column, value, message, kind=None):
        if self._count(kind or _kind(column), False):
            self._warnings.append(Problem(self.source.name, row, column, value, message))

    def _more(self, is_error: bool) -> list[Problem]:
        return [
            Problem(
                self.source.name,
                None,
                None,
                None,
                f"and {n - MAX_SHOWN_PER_KIND:,} more row{'s' if n - MAX_SHOWN_PER_KIND != 1 else ''} with {kind}",
            )
            for (error, kind), n in self._counts.items()
            if error == is_error and n > MAX_SHOWN_PER_KIND
        ]

    @property
    def problems(self) -> list[Problem]:
        return self._problems + self._more(True)

    @property
    def warnings(self) -> list[Problem]:
        return self.read_warnings + self._warnings + self._more(False)

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
            kind = "unknown forces"
            suggestion = _suggest(value) if self.shows(kind) else None
            self.error(row, column, value, message, suggestion, kind=kind)
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
    """'12' or '-3' as a number; None for anything else. Only the ASCII digits 0 to 9:
    '2_017', '２０１７', '2017.0', '1e4' and '+5' are not whole numbers as typed (a number
    cell of an Excel workbook arrives here already as '12')."""
    text = text.strip()
    if not _WHOLE.fullmatch(text):
        return None
    return int(text)


_WHOLE = re.compile(r"-?[0-9]{1,12}", re.ASCII)


def _kind(column) -> str:
    return f"problems in column '{column}'" if column else "other problems"


@functools.lru_cache(maxsize=256)
def _suggest(value: str) -> str | None:
    """A spelling suggestion, computed once per distinct value."""
    return catalogue.force_matcher().suggest(value)


def cell(cells: list[str], position: int | None) -> str:
    if position is None or position >= len(cells):
        return ""
    return cells[position]
