"""Imports and restores on the store: under the one writer lock, on the snapshot current at
that moment, published whole or not at all, and never over a change the analyst has not seen."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from countylines import store
from countylines.ingest.commit import ImportResult, commit_import
from countylines.ingest.kept import clear_unlogged
from countylines.ingest.sources import ImportRejected, Preview, Problem


class DataChanged(store.StoreError):
    """The data changed after the analyst's preview: nothing was written; the message says what."""

    def __init__(self, message: str, current: int | None):
        super().__init__(message)
        self.current = current


@dataclass
class Published:
    """What a publish did: the result, the new snapshot and what it was built on."""

    snapshot: int
    parent: int | None
    waited_for: str | None  # the holder's sentence when this writer had to wait for the lock
    result: ImportResult | None = None
    cleared: list[str] = field(default_factory=list)  # what the kept-file check removed or found

    def built_on_newer(self, started_on: int | None) -> bool:
        return self.parent != started_on


def changes_since(root: Path | str, since: int | None) -> str:
    """The snapshots published after `since`, in words: "snapshot 43, import by b.analyst
    at 10:32 (Imported returns for 2018.)"."""
    snapshot_id, conn = store.open_current(root)
    try:
        history = store.history(conn)
    finally:
        conn.close()
    newer = history[history["id"] > (since or 0)]
    if newer.empty:
        return f"snapshot {snapshot_id} is now current"
    return "; ".join(
        f"snapshot {row.id}, {row.action} by {row.made_by} at {row.made_at:%H:%M} ({row.summary})"
        for row in newer.sort_values("id").itertuples(index=False)
    )


def _clear_kept(writer: store.Writer) -> list[str]:
    if writer.current is None:
        return []
    conn = store.open_snapshot(writer.layout.root, writer.current)
    try:
        return clear_unlogged(conn, writer.layout.accepted)
    finally:
        conn.close()


def publish_import(
    root: Path | str,
    preview: Preview,
    *,
    illustrative: bool = False,
    imported_by: str = "unknown",
    expected_snapshot: int | None = None,
    wait: float = 0.0,
    on_wait=None,
    keep: int = 20,
) -> Published:
    """Imports the checked files as the next snapshot of the store in root.

    expected_snapshot: the snapshot the analyst's preview was made on (the Import screen);
    when another snapshot has been published since, nothing is written and DataChanged says
    what changed and who did it. Without it (the command line) the import is built on
    whatever is current once the lock is held.
    """
    if not preview.ok:
        raise ImportRejected(preview.problems or [Problem("import", None, None, None, "Nothing to import.")])
    try:
        return _publish(root, preview, illustrative, imported_by, expected_snapshot, wait, on_wait, keep)
    except store.SnapshotChanged as changed:
        raise DataChanged(
            "Nothing was imported: the data changed after your preview was made ("
            + changes_since(root, expected_snapshot)
            + "). The preview below is now made against the new data: read it, then press Import again.",
            changed.current,
        ) from None


def _publish(root, preview, illustrative, imported_by, expected, wait, on_wait, keep) -> Published:
    with store.Writer(
        root, imported_by, "import", wait=wait, on_wait=on_wait, keep=keep, expected=expected
    ) as writer:
        parent = writer.current
        cleared = _clear_kept(writer)
        conn = writer.begin()
        try:
            result = commit_import(
                conn,
                preview,
                illustrative=illustrative,
                imported_by=imported_by,
                accepted_dir=writer.layout.accepted,
            )
            files = [
                {"kind": kind, "name": parsed.source.name, "sha256": parsed.source.sha256}
                for kind, parsed in (("returns", preview.returns), ("flows", preview.flows))
                if parsed is not None
            ]
            snapshot = writer.publish(action="import", files=files, summary=result.summary())
        except BaseException:
            # Not published: a file kept for it that no import in the log knows goes again.
            with contextlib.suppress(Exception):
                _clear_kept(writer)
            raise
        return Published(snapshot, parent, writer.waited_for, result, cleared)


def restore_snapshot(
    root: Path | str, snapshot_id: int, who: str, *, wait: float = 0.0, on_wait=None, keep=20, expected=None
) -> Published:
    """Publishes an earlier snapshot again as the newest; returns what was done. With
    expected (the snapshot the analyst compared against), a change since is refused."""
    cleared: list[str] = []
    try:
        new_id, writer = store.restore(
            root,
            snapshot_id,
            who,
            keep=keep,
            wait=wait,
            on_wait=on_wait,
            expected=expected,
            on_locked=lambda writer: cleared.extend(_clear_kept(writer)),
        )
    except store.SnapshotChanged as changed:
        raise DataChanged(
            "Nothing was restored: the data changed after you chose what to restore ("
            + changes_since(root, expected)
            + "). The figures that would change are shown again against the new data.",
            changed.current,
        ) from None
    return Published(new_id, writer.parent, writer.waited_for, cleared=cleared)
