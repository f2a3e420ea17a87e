"""Opening the database: connection, schema, reference tables and named queries on cursors."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from countylines import catalogue
from countylines.settings import DATA_DIR, QUERIES_DIR


class StoreError(Exception):
    """A problem with the database, worded for the person using the dashboard."""


_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


_build_lock = threading.Lock()
# The files refresh_reference() loads into every database.
REFERENCE_FILES = ("forces.csv", "themes.csv", "indicators.csv", "published.csv")


@cache
def sql(name: str) -> str:
    """The text of queries/NAME.sql."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _statements(text: str) -> list[str]:
    # The shipped SQL has no '--' or ';' inside string literals, so this split is safe.
    without_comments = re.sub(r"--[^\n]*", "", text)
    return [s.strip() for s in without_comments.split(";") if s.strip()]


def run_script(cursor: duckdb.DuckDBPyConnection, name: str, params: dict | None = None):
    result = None
    for statement in _statements(sql(name)):
        used = {k: v for k, v in (params or {}).items() if k in _PARAM.findall(statement)}
        result = cursor.execute(statement, used) if used else cursor.execute(statement)
    return result


def query(conn: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Runs queries/NAME.sql with bound parameters on its own cursor."""
    cursor = conn.cursor()
    try:
        return cursor.execute(sql(name), params).df()
    finally:
        cursor.close()


def connect(
    path: Path | str,
    read_only: bool = False,
    on_create: Callable[[duckdb.DuckDBPyConnection, Path], None] | None = None,
    reference: bool = True,
) -> duckdb.DuckDBPyConnection:
    """Opens the database, creating it with the schema when new.

    on_create fills a new database before anyone reads it (the embedded default is loaded
    this way by ``countylines.ingest``, which owns importing); if it fails, the half-built
    file is removed. reference=False leaves the reference tables as they are (a copy of a
    snapshot built with the same reference files).
    """
    db_path = Path(path)
    with _build_lock:
        is_new = not db_path.exists()
        if is_new and read_only:
            raise StoreError(f"There is no database at {db_path}.")
        if not is_new and db_path.is_file() and db_path.stat().st_size >= 12:
            with db_path.open("rb") as head:
                if head.read(12)[8:12] != b"DUCK":  # DuckDB's file magic, after an 8-byte checksum
                    raise StoreError(f"{db_path} is not a DuckDB database (is it a returns file?).")
        db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = duckdb.connect(str(db_path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" in str(error).lower():
                raise StoreError(
                    f"The database {db_path} is in use by another program that opened it for writing."
                ) from error
            raise StoreError(f"The database {db_path} could not be opened: {error}") from error
        except duckdb.Error as error:
            raise StoreError(f"{db_path} is not a database this tool can read: {error}") from error
        if read_only:
            return conn
        try:
            run_script(conn, "create_schema")
            if reference or is_new:
                refresh_reference(conn)
            if is_new and on_create is not None:
                on_create(conn, db_path)
        except Exception:
            conn.close()
            if is_new:  # never leave a half-built database behind
                db_path.unlink(missing_ok=True)
                Path(f"{db_path}.wal").unlink(missing_ok=True)
            raise
    return conn


def refresh_reference(conn: duckdb.DuckDBPyConnection) -> None:
    """Reloads forces, themes, questions and published figures from data/ in one transaction."""
    cursor = conn.cursor()
    published = pd.read_csv(DATA_DIR / "published.csv", dtype=str, keep_default_na=False)
    for column in ("year", "percent", "count", "base"):
        published[column] = pd.to_numeric(published[column].replace("", None)).astype("Int64")
    cursor.register("new_forces", catalogue.forces())
    cursor.register("new_themes", catalogue.themes())
    cursor.register("new_indicators", catalogue.indicators())
    cursor.register("new_published", published)
    try:
        cursor.execute("begin transaction")
        run_script(cursor, "refresh_reference")
        cursor.execute("commit")
    except Exception:
        cursor.execute("rollback")
        raise
    finally:
        cursor.close()


def accepted_dir(db_path: Path | str) -> Path:
    """Where every accepted file is kept unchanged: a git-ignored folder beside the database."""
    return Path(db_path).parent / "accepted"


def database_path(conn: duckdb.DuckDBPyConnection) -> Path:
    """The file a connection has open (on its own cursor: a connection is shared by threads)."""
    cursor = conn.cursor()
    try:
        name = cursor.execute(
            "select path from duckdb_databases() where database_name = current_database()"
        ).fetchone()
    finally:
        cursor.close()
    return Path(name[0])


def reference_sha256() -> str:
    """One sha256 over the reference files in data/, to tell when a snapshot's copy is stale."""
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()
