"""Import returns: check a file, see every problem with a fix, preview, then import."""

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

returns_upload = st.file_uploader("Returns file (CSV or .xlsx)", type=["csv", "xlsx"], key="returns_file")
flows_upload = st.file_uploader("Flows file (CSV or .xlsx), optional", type=["csv", "xlsx"], key="flows_file")

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
        if preview.returns:
            per_year = preview.returns.submissions.groupby("year").size()
            st.markdown("**Returns:** " + "; ".join(f"{n} of 43 forces for {y}" for y, n in per_year.items()))
            trial = ingest.trial_figures(preview)
            shown = trial[["year", "theme_title", "indicator", "label", "possible", "not_known", "base"]]
            st.markdown("**The figures this file gives** (a preview; nothing is written yet):")
            st.dataframe(shown, hide_index=True, width="stretch", height=260)
        if preview.flows:
            per_year = preview.flows.flows.groupby("year").size()
            st.markdown(
                "**Flows:** " + "; ".join(f"{n} exporter → importer pairs for {y}" for y, n in per_year.items())
            )
        if replaced:
            st.info(
                "Already held and will be replaced whole: "
                + ", ".join(map(str, replaced))
                + ". The earlier files stay in the import log and the accepted-files folder."
            )
        illustrative = st.checkbox(f"Mark as illustrative ({ILLUSTRATIVE_NOTICE.lower()})", value=False)
        if st.button("Import", type="primary", icon=":material/upload:"):
            try:
                result = ingest.commit_import(
                    ui.connection(), preview, illustrative=illustrative, imported_by=load_settings().imported_by
                )
            except (ingest.ImportRejected, store.StoreError) as error:
                st.error(str(error))
            else:
                ui.clear_caches()
                st.success(result.summary() + " Every screen now shows the new data.")

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
