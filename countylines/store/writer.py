"""One writer at a time: the lock (naming who holds it), and the next snapshot built on a
copy of the current one, checked, then published by an atomic replace of the pointer.

A kill at any moment leaves the published snapshot whole: until the pointer is replaced
nothing readers open has changed, and the next writer clears what a dead one left.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from countylines.store.database import StoreError, connect, query, reference_sha256, run_script
from countylines.store.reads import snapshot_reference
from countylines.store.snapshots import Layout, current_snapshot, fsync_folder, published_ids

# Tests set this to a function of a point's name to pause or die there (kill -9 trials).
FAULT_HOOK: Callable[[str], None] | None = None


def fault_point(name: str) -> None:
    if FAULT_HOOK is not None:
        FAULT_HOOK(name)


class StoreBusy(StoreError):
    """Another writer holds the lock; the message names it."""


class SnapshotChanged(StoreError):
    """Another snapshot was published after the one a change was prepared on."""

    def __init__(self, expected: int | None, current: int | None):
        super().__init__(f"Nothing was changed: snapshot {current} was published after snapshot {expected}.")
        self.expected, self.current = expected, current


class Writer:
    """The one writer: holds the lock from ``with`` to its end, builds one snapshot.

    ``with Writer(root, "a.analyst", "import") as writer:`` then ``writer.begin()`` gives a
    read-write connection to a copy of the current snapshot and ``writer.publish(...)``
    makes it the current one. Leaving without publishing throws the copy away.
    """

    def __init__(
        self,
        root: Path | str,
        who: str,
        what: str,
        *,
        wait: float = 0.0,
        on_wait=None,
        keep: int = 20,
        expected=None,
    ):
        """expected: the snapshot the change was prepared on (a preview); when another is
        current once the lock is held, SnapshotChanged is raised and nothing is done."""
        self.expected = expected
        self.layout = Layout(Path(root))
        self.who, self.what, self.wait, self.on_wait, self.keep = who, what, wait, on_wait, keep
        self.current: int | None = None
        self.parent: int | None = None  # the snapshot current when the lock was taken
        self.waited_for: str | None = None  # the holder's sentence when this writer had to wait
        self._lock_handle = None
        self._building: Path | None = None
        self._conn: duckdb.DuckDBPyConnection | None = None

    # The lock ------------------------------------------------------------------------------

    def __enter__(self) -> Writer:
        root = self.layout.root
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root} is a file, not a data folder.")
        root.mkdir(parents=True, exist_ok=True)
        handle = open(self.layout.lock, "a+", encoding="utf-8")
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder_sentence(self.layout.lock)
                if time.monotonic() >= deadline:
                    handle.close()
                    raise StoreBusy(f"Nothing was changed: {holder}. Try again when it has finished.") from None
                if self.waited_for is None:
                    self.waited_for = holder
                    if self.on_wait is not None:
                        self.on_wait(holder)
                time.sleep(0.05)
        self._lock_handle = handle
        try:
            handle.seek(0)
            handle.truncate()
            since = datetime.now().isoformat()
            handle.write(json.dumps({"who": self.who, "what": self.what, "since": since, "pid": os.getpid()}))
            handle.flush()
            fault_point("locked")
            self._clear_leftovers()
            self.current = self.parent = current_snapshot(root)
            if self.expected is not None and self.current != self.expected:
                raise SnapshotChanged(self.expected, self.current)
        except BaseException:
            self.__exit__(None, None, None)  # never keep the lock for a writer that did not start
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._discard()
        if self._lock_handle is not None:
            with contextlib.suppress(OSError):
                self._lock_handle.seek(0)
                self._lock_handle.truncate()
            self._lock_handle.close()  # closing the file releases the lock; so does dying
            self._lock_handle = None

    def _clear_leftovers(self) -> None:
        """What a writer killed earlier left: half-built copies and a snapshot never published."""
        shutil.rmtree(self.layout.building, ignore_errors=True)
        for leftover in self.layout.root.glob(f"{self.layout.pointer.name}.*"):
            leftover.unlink(missing_ok=True)
        current = current_snapshot(self.layout.root)
        if current is None:
            _clear_unpublished_first(self.layout)
        for snapshot_id in published_ids(self.layout.root):
            if current is not None and snapshot_id > current:
                self.layout.snapshot(snapshot_id).unlink(missing_ok=True)

    # Building and publishing -----------------------------------------------------------------

    def begin(self, from_snapshot: int | None = None, from_file: Path | None = None) -> duckdb.DuckDBPyConnection:
        """A read-write connection to the next snapshot: a copy of from_snapshot (default the
        current one), of from_file (a database being migrated), or a new empty database."""
        self.layout.building.mkdir(parents=True, exist_ok=True)
        self._building = self.layout.building / f"next-{os.getpid()}-{time.monotonic_ns()}.duckdb"
        base = from_snapshot if from_snapshot is not None else self.current
        source = from_file or (self.layout.snapshot(base) if base is not None else None)
        if source is not None:
            shutil.copyfile(source, self._building)
            if from_file is not None and Path(f"{from_file}.wal").is_file():
                shutil.copyfile(f"{from_file}.wal", f"{self._building}.wal")  # replayed on open
        fault_point("copied")
        # The schema brought up to date; the reference tables reloaded from data/ unless the
        # copy was built with the same reference files (its newest history row says).
        stale = source is None or from_file is not None or self._reference_of(base) != reference_sha256()
        self._conn = connect(self._building, reference=stale)
        return self._conn

    def _reference_of(self, snapshot_id: int | None) -> str | None:
        if snapshot_id is None:
            return None
        conn = duckdb.connect(str(self.layout.snapshot(snapshot_id)), read_only=True)
        try:
            return snapshot_reference(conn)
        finally:
            conn.close()

    def publish(self, *, action: str, files: list[dict], summary: str) -> int:
        """Records the history row, checks the new snapshot and makes it the current one."""
        if self._conn is None or self._building is None:
            raise StoreError("Nothing was built to publish.")
        new_id = max([*published_ids(self.layout.root), self.current or 0]) + 1
        row = {
            "id": new_id,
            "parent": self.current,
            "made_at": datetime.now().replace(microsecond=0),
            "made_by": self.who,
            "action": action,
            "files": json.dumps(files),
            "summary": summary,
            "reference_sha256": reference_sha256(),
        }
        cursor = self._conn.cursor()
        try:
            run_script(cursor, "record_snapshot", row)
            cursor.execute("checkpoint")
        finally:
            cursor.close()
        self._conn.close()
        self._conn = None
        fault_point("built")
        _fsync_file(self._building)
        _check_built(self._building, new_id)
        fault_point("checked")
        self.layout.snapshots.mkdir(parents=True, exist_ok=True)
        os.replace(self._building, self.layout.snapshot(new_id))
        fsync_folder(self.layout.snapshots)
        self._building = None
        fault_point("renamed")
        _replace_pointer(self.layout, new_id)
        fault_point("published")
        self.current = new_id
        with contextlib.suppress(OSError):  # published: a file that will not go is tried next time
            self._prune(new_id)
        return new_id

    def _prune(self, current: int) -> None:
        """Keeps the newest `keep` snapshots; never the current one."""
        for snapshot_id in published_ids(self.layout.root)[: -self.keep]:
            if snapshot_id != current:
                self.layout.snapshot(snapshot_id).unlink(missing_ok=True)

    def _discard(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(duckdb.Error):
                self._conn.close()
            self._conn = None
        if self._building is not None:
            self._building.unlink(missing_ok=True)
            Path(f"{self._building}.wal").unlink(missing_ok=True)
            self._building = None


def writer_busy(root: Path | str) -> str | None:
    """The holder's sentence when a writer holds the lock now, else None (takes it for an instant)."""
    lock = Layout(Path(root)).lock
    if not lock.exists():
        return None
    with open(lock, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder_sentence(lock)
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return None


def _holder_sentence(lock: Path) -> str:
    """The sentence naming the holder, from what it wrote into the lock file: "another
    import by a.analyst started 10:32 holds the lock"."""
    try:
        holder = json.loads(lock.read_text(encoding="utf-8") or "{}")
        since = datetime.fromisoformat(holder["since"])
        when = f"{since:%H:%M}" if since.date() == datetime.now().date() else f"{since:%d %b %Y %H:%M}"
        return f"another {holder['what']} by {holder['who']} started {when} holds the lock"
    except (OSError, ValueError, KeyError, TypeError):
        return "another import or restore holds the lock (it has only just started)"


def _clear_unpublished_first(layout: Layout) -> None:
    """With no pointer, snapshots whose history is one row are first snapshots whose writer
    died before publishing them. Any longer history is a store that lost its pointer: say
    so, and delete nothing, rather than start again over it."""
    found = {}
    for snapshot_id in published_ids(layout.root):
        try:
            conn = duckdb.connect(str(layout.snapshot(snapshot_id)), read_only=True)
            try:
                found[snapshot_id] = len(query(conn, "snapshot_history"))
            finally:
                conn.close()
        except duckdb.Error:
            found[snapshot_id] = 0  # unreadable, so never published
    if any(rows > 1 for rows in found.values()):
        raise StoreError(
            f"The store in {layout.root} holds snapshots but its pointer {layout.pointer.name} is missing. "
            f"Nothing was changed. Write the number of the snapshot to use into it (the newest is {max(found)})."
        )
    for snapshot_id in found:
        layout.snapshot(snapshot_id).unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _check_built(path: Path, new_id: int) -> None:
    """Opens the new snapshot read-only, as every reader will, and counts what must be there."""
    if Path(f"{path}.wal").exists():
        raise StoreError("Nothing was changed: the new snapshot was not written out whole.")
    try:
        conn = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise StoreError(f"Nothing was changed: the new snapshot could not be read back ({error}).") from error
    try:
        newest, forces = query(conn, "snapshot_check").iloc[0]
    finally:
        conn.close()
    if newest != new_id or forces != 43:
        raise StoreError(f"Nothing was changed: the new snapshot failed its check ({newest=}, {forces=}).")


def _replace_pointer(layout: Layout, new_id: int) -> None:
    temporary = layout.root / f"{layout.pointer.name}.{os.getpid()}"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(f"{new_id:06d}\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, layout.pointer)
    fsync_folder(layout.root)


def register_frames(conn: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame], script: str) -> None:
    """Runs queries/SCRIPT.sql in one transaction with DataFrames registered under their names."""
    cursor = conn.cursor()
    try:
        for name, frame in frames.items():
            cursor.register(name, frame)
        cursor.execute("begin transaction")
        run_script(cursor, script)
        cursor.execute("commit")
    except Exception:
        with contextlib.suppress(duckdb.Error):
            cursor.execute("rollback")
        raise
    finally:
        cursor.close()
