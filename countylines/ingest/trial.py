"""The figures the checked files would give, from a throwaway database, beside the figures held
now: what an analyst reads before pressing Import."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from countylines import store
from countylines.figures import nca, provenance
from countylines.ingest.commit import commit_import
from countylines.ingest.sources import Preview


def trial_figures(preview: Preview) -> pd.DataFrame:
    """The figures the checked returns would give, from a throwaway database: a preview."""
    if preview.returns is None or preview.problems:
        return pd.DataFrame()
    with tempfile.TemporaryDirectory() as folder:
        conn = store.connect(Path(folder) / "trial.duckdb")
        try:
            commit_import(conn, Preview(returns=preview.returns), accepted_dir=Path(folder) / "accepted")
            raw = store.indicator_figures(conn)
        finally:
            conn.close()
    return nca.add_labels(raw) if not raw.empty else raw


def compare_with_held(
    trial: pd.DataFrame, held: pd.DataFrame, incoming_illustrative: bool = False
) -> pd.DataFrame:
    """The preview's figures beside the figures held now for the same year and question.

    trial: trial_figures() output; held: add_labels() output for every year held (its
    ``illustrative`` column, when present, is the held returns' status). Adds "held now"
    (the label held, or "not held") and "change" in words, so an analyst sees what
    replacing a year would do before pressing Import. A change from the demonstration set
    to real returns is not worked out (``figures.provenance``'s rule): it would not be real.
    """
    if trial.empty:
        return trial.assign(**{"held now": pd.Series(dtype=str), "change": pd.Series(dtype=str)})
    held = held if "illustrative" in held else held.assign(illustrative=False)
    before = (
        held[["year", "indicator", "label", "percent", "count", "illustrative"]].rename(
            columns={
                "label": "held now",
                "percent": "percent_before",
                "count": "count_before",
                "illustrative": "was",
            }
        )
        if not held.empty
        else pd.DataFrame(columns=["year", "indicator", "held now", "percent_before", "count_before", "was"])
    )
    incoming = provenance.ILLUSTRATIVE if incoming_illustrative else provenance.REAL
    merged = trial.merge(before, on=["year", "indicator"], how="left")
    held_years = set(before["year"].tolist())

    def change(row) -> str:
        if pd.isna(row["percent_before"]):
            return "new year" if row["year"] not in held_years else "question not held for this year"
        was = provenance.ILLUSTRATIVE if bool(row["was"]) else provenance.REAL
        if not provenance.compare({0: was, 1: incoming}, 0, 1).allowed:
            return "replaces a figure of the demonstration set: no change worked out, as it would not be real"
        return nca.change_text(
            int(row["percent"]), int(row["percent_before"]), int(row["count"]), int(row["count_before"])
        )

    merged["change"] = merged.apply(change, axis=1)
    merged["held now"] = merged["held now"].fillna("not held")
    return merged.drop(columns=["percent_before", "count_before", "was"])


def snapshot_figures(root: Path | str, snapshot_id: int) -> pd.DataFrame:
    """Every year's labelled figures as one published snapshot holds them."""
    conn = store.open_snapshot(root, snapshot_id)
    try:
        raw = store.indicator_figures(conn)
    finally:
        conn.close()
    return nca.add_labels(raw) if not raw.empty else raw


def compare_snapshots(now: pd.DataFrame, then: pd.DataFrame) -> pd.DataFrame:
    """The figures a restore would change, and only those: each held now beside the one the
    restored snapshot holds ("after restore"), with the change in words; a year or question
    held on one side only is named as added or removed."""
    columns = ["year", "theme_title", "indicator", "now", "after restore", "change"]
    keys = ["year", "indicator"]
    kept = ["year", "theme_title", "indicator", "label", "percent", "count"]
    empty = pd.DataFrame(columns=kept)
    merged = (now[kept] if not now.empty else empty).merge(
        then[kept] if not then.empty else empty, on=keys, how="outer", suffixes=("_now", "_then")
    )
    if merged.empty:
        return pd.DataFrame(columns=columns)
    years_now, years_then = set(now.get("year", [])), set(then.get("year", []))

    def change(row) -> str:
        if pd.isna(row["label_then"]):
            return "year removed" if row["year"] not in years_then else "question removed"
        if pd.isna(row["label_now"]):
            return "year added back" if row["year"] not in years_now else "question added back"
        if pd.isna(row["percent_now"]) or pd.isna(row["percent_then"]):
            return "changed"
        return nca.change_text(
            int(row["percent_then"]), int(row["percent_now"]), int(row["count_then"]), int(row["count_now"])
        )

    merged = merged[merged["label_now"].fillna("") != merged["label_then"].fillna("")].copy()
    merged["theme_title"] = merged["theme_title_now"].fillna(merged["theme_title_then"])
    merged["change"] = merged.apply(change, axis=1) if not merged.empty else pd.Series(dtype=str)
    merged = merged.rename(columns={"label_now": "now", "label_then": "after restore"})
    merged[["now", "after restore"]] = merged[["now", "after restore"]].fillna("not held")
    # Figures held on both sides that change come first; then years and questions added or removed.
    merged["_both"] = (merged["now"] != "not held") & (merged["after restore"] != "not held")
    ordered = merged.sort_values(["_both", "year", "indicator"], ascending=[False, False, True])
    return ordered[columns].reset_index(drop=True)
