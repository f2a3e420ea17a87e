"""Read, check and load returns and flows files (CSV or Excel), all or nothing.

One code path for the command line and the upload page: prepare_import() reads and
checks files and reports every problem at once; commit_import() keeps the accepted
files and replaces whole years in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from countylines import catalogue, figures, store
from countylines.settings import DATA_DIR

MIN_YEAR = 2014  # the NCA's first county lines assessment
RETURNS_FIXED = ("year", "force")
RETURNS_OPTIONAL = ("lines_count", "notes")
MAX_LINES = 10_000  # no force has reported more than a few hundred county lines
FLOWS_COLUMNS = ("year", "exporter", "importer", "lines")


def max_year() -> int:
    return dt.date.today().year


@dataclass(frozen=True)
class SourceFile:
    name: str
    content: bytes

    @classmethod
    def from_path(cls, path: Path | str) -> SourceFile:
        path = Path(path)
        try:
            return cls(path.name, path.read_bytes())
        except FileNotFoundError:
            raise ImportRejected([Problem(path.name, None, None, None, f"There is no file at {path}.")]) from None
        except OSError as error:
            raise ImportRejected(
                [Problem(path.name, None, None, None, f"{path} could not be opened ({error.strerror}).")]
            ) from None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # the row number as a spreadsheet shows it: the header is row 1
    column: str | None
    value: str | None
    message: str
    suggestion: str | None = None

    def sentence(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        prefix = f"{self.file}, {', '.join(where)}: " if where else f"{self.file}: "
        text = prefix + self.message
        if self.suggestion:
            text += f"; did you mean '{self.suggestion}'?"
        return text


class ImportRejected(Exception):
    """The files were not imported; problems lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.sentence() for p in problems))


@dataclass
class ParsedReturns:
    source: SourceFile
    submissions: pd.DataFrame  # year, force_code, lines_count, notes
    answers: pd.DataFrame  # year, force_code, indicator, answer
    years: list[int]


@dataclass
class ParsedFlows:
    source: SourceFile
    flows: pd.DataFrame  # year, exporter_code, importer_code, lines
    years: list[int]


@dataclass
class Preview:
    returns: ParsedReturns | None = None
    flows: ParsedFlows | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and (self.returns is not None or self.flows is not None)


# Reading ------------------------------------------------------------------------------


def _normalise_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")


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


# Checking -----------------------------------------------------------------------------


class _Checker:
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
        names = [_normalise_header(c) for c in header_cells]
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
        year = _whole_number(text)
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
        number = _whole_number(text)
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


def _misplaced_header(checker: _Checker, rows, required: tuple[str, ...]) -> bool:
    """A title or blank-looking row above the header: one sentence instead of dozens."""
    first = {_normalise_header(c) for c in rows[0][1]}
    if set(required) <= first:
        return False
    for row, cells in rows[1:6]:
        if set(required) <= {_normalise_header(c) for c in cells}:
            checker.error(
                row,
                None,
                None,
                f"the header must be the first row, but row {row} looks like the header (it names "
                f"{', '.join(repr(r) for r in required)}); delete the rows above it",
            )
            return True
    return False


def _whole_number(text: str) -> int | None:
    """12, '12' or Excel's '12.0' as 12; None for anything that is not a whole number."""
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _cell(cells: list[str], position: int | None) -> str:
    if position is None or position >= len(cells):
        return ""
    return cells[position]


