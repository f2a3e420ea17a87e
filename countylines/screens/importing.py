"""The Import screen's parts: templates, every problem with its fix, what a replacement
does, the preview, the Import button and the write it calls, and the log with every kept
file (pages/import.py). History and restore are in ``restoring``."""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from countylines import ILLUSTRATIVE_NOTICE, ingest, store
from countylines.draw import exports
from countylines.screens import access, data, prepared, widgets
from countylines.screens.widgets import plain
from countylines.settings import DATA_DIR, load_settings

TEMPLATES = [
    ("Returns template (Excel)", "returns_template.xlsx"),
    ("Returns template (CSV)", "returns_template.csv"),
    ("Flows template (CSV)", "flows_template.csv"),
]
PREVIEW_KEY = "_countylines_import_preview"
OUTCOME_KEY = "_countylines_write_outcome"
WRITE_WAIT = 15  # seconds an import or restore waits for another one to finish
LOG_COLUMNS = ["imported_at", "kind", "file_name", "years", "rows", "illustrative", "imported_by", "sha256"]


def templates() -> None:
    for column, (label, name) in zip(st.columns(len(TEMPLATES)), TEMPLATES, strict=True):
        column.download_button(  # read when clicked, once per process
            label, functools.partial(_template, name), name, icon=":material/download:", on_click="ignore"
        )


@functools.cache
def _template(name: str) -> bytes:
    return (DATA_DIR / "templates" / name).read_bytes()


def problems(preview: ingest.Preview) -> None:
    """Every problem in one go, each with row, column, value and a fix; and as a file."""
    count = len(preview.problems)
    st.error(
        f"Nothing will be imported: {count} problem{'s' if count != 1 else ''} found. "
        "Fix them in your file and upload it again.",
        icon=":material/error:",
    )
    # File names and cell values are the uploader's text: shown as typed, never as Markdown.
    st.markdown("\n".join(f"- {plain(p.sentence())}" for p in preview.problems[:100]))
    if count > 100:
        st.caption(f"…and {count - 100} more: download the full list.")
    table = ingest.problems_table(preview.problems)
    with st.expander("Show as table"):
        st.dataframe(table, hide_index=True, width="stretch")
    about = exports.About(
        "Problems found in the uploaded files",
        "This dashboard's checks of the uploaded files",
        f"{count} problem{'s' if count != 1 else ''}",
        "Not imported: nothing was written",
    )
    st.download_button(
        "Download the list of problems (CSV)",
        widgets.deferred(exports.csv_bytes, table, about),  # formula-like cells are neutralised
        "import_problems.csv",
        icon=":material/download:",
        on_click="ignore",
    )


def warnings(preview: ingest.Preview) -> None:
    """Things to check that do not stop the import, in one box however many there are."""
    count = len(preview.warnings)
    if not count:
        return
    lead = "One thing to check" if count == 1 else f"{count} things to check"
    listed = "\n".join(f"- {plain(w.sentence())}" for w in preview.warnings[:100])
    more = f"\n\n…and {count - 100} more." if count > 100 else ""
    st.warning(f"{lead} (they do not stop the import):\n\n{listed}{more}", icon=":material/warning:")


def replaced_years(preview: ingest.Preview) -> list[int]:
    incoming = (preview.returns.years if preview.returns else []) + (preview.flows.years if preview.flows else [])
    return sorted(set(data.years()) & set(incoming))


def replacement_notice(preview: ingest.Preview) -> None:
    """Before anything is written: which held years are replaced, and by how much less or more."""
    lines = [f"- **{year}**: {what}." for year, what in ingest.replacements(data.connection(), preview)]
    st.warning(
        "Importing replaces years already held, whole:\n\n"
        + "\n".join(lines)
        + "\n\nThe earlier files stay in the import log below and can be downloaded again.",
        icon=":material/swap_horiz:",
    )


def preview_figures(preview: ingest.Preview, replaced: list[int]) -> None:
    if preview.returns:
        per_year = preview.returns.submissions.groupby("year").size()
        st.markdown("**Returns:** " + "; ".join(f"{n} of 43 forces for {y}" for y, n in per_year.items()))
        try:
            trial = ingest.trial_figures(preview)
        except (ingest.ImportRejected, store.StoreError) as error:
            st.error(f"The preview could not be made, so this file cannot be imported: {plain(error)}")
            st.stop()
        columns = ["year", "theme_title", "indicator", "label", "possible", "not_known", "base"]
        st.markdown("**The figures this file gives** (a preview; nothing is written yet):")
        if replaced:
            # A known demo file, or one the analyst marks illustrative, compares with the demo set.
            incoming_illustrative = bool(ingest.illustrative_sources(data.connection(), preview)) or bool(
                st.session_state.get("import_illustrative")
            )
            trial = ingest.compare_with_held(trial, data.year_figures(), incoming_illustrative)
            columns += ["held now", "change"]
            st.caption("For a year already held, each figure is shown beside the one it would replace.")
        wide = st.column_config.TextColumn(width="large")
        st.dataframe(
            trial[columns],
            hide_index=True,
            width="stretch",
            height=260,
            column_config={"label": wide, "held now": wide, "change": wide},
        )
    if preview.flows:
        per_year = preview.flows.flows.groupby("year").size()
        st.markdown(
            "**Flows:** " + "; ".join(f"{n} exporter → importer pairs for {y}" for y, n in per_year.items())
        )


