"""Named reads used by screens and the command line: one function per queries/*.sql file."""

from __future__ import annotations

import duckdb
import pandas as pd

from countylines.store.database import StoreError, query


def has_any_returns(conn: duckdb.DuckDBPyConnection) -> bool:
    return not query(conn, "years").empty


def years(conn) -> list[int]:
    return [int(y) for y in query(conn, "years")["year"]]


def indicator_figures(conn, year: int | None = None) -> pd.DataFrame:
    return query(conn, "indicator_figures", year=year)


def force_returns(conn, year: int) -> pd.DataFrame:
    return query(conn, "force_returns", year=year)


def force_answers(conn, year: int, indicator: str) -> pd.DataFrame:
    return query(conn, "force_answers", year=year, indicator=indicator)


def year_answers(conn, year: int) -> pd.DataFrame:
    return query(conn, "year_answers", year=year)


def force_profile(conn, force_code: str) -> pd.DataFrame:
    return query(conn, "force_profile", force_code=force_code)


def flows(conn, year: int) -> pd.DataFrame:
    frame = query(conn, "flows", year=year)
    frame["lines"] = frame["lines"].astype("Int64")
    return frame


def exporter_reach(conn, year: int) -> pd.DataFrame:
    return query(conn, "exporter_reach", year=year)


def importer_reach(conn, year: int) -> pd.DataFrame:
    return query(conn, "importer_reach", year=year)


def published_figures(conn, year: int) -> pd.DataFrame:
    return query(conn, "published_figures", year=year)


def year_sources(conn) -> pd.DataFrame:
    return query(conn, "year_sources")


def import_log(conn) -> pd.DataFrame:
    return query(conn, "import_log")


def snapshot_reference(conn) -> str | None:
    """The reference files' sha256 the snapshot was built with (None before the first row)."""
    frame = query(conn, "snapshot_history")
    return None if frame.empty else str(frame["reference_sha256"].iloc[0])


def year_questions(conn) -> pd.DataFrame:
    """The questions each year's returns file asked (year, indicator, label)."""
    try:
        return query(conn, "year_questions")
    except duckdb.CatalogException as error:
        # A database opened read-only before this table existed (``connect`` adds it otherwise).
        raise StoreError(
            "This database was made by an older version and does not record which questions "
            "each year asked; open it once with the dashboard or any command that is not --check-only."
        ) from error


def line_totals(conn, year: int) -> pd.DataFrame:
    """One row: returns, forces_counting, lines_counted, active_uncounted (NCA 2017 para 3.2's method)."""
    return query(conn, "line_totals", year=year)