def check_returns(source: SourceFile) -> tuple[ParsedReturns | None, list[Problem], list[Problem]]:
    """Reads and checks a wide returns file: year, force, question columns, lines_count, notes."""
    checker = _Checker(source)
    rows = read_rows(source)
    if _misplaced_header(checker, rows, RETURNS_FIXED):
        return None, checker.problems, checker.warnings
    question_ids = catalogue.indicator_ids()
    allowed = [*RETURNS_FIXED, *question_ids, *RETURNS_OPTIONAL]
    names = checker.header(rows, allowed, RETURNS_FIXED)
    checker.extra_cells(rows, len(rows[0][1]))
    position = {name: i for i, name in enumerate(names) if name in allowed}
    questions = [q for q in question_ids if q in position]
    if not questions and not checker.problems:
        checker.error(
            rows[0][0],
            None,
            None,
            "the file has no question columns (see data/templates/returns_template.csv)",
        )
    if len(rows) == 1:
        checker.error(None, None, None, "the file has a header but no rows of data")

    base_of = dict(zip(catalogue.indicators()["id"], catalogue.indicators()["base_indicator"], strict=True))
    submissions, answers = [], []
    first_row: dict[tuple[int, str], int] = {}
    if not set(RETURNS_FIXED) <= set(position):
        # Without year and force no row can be placed; the header problem says why.
        return None, checker.problems, checker.warnings
    skipped: list[str] = []
    for row, cells in rows[1:]:
        force_text = _cell(cells, position.get("force"))
        no_answers = all(not _cell(cells, position.get(q)).strip() for q in questions)
        untouched = no_answers and all(not _cell(cells, position.get(c)).strip() for c in RETURNS_OPTIONAL)
        if untouched and not _cell(cells, position.get("year")).strip():
            # A template row left as it was: the force made no return. Skipped, and said once.
            skipped.append(force_text)
            continue
        year = checker.year(row, _cell(cells, position.get("year")))
        force = checker.force(row, "force", force_text)
        if no_answers and year is not None and force is not None:
            checker.warn(
                row,
                "force",
                force_text,
                f"{force.name} has a year but no answers, so it counts as a {year} return with every "
                f"answer not known and is in every {year} base; if it made no return, delete the row",
            )
        row_answers = {}
        for question in questions:
            value = _cell(cells, position[question])
            answer = catalogue.parse_answer(value)
            if answer is None:
                checker.error(
                    row,
                    question,
                    value,
                    f"'{value}' is not an answer; use yes, no, possible, or leave blank for not known",
                )
            row_answers[question] = answer
        lines = checker.count(row, "lines_count", _cell(cells, position.get("lines_count")))
        if year is None or force is None:
            continue
        key = (year, force.code)
        if key in first_row:
            checker.error(
                row,
                "force",
                force_text,
                f"{force.name} already has a return for {year} in row {first_row[key]}; "
                "each force can appear once a year",
            )
            continue
        first_row[key] = row
        for question, answer in row_answers.items():
            base = base_of.get(question)
            if answer in ("yes", "possible") and base and row_answers.get(base) != "yes" and base in row_answers:
                checker.warn(
                    row,
                    question,
                    answer,
                    f"{force.name} answered '{answer}' here but not yes to '{base}', so this answer "
                    f"falls outside the question's base (forces answering yes to '{base}') and is not counted",
                )
        submissions.append(
            {
                "year": year,
                "force_code": force.code,
                "lines_count": lines,
                "notes": _cell(cells, position.get("notes")) or None,
            }
        )
        answers.extend(
            {"year": year, "force_code": force.code, "indicator": q, "answer": a}
            for q, a in row_answers.items()
            if a is not None
        )
    if skipped and not submissions and not checker.problems:
        checker.error(
            None, None, None, "no row is filled in: every row has no year and no answers (an untouched template?)"
        )
    elif skipped:
        checker.warn(
            None,
            None,
            None,
            f"{len(skipped)} row{'s' if len(skipped) != 1 else ''} left as in the template (no year, no "
            f"answers) {'are' if len(skipped) != 1 else 'is'} read as no return: {', '.join(skipped)}",
        )
    years_in_file = pd.Series([s["year"] for s in submissions]).value_counts()
    if len(years_in_file) > 1:
        checker.warn(
            None,
            "year",
            None,
            "the file holds more than one year ("
            + ", ".join(f"{int(y)}: {n} force{'s' if n != 1 else ''}" for y, n in sorted(years_in_file.items()))
            + "); each year in it replaces that whole year, so check the year column",
        )
    if checker.problems:
        return None, checker.problems, checker.warnings
    submissions_frame = pd.DataFrame(submissions, columns=["year", "force_code", "lines_count", "notes"])
    submissions_frame["lines_count"] = submissions_frame["lines_count"].astype("Int64")
    answers_frame = pd.DataFrame(answers, columns=["year", "force_code", "indicator", "answer"])
    parsed = ParsedReturns(
        source, submissions_frame, answers_frame, sorted(submissions_frame["year"].unique().tolist())
    )
    return parsed, [], checker.warnings


