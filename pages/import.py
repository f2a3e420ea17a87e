"""Import returns: check a file, see every problem with a fix, preview, then import."""

import pandas as pd
import streamlit as st

from countylines import ILLUSTRATIVE_NOTICE, exports, ingest, store, ui
from countylines.settings import DATA_DIR, load_settings

ui.through_dashboard()

st.title("Import a year of returns")
st.markdown(
    "Upload a returns file (one row per force per year) and, if you have one, a flows file "
    "(exporter → importer). Nothing is written until you press **Import**; a file with any "
    "problem writes nothing. Importing a year already held replaces that year whole, and "
    "the earlier file is kept."
)
templates = DATA_DIR / "templates"
left, middle, right = st.columns(3)
left.download_button(
    "Returns template (Excel)",
    (templates / "returns_template.xlsx").read_bytes(),
    "returns_template.xlsx",
    icon=":material/download:",
)
middle.download_button(
    "Returns template (CSV)",
    (templates / "returns_template.csv").read_bytes(),
    "returns_template.csv",
    icon=":material/download:",
)
right.download_button(
    "Flows template (CSV)",
    (templates / "flows_template.csv").read_bytes(),
    "flows_template.csv",
    icon=":material/download:",
)

# A new key after each import empties the upload boxes, so the preview of a file already
# imported is not shown again as if it were waiting.
round_ = st.session_state.setdefault("upload_round", 0)
returns_upload = st.file_uploader(
    "Returns file (CSV or .xlsx)", type=["csv", "xlsx"], key=f"returns_file_{round_}"
)
flows_upload = st.file_uploader(
    "Flows file (CSV or .xlsx), optional", type=["csv", "xlsx"], key=f"flows_file_{round_}"
)
if "import_done" in st.session_state:
    st.success(st.session_state.pop("import_done"), icon=":material/check_circle:")

if returns_upload or flows_upload:
    sources = [ingest.SourceFile(u.name, u.getvalue()) if u else None for u in (returns_upload, flows_upload)]
    preview = ingest.prepare_import(*sources)
    if preview.problems:
        count = len(preview.problems)
        st.error(
            f"Nothing will be imported: {count} problem{'s' if count != 1 else ''} found. "
            "Fix them in your file and upload it again.",
            icon=":material/error:",
        )
        st.markdown("\n".join(f"- {p.sentence()}" for p in preview.problems[:100]))
        if count > 100:
            st.caption(f"…and {count - 100} more: download the full list.")
        problems = ingest.problems_table(preview.problems)
        with st.expander("Show as table"):
            st.dataframe(problems, hide_index=True, width="stretch")
        st.download_button(
            "Download the list of problems (CSV)",
            problems.to_csv(index=False).encode("utf-8-sig"),
            "import_problems.csv",
            icon=":material/download:",
        )
    else:
        for warning in preview.warnings:
            st.warning(warning.sentence(), icon=":material/warning:")
        held = set(ui.years())
        incoming = sorted(
            set(
                (preview.returns.years if preview.returns else []) + (preview.flows.years if preview.flows else [])
            )
        )
        replaced = sorted(held & set(incoming))
        st.success("The files passed every check.", icon=":material/check_circle:")
        if replaced:
            incoming_returns = (
                preview.returns.submissions.groupby("year").size() if preview.returns else pd.Series(dtype=int)
            )
            lines = []
            for year in replaced:
                held_count = int(ui.force_returns(year)["returned"].sum())
                if year in incoming_returns.index:
                    lines.append(
                        f"- **{year}**: the {held_count} force returns held now are replaced by this file's "
                        f"{int(incoming_returns[year])}."
                    )
                if preview.flows and year in preview.flows.years:
                    lines.append(f"- **{year}**: the flows held now are replaced by this file's flows.")
            st.warning(
                "Importing replaces years already held, whole:\n\n"
                + "\n".join(lines)
                + "\n\nThe earlier files stay in the import log below and can be downloaded again.",
                icon=":material/swap_horiz:",
            )
        if preview.returns:
            per_year = preview.returns.submissions.groupby("year").size()
            st.markdown("**Returns:** " + "; ".join(f"{n} of 43 forces for {y}" for y, n in per_year.items()))
            trial = ingest.trial_figures(preview)
            columns = ["year", "theme_title", "indicator", "label", "possible", "not_known", "base"]
            st.markdown("**The figures this file gives** (a preview; nothing is written yet):")
            if replaced:
                trial = ingest.compare_with_held(trial, ui.year_figures())
                columns += ["held now", "change"]
                st.caption("For a year already held, each figure is shown beside the one it would replace.")
            st.dataframe(trial[columns], hide_index=True, width="stretch", height=260)
        if preview.flows:
            per_year = preview.flows.flows.groupby("year").size()
            st.markdown(
                "**Flows:** " + "; ".join(f"{n} exporter → importer pairs for {y}" for y, n in per_year.items())
            )
        known = ingest.illustrative_sources(ui.connection(), preview)
        illustrative = st.checkbox(
            f"Mark as illustrative ({ILLUSTRATIVE_NOTICE.lower()})",
            value=bool(known),
            disabled=bool(known),
            help="Illustrative data carry a notice on every screen, chart, slide and download.",
        )
        if known:
            st.caption(
                f"{', '.join(known)} is illustrative data already known to this dashboard, "
                "so it stays marked as illustrative."
            )
        if st.button("Import", type="primary", icon=":material/upload:"):
            try:
                result = ingest.commit_import(
                    ui.connection(), preview, illustrative=illustrative, imported_by=load_settings().imported_by
                )
            except (ingest.ImportRejected, store.StoreError) as error:
                st.error(str(error))
            else:
                ui.clear_caches()
                st.session_state["import_done"] = result.summary() + " Every screen now shows the new data."
                st.session_state["upload_round"] = round_ + 1
                st.rerun()

st.subheader("Import log")
log = store.import_log(ui.connection())
if log.empty:
    st.caption("No files imported yet.")
else:
    shown = log[["imported_at", "kind", "file_name", "years", "rows", "illustrative", "imported_by", "sha256"]]
    st.dataframe(shown, hide_index=True, width="stretch")
    about = exports.About(
        "Import log", "This dashboard's import audit table", "Every accepted file", "Audit record"
    )
    st.download_button(
        "Download the import log (CSV)",
        exports.csv_bytes(shown, about),
        "import_log.csv",
        icon=":material/download:",
    )

    st.subheader("Files as they were imported")
    st.markdown(
        "Every accepted file is kept unchanged, so a year that was replaced can be recovered: "
        "download the earlier file and import it again."
    )
    entries = {int(row.id): row for row in log.itertuples(index=False)}
    chosen = st.selectbox(
        "Imported file",
        list(entries),
        format_func=lambda i: (
            f"{entries[i].file_name} ({entries[i].kind}, {entries[i].years}), "
            f"imported {entries[i].imported_at:%d %b %Y %H:%M} by {entries[i].imported_by}"
        ),
    )
    entry = entries[chosen]
    content = ingest.kept_file(entry.stored_path, entry.sha256, store.database_path(ui.connection()))
    if content is None:
        st.warning(
            f"The kept copy of {entry.file_name} is not in the accepted-files folder beside the "
            "database, or has changed since it was imported (its sha256 no longer matches)."
        )
    else:
        st.download_button(
            f"Download {entry.file_name} as imported",
            content,
            entry.file_name,
            icon=":material/download:",
            key="download_kept",
        )
