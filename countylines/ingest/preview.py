"""Before anything is written: every problem in both files, and what replacing a held year does."""

from __future__ import annotations

import pandas as pd

from countylines import store
from countylines.figures import comparability
from countylines.figures.words import and_list
from countylines.ingest.flows_file import check_flows
from countylines.ingest.returns_file import check_returns
from countylines.ingest.sources import ImportRejected, Preview, Problem, SourceFile


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


def store_warnings(conn, preview: Preview) -> list[Problem]:
    """What the file checks cannot know, since they have no database: said before writing.

    - a question asked in the held year compared with that the file has no column for:
      "the file has no column for 1 question asked in 2017: cannabis" (the year is then shown
      as not asking it, never as answering no);
    - a returns year with no flows file given and none held: its maps will say so.
    """
    warnings: list[Problem] = []
    if preview.returns is None:
        return warnings
    try:
        held = store.year_questions(conn)
    except store.StoreError:
        held = None  # an old database opened read-only: nothing to compare with
    name = preview.returns.source.name
    asked = preview.returns.answers.groupby("year")["indicator"].unique()
    flows_brought = set(preview.flows.years) if preview.flows else set()
    flows_held = set(store.year_sources(conn).query("kind == 'flows'")["year"].astype(int))
    for year in preview.returns.years:
        missing = comparability.missing_columns(asked.get(year, []), held, year)
        if missing:
            reference, labels = missing
            count = len(labels)
            warnings.append(
                Problem(
                    name,
                    None,
                    None,
                    None,
                    f"the file has no column for {count} question{'s' if count != 1 else ''} asked in "
                    f"{reference}: {and_list(labels)}; {year} will show {'it' if count == 1 else 'them'} "
                    "as not asked, never as no",
                )
            )
        if year not in flows_brought | flows_held:
            warnings.append(
                Problem(
                    name,
                    None,
                    None,
                    None,
                    f"no flows file is given for {year} and none is held, so the maps of lines between "
                    f"forces will say that no flows file has been imported for {year} until one is",
                )
            )
    return warnings


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