def check_flows(source: SourceFile) -> tuple[ParsedFlows | None, list[Problem], list[Problem]]:
    """Reads and checks a flows file: year, exporter, importer and optional lines."""
    checker = _Checker(source)
    rows = read_rows(source)
    if _misplaced_header(checker, rows, ("year", "exporter", "importer")):
        return None, checker.problems, checker.warnings
    names = checker.header(rows, list(FLOWS_COLUMNS), ("year", "exporter", "importer"))
    checker.extra_cells(rows, len(rows[0][1]))
    position = {name: i for i, name in enumerate(names) if name in FLOWS_COLUMNS}
    if len(rows) == 1:
        checker.error(None, None, None, "the file has a header but no rows of data")
    if not {"year", "exporter", "importer"} <= set(position):
        return None, checker.problems, checker.warnings
    flows, first_row = [], {}
    for row, cells in rows[1:]:
        year = checker.year(row, _cell(cells, position.get("year")))
        exporter_text = _cell(cells, position.get("exporter"))
        importer_text = _cell(cells, position.get("importer"))
        exporter = checker.force(row, "exporter", exporter_text)
        importer = checker.force(row, "importer", importer_text)
        lines = checker.count(row, "lines", _cell(cells, position.get("lines")))
        if year is None or exporter is None or importer is None:
            continue
        if exporter.code == importer.code:
            checker.error(
                row,
                "importer",
                importer_text,
                f"{exporter.name} is both exporter and importer; a flow runs between two forces",
            )
            continue
        key = (year, exporter.code, importer.code)
        if key in first_row:
            checker.error(
                row,
                "importer",
                importer_text,
                f"{exporter.name} → {importer.name} in {year} is already in row {first_row[key]}",
            )
            continue
        first_row[key] = row
        flows.append(
            {"year": year, "exporter_code": exporter.code, "importer_code": importer.code, "lines": lines}
        )
    if checker.problems:
        return None, checker.problems, checker.warnings
    frame = pd.DataFrame(flows, columns=["year", "exporter_code", "importer_code", "lines"])
    frame["lines"] = frame["lines"].astype("Int64")
    return ParsedFlows(source, frame, sorted(frame["year"].unique().tolist())), [], checker.warnings


def prepare_import(returns: SourceFile | None = None, flows: SourceFile | None = None) -> Preview:
    """Checks the files and reports every problem in both; writes nothing."""
    preview = Preview()
    if returns is None and flows is None:
        preview.problems.append(
            Problem("import", None, None, None, "Choose a returns file, a flows file, or both.")
        )
        return preview
    for source, check, slot in ((returns, check_returns, "returns"), (flows, check_flows, "flows")):
        if source is None:
            continue
        try:
            parsed, problems, warnings = check(source)
        except ImportRejected as rejected:
            preview.problems.extend(rejected.problems)
            continue
        setattr(preview, slot, parsed)
        preview.problems.extend(problems)
        preview.warnings.extend(warnings)
    return preview


def keep_accepted(source: SourceFile, folder: Path) -> Path:
    """Stores the file unchanged under its sha256, so a replaced year stays recoverable."""
    folder.mkdir(parents=True, exist_ok=True)
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "_", source.name)
    target = folder / f"{source.sha256[:16]}_{safe_name}"
    if not target.exists():
        target.write_bytes(source.content)
    return target


