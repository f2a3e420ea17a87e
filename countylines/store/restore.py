"""Restore: an earlier snapshot's returns and flows published again as the newest snapshot,
with the newest history and import log carried forward (nothing is forgotten or deleted)."""

from __future__ import annotations

from pathlib import Path

from countylines.store.database import StoreError, query
from countylines.store.snapshots import Layout, SnapshotGone, open_snapshot
from countylines.store.writer import Writer, register_frames


def restore(
    root: Path | str,
    snapshot_id: int,
    who: str,
    *,
    keep: int = 20,
    wait: float = 0.0,
    on_wait=None,
    expected=None,
    on_locked=None,
):
    """Publishes a copy of snapshot_id as the newest snapshot; returns (new id, the Writer).
    on_locked(writer) runs first, holding the lock (the kept-file check of every writer)."""
    with Writer(root, who, "restore", wait=wait, keep=keep, on_wait=on_wait, expected=expected) as writer:
        if on_locked is not None:
            on_locked(writer)
        if writer.current is None:
            raise StoreError(f"There is no published data in {root} to restore from.")
        if snapshot_id == writer.current:
            raise StoreError(f"Snapshot {snapshot_id} is already the current one: nothing to restore.")
        if not Layout(Path(root)).snapshot(snapshot_id).is_file():
            raise SnapshotGone(
                f"Snapshot {snapshot_id} is no longer kept (only the newest {keep} are), so it cannot be "
                "restored. `python -m countylines history` marks the ones kept."
            )
        held = open_snapshot(root, writer.current)
        try:
            frames = {
                "held_snapshots": query(held, "snapshot_history"),
                "held_imports": query(held, "import_log"),
            }
        finally:
            held.close()
        known = frames["held_snapshots"].set_index("id")
        if snapshot_id not in known.index:
            raise StoreError(f"Snapshot {snapshot_id} is not in this store's history.")
        chosen = known.loc[snapshot_id]
        conn = writer.begin(from_snapshot=snapshot_id)
        register_frames(conn, frames, "carry_forward")
        summary = (
            f"Restored snapshot {snapshot_id} ({chosen['action']} by {chosen['made_by']}, "
            f"{chosen['made_at']:%d %b %Y %H:%M}: {chosen['summary']})"
        )
        new_id = writer.publish(action="restore", files=[], summary=summary)
        return new_id, writer
