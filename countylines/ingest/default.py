"""The first snapshot of a new store: the previous single-file database migrated whole when
there is one, else the embedded illustrative set imported as any file is (kept and logged).
Also a plain database file filled from the embedded default (tests and the benchmark)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from countylines import store
from countylines.ingest.commit import import_files
from countylines.ingest.kept import keep_accepted, kept_file
from countylines.ingest.sources import SourceFile
from countylines.settings import DATA_DIR

ILLUSTRATIVE_FOLDER = DATA_DIR / "illustrative"
FIRST_START_WAIT = 120  # seconds: a second process starting at once waits for the first


def open_database(path: Path | str):
    """Opens a single database file, building it from the embedded default when it is new."""
    return store.connect(path, on_create=load_embedded_default)


def load_embedded_default(conn, db_path: Path, accepted: Path | None = None) -> None:
    import_files(
        conn,
        returns_file=ILLUSTRATIVE_FOLDER / "returns.csv",
        flows_file=ILLUSTRATIVE_FOLDER / "flows.csv",
        illustrative=True,
        imported_by="embedded default",
        accepted_dir=accepted or store.accepted_dir(db_path),
    )


def ensure_store(
    root: Path | str, legacy_db: Path | None = None, *, who: str = "first start", keep: int = 20
) -> int:
    """The current snapshot's number, making the first one when the store has none, and a new
    one when the reference files in data/ have changed since the current one was built."""
    root = Path(root)
    current = store.current_snapshot(root)
    if current is None:
        with store.Writer(root, who, "first start", wait=FIRST_START_WAIT, keep=keep) as writer:
            if writer.current is None:  # not made by another process while this one waited
                if legacy_db is not None and legacy_db.is_file():
                    _migrate(writer, legacy_db)
                else:
                    _embedded(writer)
            return writer.current
    if _reference_is_stale(root, current):
        # Another writer busy now brings the reference tables up to date anyway.
        with (
            contextlib.suppress(store.StoreBusy),
            store.Writer(root, who, "reference update", keep=keep) as writer,
        ):
            if writer.current is not None and _reference_is_stale(root, writer.current):
                writer.begin()  # connect() reloads the reference tables from data/
                writer.publish(
                    action="reference",
                    files=[],
                    summary="Reloaded the reference files in data/ (forces, questions, published figures).",
                )
            return writer.current
    return current


def _reference_is_stale(root: Path, snapshot_id: int) -> bool:
    conn = store.open_snapshot(root, snapshot_id)
    try:
        return store.snapshot_reference(conn) != store.reference_sha256()
    finally:
        conn.close()


def _embedded(writer: store.Writer) -> None:
    conn = writer.begin()
    load_embedded_default(conn, writer.layout.root, accepted=writer.layout.accepted)
    files = [
        {
            "kind": kind,
            "name": f"{kind}.csv",
            "sha256": SourceFile.from_path(ILLUSTRATIVE_FOLDER / f"{kind}.csv").sha256,
        }
        for kind in ("returns", "flows")
    ]
    writer.publish(
        action="initial",
        files=files,
        summary="The embedded illustrative set (not real force returns): returns and flows for 2016 and 2017.",
    )


def _migrate(writer: store.Writer, legacy_db: Path) -> None:
    """The previous layout's database, copied whole as the first snapshot, with its kept files."""
    # A read-only connection held while copying: DuckDB refuses it while another program
    # has the file open for writing (an old dashboard), and blocks a writer meanwhile.
    holder = store.connect(legacy_db, read_only=True)
    try:
        conn = writer.begin(from_file=legacy_db)
    finally:
        holder.close()
    log = store.import_log(conn)
    copied, lost = 0, []
    for row in log.drop_duplicates("stored_path").itertuples(index=False):
        content = kept_file(row.stored_path, row.sha256, db_path=legacy_db)
        if content is None:
            lost.append(row.file_name)
            continue
        kept = keep_accepted(SourceFile(row.file_name, content), writer.layout.accepted)
        if kept.name != Path(row.stored_path).name:
            lost.append(row.file_name)
        copied += 1
    years = ", ".join(map(str, store.years(conn))) or "none"
    summary = f"Migrated from {legacy_db} (years held: {years}; {copied} kept file(s) copied"
    summary += f"; not found unchanged: {', '.join(lost)})." if lost else ")."
    writer.publish(action="migrated", files=[], summary=summary)