def replacements(conn, preview: Preview) -> list[tuple[int, str]]:
    """(year, what happens) for every held year this import would replace, said before it
    does: "the 43 force returns held now are replaced by this file's 1"."""
    out = []
    if preview.returns:
        brought = preview.returns.submissions.groupby("year").size()
        for year in preview.returns.years:
            held = int(store.force_returns(conn, year)["returned"].sum())
            if held:
                out.append(
                    (year, f"the {held} force returns held now are replaced by this file's {int(brought[year])}")
                )
    if preview.flows:
        brought = preview.flows.flows.groupby("year").size()
        for year in preview.flows.years:
            held = len(store.flows(conn, year))
            if held:
                out.append((year, f"the {held} flows held now are replaced by this file's {int(brought[year])}"))
    return sorted(out, key=lambda item: item[0])


def illustrative_sources(conn, preview: Preview) -> list[str]:
    """Names of the files in preview already known to be illustrative: the shipped demo
    files, or a file the import log holds as illustrative (same sha256). Importing one of
    them again, to recover a replaced year, keeps it marked: demo data never turns real."""
    folder = DATA_DIR / "illustrative"
    known = {hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.glob("*.csv"))}
    log = store.import_log(conn)
    if not log.empty:
        known |= set(log.loc[log["illustrative"].astype(bool), "sha256"])
    return [
        parsed.source.name
        for parsed in (preview.returns, preview.flows)
        if parsed is not None and parsed.source.sha256 in known
    ]


@dataclass
class ImportResult:
    import_ids: list[int]
    returns_years: list[int]
    flows_years: list[int]
    warnings: list[Problem]
    kept_illustrative: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = []
        if self.returns_years:
            parts.append("returns for " + ", ".join(map(str, self.returns_years)))
        if self.flows_years:
            parts.append("flows for " + ", ".join(map(str, self.flows_years)))
        text = "Imported " + " and ".join(parts) + "."
        if self.kept_illustrative:
            text += (
                " Marked as illustrative, because "
                + ", ".join(self.kept_illustrative)
                + " is known illustrative data."
            )
        return text


def commit_import(
    conn,
    preview: Preview,
    *,
    illustrative: bool = False,
    imported_by: str = "unknown",
    accepted_dir: Path | None = None,
) -> ImportResult:
    """Keeps the accepted files, then replaces their years in one transaction."""
    if not preview.ok:
        raise ImportRejected(preview.problems or [Problem("import", None, None, None, "Nothing to import.")])
    folder = accepted_dir or store.accepted_dir(store.database_path(conn))
    kept_illustrative = illustrative_sources(conn, preview)
    illustrative = illustrative or bool(kept_illustrative)
    audit, new_files = [], []
    for kind, parsed in (("returns", preview.returns), ("flows", preview.flows)):
        if parsed is None:
            continue
        existed = folder.exists() and any(folder.glob(f"{parsed.source.sha256[:16]}_*"))
        kept = keep_accepted(parsed.source, folder)
        if not existed:
            new_files.append(kept)
        rows = len(parsed.submissions) if kind == "returns" else len(parsed.flows)
        audit.append(
            {
                "kind": kind,
                "file_name": parsed.source.name,
                "sha256": parsed.source.sha256,
                "rows": rows,
                "years": ", ".join(map(str, parsed.years)),
                "imported_by": imported_by,
                "stored_path": str(kept),
            }
        )
    try:
        ids = store.write_import(
            conn,
            audit=audit,
            submissions=preview.returns.submissions if preview.returns else None,
            answers=preview.returns.answers if preview.returns else None,
            flows=preview.flows.flows if preview.flows else None,
            illustrative=illustrative,
        )
    except Exception:
        # Nothing was written, so nothing was accepted: the kept copies go too.
        for path in new_files:
            path.unlink(missing_ok=True)
        raise
    return ImportResult(
        ids,
        preview.returns.years if preview.returns else [],
        preview.flows.years if preview.flows else [],
        preview.warnings,
        kept_illustrative,
    )


