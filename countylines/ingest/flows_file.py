"""Checking a flows file: one row per exporter -> importer pair and year."""

from __future__ import annotations

import pandas as pd

from countylines.ingest.cells import Checker, cell, misplaced_header
from countylines.ingest.reading import read_rows
from countylines.ingest.sources import ParsedFlows, Problem, SourceFile

FLOWS_COLUMNS = ("year", "exporter", "importer", "lines")


def check_flows(source: SourceFile) -> tuple[ParsedFlows | None, list[Problem], list[Problem]]:
    """Reads and checks a flows file: year, exporter, importer and optional lines."""
    checker = Checker(source)
    rows = read_rows(source, checker.read_warnings)
    if misplaced_header(checker, rows, ("year", "exporter", "importer")):
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
        year = checker.year(row, cell(cells, position.get("year")))
        exporter_text = cell(cells, position.get("exporter"))
        importer_text = cell(cells, position.get("importer"))
        exporter = checker.force(row, "exporter", exporter_text)
        importer = checker.force(row, "importer", importer_text)
        lines = checker.count(row, "lines", cell(cells, position.get("lines")))
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
