"""Checking a returns file: one row per force and year, a column per question.

``check_returns`` composes one function per rule family: the header, each row (year and
force, answers, line count), answers outside a conditional question's base, a force
appearing twice, and what the file as a whole says (template rows left as no return,
several years in one file).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from countylines import catalogue
from countylines.ingest.cells import Checker, cell, misplaced_header
from countylines.ingest.reading import read_rows
from countylines.ingest.sources import ParsedReturns, Problem, SourceFile

RETURNS_FIXED = ("year", "force")
RETURNS_OPTIONAL = ("lines_count", "notes")


@dataclass
class _Rows:
    """What the rows gave so far: one submission and its answers per (year, force)."""

    submissions: list[dict] = field(default_factory=list)
    answers: list[dict] = field(default_factory=list)
    first_row: dict[tuple[int, str], int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def check_returns(source: SourceFile) -> tuple[ParsedReturns | None, list[Problem], list[Problem]]:
    """Reads and checks a wide returns file: year, force, question columns, lines_count, notes."""
    checker = Checker(source)
    rows = read_rows(source, checker.read_warnings)
    if misplaced_header(checker, rows, RETURNS_FIXED):
        return None, checker.problems, checker.warnings
    position, questions = _columns(checker, rows)
    if not set(RETURNS_FIXED) <= set(position):
        # Without year and force no row can be placed; the header problem says why.
        return None, checker.problems, checker.warnings
    found = _Rows()
    for row, cells in rows[1:]:
        _check_row(checker, found, row, cells, position, questions)
    _whole_file(checker, found)
    if checker.problems:
        return None, checker.problems, checker.warnings
    submissions = pd.DataFrame(found.submissions, columns=["year", "force_code", "lines_count", "notes"])
    submissions["lines_count"] = submissions["lines_count"].astype("Int64")
    answers = pd.DataFrame(found.answers, columns=["year", "force_code", "indicator", "answer"])
    parsed = ParsedReturns(source, submissions, answers, sorted(submissions["year"].unique().tolist()))
    return parsed, [], checker.warnings


def _columns(checker: Checker, rows) -> tuple[dict[str, int], list[str]]:
    """The header: known column names and where they are, and the question columns present."""
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
    return position, questions


def _check_row(checker: Checker, found: _Rows, row: int, cells, position, questions) -> None:
    force_text = cell(cells, position.get("force"))
    no_answers = all(not cell(cells, position.get(q)).strip() for q in questions)
    untouched = no_answers and all(not cell(cells, position.get(c)).strip() for c in RETURNS_OPTIONAL)
    if untouched and not cell(cells, position.get("year")).strip():
        # A template row left as it was: the force made no return. Skipped, and said once.
        found.skipped.append(force_text)
        return
    year = checker.year(row, cell(cells, position.get("year")))
    force = checker.force(row, "force", force_text)
    if no_answers and year is not None and force is not None:
        checker.warn(
            row,
            "force",
            force_text,
            f"{force.name} has a year but no answers, so it counts as a {year} return with every "
            f"answer not known and is in every {year} base; if it made no return, delete the row",
        )
    row_answers = _answers(checker, row, cells, position, questions)
    lines = checker.count(row, "lines_count", cell(cells, position.get("lines_count")))
    if year is None or force is None:
        return
    key = (year, force.code)
    if key in found.first_row:
        checker.error(
            row,
            "force",
            force_text,
            f"{force.name} already has a return for {year} in row {found.first_row[key]}; "
            "each force can appear once a year",
        )
        return
    found.first_row[key] = row
    _outside_base(checker, row, force, row_answers)
    found.submissions.append(
        {
            "year": year,
            "force_code": force.code,
            "lines_count": lines,
            "notes": cell(cells, position.get("notes")) or None,
        }
    )
    found.answers.extend(
        {"year": year, "force_code": force.code, "indicator": q, "answer": a}
        for q, a in row_answers.items()
        if a is not None
    )


def _answers(checker: Checker, row: int, cells, position, questions) -> dict[str, str | None]:
    """Each question's answer in words the store holds; an unrecognised answer is an error."""
    row_answers = {}
    for question in questions:
        value = cell(cells, position[question])
        answer = catalogue.parse_answer(value)
        if answer is None:
            checker.error(
                row,
                question,
                value,
                f"'{value}' is not an answer; use yes, no, possible, or leave blank for not known",
            )
        row_answers[question] = answer
    return row_answers


def _outside_base(checker: Checker, row: int, force: catalogue.Force, row_answers: dict) -> None:
    """A yes or possible to a conditional question from a force outside its base is not counted."""
    indicators = catalogue.indicators()
    base_of = dict(zip(indicators["id"], indicators["base_indicator"], strict=True))
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


def _whole_file(checker: Checker, found: _Rows) -> None:
    """Template rows read as no return, an untouched template, and several years in one file."""
    skipped = found.skipped
    if skipped and not found.submissions and not checker.problems:
        checker.error(
            None, None, None, "no row is filled in: every row has no year and no answers (an untouched template?)"
        )
    elif skipped:
        checker.warn(
            None,
            None,
            None,
            f"{len(skipped)} row{'s' if len(skipped) != 1 else ''} left as in the template (no year, no "
            f"answers) {'are' if len(skipped) != 1 else 'is'} read as no return: {', '.join(skipped[:43])}"
            + (f" and {len(skipped) - 43:,} more" if len(skipped) > 43 else ""),
        )
    years_in_file = pd.Series([s["year"] for s in found.submissions]).value_counts()
    if len(years_in_file) > 1:
        checker.warn(
            None,
            "year",
            None,
            "the file holds more than one year ("
            + ", ".join(f"{int(y)}: {n} force{'s' if n != 1 else ''}" for y, n in sorted(years_in_file.items()))
            + "); each year in it replaces that whole year, so check the year column",
        )