def import_button(preview: ingest.Preview) -> None:
    """The illustrative choice and the Import button. The button's callback is the write path:
    it checks the role again and imports only onto the snapshot this preview was made on."""
    known = ingest.illustrative_sources(data.connection(), preview)
    st.checkbox(
        f"Mark as illustrative ({ILLUSTRATIVE_NOTICE.lower()})",
        value=bool(known),
        disabled=bool(known),
        key="import_illustrative",
        help="Illustrative data carry a notice on every screen, chart, slide and download.",
    )
    if known:
        st.caption(
            f"{plain(', '.join(known))} is illustrative data already known to this dashboard, "
            "so it stays marked as illustrative."
        )
    st.session_state[PREVIEW_KEY] = preview
    st.button(
        "Import",
        type="primary",
        icon=":material/upload:",
        on_click=write_import,
        args=(data.snapshot_id(), bool(known)),
    )


def write_import(expected_snapshot: int, known_illustrative: bool) -> None:
    """What the Import button calls: the role checked again, then one publish, or a sentence."""
    preview = st.session_state.get(PREVIEW_KEY)
    try:
        who = access.require_analyst()
        if preview is None:
            raise store.StoreError("Nothing was imported: upload the files again.")
        settings = load_settings()
        published = ingest.publish_import(
            settings.data_dir,
            preview,
            illustrative=bool(st.session_state.get("import_illustrative")) or known_illustrative,
            imported_by=who.identity,
            expected_snapshot=expected_snapshot,
            wait=WRITE_WAIT,
            keep=settings.keep_snapshots,
        )
    except (access.NotAnalyst, ingest.ImportRejected, store.StoreError) as refusal:
        # A second press of a button already done must not hide what the first one did.
        st.session_state.setdefault(OUTCOME_KEY, ("error", str(refusal)))
        return
    st.session_state.pop(PREVIEW_KEY, None)
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    said = [published.result.summary(), f"Every screen now shows the new data (snapshot {published.snapshot})."]
    st.session_state[OUTCOME_KEY] = ("success", " ".join(said + published.cleared))


def outcome() -> None:
    """The result of the last import or restore, said once."""
    if OUTCOME_KEY not in st.session_state:
        return
    kind, text = st.session_state.pop(OUTCOME_KEY)
    if kind == "success":
        st.success(plain(text), icon=":material/check_circle:")
    else:
        st.error(plain(text), icon=":material/block:")


def log_and_kept_files() -> None:
    """The audit log, and every accepted file offered again exactly as imported."""
    st.subheader("Import log")
    log = data.view("import_log", build=data.import_log)
    if log.empty:
        st.caption("No files imported yet.")
        return
    shown = data.view("import_log_shown", build=lambda: log[LOG_COLUMNS])
    st.dataframe(prepared.table(shown), hide_index=True, width="stretch")
    about = exports.About(
        "Import log", "This dashboard's import audit table", "Every accepted file", "Audit record"
    )
    st.download_button(
        "Download the import log (CSV)",
        widgets.deferred(exports.csv_bytes, shown, about),  # made when clicked
        "import_log.csv",
        icon=":material/download:",
        on_click="ignore",
    )
    kept_files(log)


def kept_files(log) -> None:
    st.subheader("Files as they were imported")
    st.markdown(
        "Every accepted file is kept unchanged, so a year that was replaced can be recovered: "
        "download the earlier file and import it again. **These are the analysts' original files, "
        "offered back byte for byte as they were imported** (checked against their sha256): they "
        "are not cleaned or checked for spreadsheet formulas, so open them only if you trust "
        "where they came from."
    )
    entries = data.view("kept_entries", build=lambda: _kept_entries(log))  # made once per snapshot
    chosen = st.selectbox("Imported file", list(entries), format_func=lambda i: entries[i][1])
    entry = entries[chosen][0]
    folder = store.Layout(load_settings().data_dir).accepted
    if not ingest.kept_file_unchanged(entry.stored_path, entry.sha256, folder):
        st.warning(
            f"The kept copy of {plain(entry.file_name)} is not in the accepted-files folder of the "
            "store, or has changed since it was imported (its sha256 no longer matches)."
        )
    else:
        st.download_button(
            f"Download {plain(entry.file_name)} as imported (the original file)",
            functools.partial(_kept_bytes, entry.stored_path, entry.sha256, folder),  # read when clicked
            entry.file_name,
            icon=":material/download:",
            key="download_kept",
            on_click="ignore",
        )


def _kept_bytes(stored_path: str, sha256: str, folder: Path) -> bytes:
    """The kept file when its button is clicked, checked against its sha256 again: one changed
    since the screen was drawn is refused (Streamlit says the download failed), never sent."""
    content = ingest.kept_file(stored_path, sha256, folder=folder)
    if content is None:
        raise store.StoreError(f"The kept copy {Path(stored_path).name} no longer matches its sha256.")
    return content


def _kept_entries(log) -> dict:
    """Log id -> (its row, how the file is named in the picker)."""
    return {
        int(row.id): (
            row,
            f"{row.file_name} ({row.kind}, {row.years}), "
            f"imported {row.imported_at:%d %b %Y %H:%M} by {row.imported_by}",
        )
        for row in log.itertuples(index=False)
    }
