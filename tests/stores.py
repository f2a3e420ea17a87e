"""Small stores for the store tests: a first snapshot from the hand-written fixtures, files
that add one year each, and what a snapshot holds, as plain rows to compare."""

from __future__ import annotations

import time
from pathlib import Path

from countylines import ingest, store

FIXTURES = Path(__file__).parent / "fixtures"


def small_store(folder: Path) -> Path:
    """A store whose first snapshot holds tests/fixtures (4 forces in 2017, 2 in 2016)."""
    with store.Writer(folder, "tests", "first start") as writer:
        conn = writer.begin()
        ingest.import_files(
            conn,
            FIXTURES / "returns_small.csv",
            FIXTURES / "flows_small.csv",
            imported_by="tests",
            accepted_dir=writer.layout.accepted,
        )
        writer.publish(action="initial", files=[], summary="the test fixtures")
    return folder


def year_file(year: int, yes: int = 1, name: str | None = None) -> ingest.Preview:
    """A checked returns file for one year: Norfolk, Kent and Essex, the first `yes` of them
    answering yes to cuckooing (so cuckooing is yes/3 of 3 forces)."""
    forces = ["Norfolk", "Kent", "Essex"]
    lines = ["year,force,cuckooing,knives"] + [
        f"{year},{force},{'yes' if i < yes else 'no'},no" for i, force in enumerate(forces)
    ]
    source = ingest.SourceFile(name or f"returns_{year}_{yes}.csv", ("\n".join(lines) + "\n").encode())
    preview = ingest.prepare_import(source)
    assert preview.ok, preview.problems
    return preview


def held(folder: Path, snapshot: int | None = None) -> dict:
    """What a snapshot holds, as rows: years, returns answers, flows, year sources, import log."""
    snapshot = store.current_snapshot(folder) if snapshot is None else snapshot
    conn = store.open_snapshot(folder, snapshot)
    try:
        cursor = conn.cursor()
        rows = {
            table: cursor.execute(f"select * from {table} order by all").fetchall()
            for table in ("submissions", "returns", "flows", "year_sources")
        }
        rows["years"] = store.years(conn)
        rows["log"] = [(r.kind, r.file_name, r.sha256) for r in store.import_log(conn).itertuples()]
        cursor.close()
        return rows
    finally:
        conn.close()


# Workers run in child processes (multiprocessing, forkserver) by the race and kill tests.


def import_worker(folder: str, year: int, yes: int, name: str, expected, wait: float, results) -> None:
    """One import from another process; reports ok, refused (with its sentence) or error."""
    try:
        done = ingest.publish_import(
            Path(folder), year_file(year, yes, name), imported_by=name, expected_snapshot=expected, wait=wait
        )
        results.put(("ok", name, done.snapshot, done.parent))
    except (store.StoreBusy, ingest.DataChanged) as refusal:
        results.put(("refused", name, str(refusal), None))
    except BaseException as error:  # the test fails on any of these
        results.put(("error", name, repr(error), None))


def killable_import(folder: str, point: str | None, paused) -> None:
    """An import that stops at a named point (store.writer.FAULT_HOOK) to be killed there."""
    from countylines.store import writer

    def hook(name: str) -> None:
        if name == point:
            paused.set()
            time.sleep(120)  # killed long before this ends

    writer.FAULT_HOOK = hook
    paused_at_start = point is None
    if paused_at_start:
        paused.set()
    ingest.publish_import(Path(folder), year_file(2018, 2, "killed_2018.csv"), imported_by="killed")
