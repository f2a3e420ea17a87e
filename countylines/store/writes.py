"""The one write: audit rows and whole years of returns and flows, all or nothing."""

from __future__ import annotations

import duckdb
import pandas as pd

from countylines.store.database import StoreError, run_script


def write_import(
    conn: duckdb.DuckDBPyConnection,
    *,
    audit: list[dict],
    submissions: pd.DataFrame | None,
    answers: pd.DataFrame | None,
    flows: pd.DataFrame | None,
    illustrative: bool,
) -> list[int]:
    """Writes audit rows and replaces whole years of returns and/or flows, all or nothing."""
    cursor = conn.cursor()
    ids: list[int] = []
    try:
        cursor.execute("begin transaction")
        for row in audit:
            params = {**row, "illustrative": illustrative}
            ids.append(run_script(cursor, "record_import", params).fetchone()[0])
        by_kind = dict(zip([row["kind"] for row in audit], ids, strict=True))
        if submissions is not None:
            cursor.register("new_submissions", submissions)
            cursor.register("new_returns", answers)
            run_script(cursor, "replace_returns", {"import_id": by_kind["returns"], "illustrative": illustrative})
        if flows is not None:
            cursor.register("new_flows", flows)
            run_script(cursor, "replace_flows", {"import_id": by_kind["flows"], "illustrative": illustrative})
        cursor.execute("commit")
    except duckdb.Error as error:
        cursor.execute("rollback")
        raise StoreError(f"Nothing was changed: the database refused the import ({error}).") from error
    except BaseException:
        cursor.execute("rollback")
        raise
    finally:
        cursor.close()
    return ids
