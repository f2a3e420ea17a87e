"""The Import screen's history of the data and restore: every snapshot with who, when, which
files and what changed; for an analyst, the figures a restore would change, then Restore."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countylines import ingest, store
from countylines.screens import access, data, prepared
from countylines.screens.importing import OUTCOME_KEY, WRITE_WAIT
from countylines.settings import load_settings

ACTIONS = {
    "initial": "first start",
    "migrated": "migrated",
    "import": "import",
    "restore": "restore",
    "reference": "reference files",
}


def history_table(history) -> pd.DataFrame:
    """The history in words: each snapshot, when, by whom, what changed, and whether it is kept."""
    current = data.snapshot_id()
    return pd.DataFrame(
        {
            "snapshot": [f"{i} (current)" if i == current else str(i) for i in history["id"]],
            "when": [f"{t:%d %b %Y %H:%M}" for t in history["made_at"]],
            "by": history["made_by"],
            "what": history["action"].map(ACTIONS).fillna(history["action"]),
            "what changed": history["summary"],
            "files": [store.files_text(f) for f in history["files"]],
            "can be restored": [
                "current" if i == current else ("yes" if kept else "no longer kept")
                for kept, i in zip(history["kept"], history["id"], strict=True)
            ],
        }
    )


def history_and_restore() -> None:
    """The history of the data, and restore for an analyst (the caller has checked the role)."""
    st.subheader("History of the data")
    history = data.view("history", build=data.history)  # a new import or restore: a new view
    st.caption(
        f"Every import and restore publishes a new snapshot of the data; the newest "
        f"{load_settings().keep_snapshots} are kept and can be restored. Restoring publishes a copy "
        "of an earlier snapshot as the newest: nothing is deleted, and the restore is itself recorded."
    )
    wide = st.column_config.TextColumn(width="large")
    st.dataframe(
        prepared.table(data.view("history_table", build=lambda: history_table(history))),
        hide_index=True,
        width="stretch",
        column_config={"what changed": wide, "files": wide},
    )
    current = data.snapshot_id()
    choices = [int(i) for i, kept in zip(history["id"], history["kept"], strict=True) if kept and i != current]
    if not choices:
        st.caption("There is no earlier snapshot kept to restore.")
        return
    rows = history.set_index("id")
    chosen = st.selectbox(
        "Snapshot to restore",
        choices,
        format_func=lambda i: f"{i}: {rows.loc[i, 'made_at']:%d %b %Y %H:%M}, {rows.loc[i, 'summary']}",
    )
    changes = data.view(  # built once per snapshot pair, as shown (not renamed on every rerun)
        "restore_changes",
        chosen,
        build=lambda: ingest.compare_snapshots(data.year_figures(), data.year_figures_in(chosen)).rename(
            columns={"theme_title": "theme", "indicator": "question"}
        ),
    )
    if changes.empty:
        st.info(f"Restoring snapshot {chosen} would change no figure (it may differ in flows or notes only).")
    else:
        count = len(changes)
        st.warning(
            f"Restoring snapshot {chosen} would change {count} figure{'s' if count != 1 else ''}, "
            "each shown beside the figure held now:",
            icon=":material/history:",
        )
        st.dataframe(
            prepared.table(changes),
            hide_index=True,
            width="stretch",
            height=240,
            column_config={name: st.column_config.TextColumn(width="medium") for name in ("now", "after restore")},
        )
    st.button(
        f"Restore snapshot {chosen}",
        icon=":material/restore:",
        on_click=write_restore,
        args=(chosen, current),
    )


def write_restore(snapshot: int, expected_snapshot: int) -> None:
    """What the Restore button calls: the role checked again, then one publish, or a sentence."""
    try:
        who = access.require_analyst()
        settings = load_settings()
        published = ingest.restore_snapshot(
            settings.data_dir,
            snapshot,
            who.identity,
            wait=WRITE_WAIT,
            keep=settings.keep_snapshots,
            expected=expected_snapshot,
        )
    except (access.NotAnalyst, store.StoreError) as refusal:
        st.session_state[OUTCOME_KEY] = ("error", str(refusal))
        return
    st.session_state[OUTCOME_KEY] = (
        "success",
        f"Restored snapshot {snapshot} as snapshot {published.snapshot}. Every screen now shows it.",
    )
