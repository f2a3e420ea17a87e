"""The embedded default: a database opened for reading is filled, when new, from the shipped
illustrative returns and flows, imported as any file is (so they are kept and logged)."""

from __future__ import annotations

from pathlib import Path

from countylines import store
from countylines.ingest.commit import import_files
from countylines.settings import DATA_DIR, load_settings

ILLUSTRATIVE_FOLDER = DATA_DIR / "illustrative"


def open_database(path: Path | str | None = None):
    """Opens the database, building it from the embedded default when there is none yet."""
    return store.connect(path or load_settings().db_path, on_create=load_embedded_default)


def load_embedded_default(conn, db_path: Path) -> None:
    import_files(
        conn,
        returns_file=ILLUSTRATIVE_FOLDER / "returns.csv",
        flows_file=ILLUSTRATIVE_FOLDER / "flows.csv",
        illustrative=True,
        imported_by="embedded default",
        accepted_dir=store.accepted_dir(db_path),
    )