def sources_from_paths(*items: Path | str | SourceFile | None) -> list[SourceFile | None]:
    """Opens each file given; raises ImportRejected naming every one that cannot be read."""
    problems, sources = [], []
    for item in items:
        if item is None or isinstance(item, SourceFile):
            sources.append(item)
            continue
        try:
            sources.append(SourceFile.from_path(item))
        except ImportRejected as rejected:
            problems.extend(rejected.problems)
            sources.append(None)
    if problems:
        raise ImportRejected(problems)
    return sources


def import_files(
    conn,
    returns_file: Path | str | SourceFile | None = None,
    flows_file: Path | str | SourceFile | None = None,
    **options,
) -> ImportResult:
    """Checks and imports in one go; raises ImportRejected listing every problem."""
    preview = prepare_import(*sources_from_paths(returns_file, flows_file))
    if preview.problems:
        raise ImportRejected(preview.problems)
    return commit_import(conn, preview, **options)


def trial_figures(preview: Preview) -> pd.DataFrame:
    """The figures the checked returns would give, from a throwaway database: a preview."""
    import tempfile

    if preview.returns is None or preview.problems:
        return pd.DataFrame()
    with tempfile.TemporaryDirectory() as folder:
        conn = store.connect(Path(folder) / "trial.duckdb", load_default=False)
        try:
            commit_import(conn, Preview(returns=preview.returns), accepted_dir=Path(folder) / "accepted")
            raw = store.indicator_figures(conn)
        finally:
            conn.close()
    return figures.add_labels(raw) if not raw.empty else raw


def compare_with_held(trial: pd.DataFrame, held: pd.DataFrame) -> pd.DataFrame:
    """The preview's figures beside the figures held now for the same year and question.

    trial: trial_figures() output; held: add_labels() output for every year held. Adds
    "held now" (the label held, or "not held") and "change" in words, so an analyst sees
    what replacing a year would do before pressing Import.
    """
    if trial.empty:
        return trial.assign(**{"held now": pd.Series(dtype=str), "change": pd.Series(dtype=str)})
    before = (
        held[["year", "indicator", "label", "percent", "count"]].rename(
            columns={"label": "held now", "percent": "percent_before", "count": "count_before"}
        )
        if not held.empty
        else pd.DataFrame(columns=["year", "indicator", "held now", "percent_before", "count_before"])
    )
    merged = trial.merge(before, on=["year", "indicator"], how="left")
    held_years = set(before["year"].tolist())

    def change(row) -> str:
        if pd.isna(row["percent_before"]):
            return "new year" if row["year"] not in held_years else "question not held for this year"
        return figures.change_text(
            int(row["percent"]), int(row["percent_before"]), int(row["count"]), int(row["count_before"])
        )

    merged["change"] = merged.apply(change, axis=1)
    merged["held now"] = merged["held now"].fillna("not held")
    return merged.drop(columns=["percent_before", "count_before"])


def kept_file(stored_path: str, sha256: str, db_path: Path | str) -> bytes | None:
    """The bytes of an accepted file exactly as imported, or None when it cannot be found
    unchanged (looked for where it was kept, then in the accepted folder beside db_path,
    which also finds it after the database and its folder were moved together)."""
    candidates = [Path(stored_path), store.accepted_dir(db_path) / Path(stored_path).name]
    for path in candidates:
        try:
            content = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(content).hexdigest() == sha256:
            return content
    return None


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table an analyst can work through (and download) row by row."""
    return pd.DataFrame(
        [
            {
                "file": p.file,
                "row": p.row,
                "column": p.column or "",
                "value": p.value if p.value is not None else "",
                "problem": p.message,
                "suggested fix": f"use '{p.suggestion}'" if p.suggestion else "",
            }
            for p in problems
        ],
        columns=["file", "row", "column", "value", "problem", "suggested fix"],
    ).astype({"row": "Int64"})
