"""Before anything is written: every problem in both files, and what replacing a held year does."""

from __future__ import annotations

import pandas as pd

from countylines import store
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
