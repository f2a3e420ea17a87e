"""The store as a folder of published snapshots, read by many processes at once.

::

    data/store/
      CURRENT                  the number of the published snapshot, replaced atomically
      snapshots/000042.duckdb  each a complete database, never changed once published
      accepted/                every accepted file, kept unchanged under its sha256
      building/                the next snapshot while a writer builds it
      writer.lock              one writer at a time (store/writer.py)

Readers open the current snapshot read-only and never take a lock, so any number of
dashboard processes and command-line reads share the folder while one writer works.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from countylines.store.database import StoreError, query

POINTER = "CURRENT"


class SnapshotGone(StoreError):
    """The snapshot asked for is no longer kept (pruned) or never was."""


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def snapshots(self) -> Path:
        return self.root / "snapshots"

    @property
    def accepted(self) -> Path:
        return self.root / "accepted"

    @property
    def building(self) -> Path:
        return self.root / "building"

    @property
    def pointer(self) -> Path:
        return self.root / POINTER

    @property
    def lock(self) -> Path:
        return self.root / "writer.lock"

    def snapshot(self, snapshot_id: int) -> Path:
        return self.snapshots / f"{snapshot_id:06d}.duckdb"


def _check_folder(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise StoreError(
            f"{root} is a file, not a data folder. Give the folder the store lives in "
            "(COUNTYLINES_DATA or --data), and the returns file first."
        )


def current_snapshot(root: Path | str) -> int | None:
    """The published snapshot's number, or None when the store has none yet."""
    root = Path(root)
    _check_folder(root)
    try:
        text = (root / POINTER).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"The store's pointer {root / POINTER} could not be read: {error}") from error
    if not text.isdigit():
        raise StoreError(f"The store's pointer {root / POINTER} does not name a snapshot ({text[:40]!r}).")
    return int(text)


def published_ids(root: Path | str) -> list[int]:
    """Every snapshot file in the folder, oldest first (the current one and those kept)."""
    folder = Layout(Path(root)).snapshots
    if not folder.is_dir():
        return []
    return sorted(int(p.stem) for p in folder.glob("*.duckdb") if p.stem.isdigit())


def open_snapshot(root: Path | str, snapshot_id: int) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one published snapshot: it never takes the write lock."""
    path = Layout(Path(root)).snapshot(snapshot_id)
    if not path.is_file():
        raise SnapshotGone(
            f"Snapshot {snapshot_id} is no longer kept in {path.parent} "
            "(only the newest are kept; `python -m countylines history` lists them)."
        )
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        if not path.is_file():  # pruned between the look and the open
            raise SnapshotGone(f"Snapshot {snapshot_id} is no longer kept in {path.parent}.") from error
        raise StoreError(f"Snapshot {snapshot_id} ({path}) could not be opened: {error}") from error


def open_current(root: Path | str) -> tuple[int, duckdb.DuckDBPyConnection]:
    """The current snapshot's number and a read-only connection to it."""
    for _ in range(3):  # a publish and a prune may both happen between reading and opening
        snapshot_id = current_snapshot(root)
        if snapshot_id is None:
            raise StoreError(f"There is no published data in {root} yet.")
        try:
            return snapshot_id, open_snapshot(root, snapshot_id)
        except SnapshotGone:
            continue
    raise StoreError(f"The store in {root} changed three times while opening it; try again.")


def history(conn: duckdb.DuckDBPyConnection, root: Path | str | None = None) -> pd.DataFrame:
    """The history this snapshot carries, newest first, with the files as a list and, given
    the folder, whether each snapshot is still kept there to restore."""
    frame = query(conn, "snapshot_history")
    frame["files"] = [json.loads(text) for text in frame["files"]]
    if root is not None:
        kept = set(published_ids(root))
        frame["kept"] = frame["id"].isin(kept)
    return frame


def files_text(files: list[dict]) -> str:
    """The files a snapshot brought, in words: "returns.csv (returns, sha256 1a2b3c4d…)"."""
    return "; ".join(f"{f['name']} ({f['kind']}, sha256 {f['sha256'][:8]}…)" for f in files) or "no files"


def fsync_folder(folder: Path) -> None:
    """Makes a rename in folder durable: the new name survives a power cut."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
