"""Import returns: check a file, see every problem with a fix, preview, then import; the
history of the data and restore. Analysts only (screens/access.py decides who that is)."""

import streamlit as st

from countylines import ingest
from countylines.screens import access, data, importing, restoring, state

state.through_dashboard()

st.title("Import a year of returns")
st.markdown(
    "Upload a returns file (one row per force per year) and, if you have one, a flows file "
    "(exporter → importer). Nothing is written until you press **Import**; a file with any "
    "problem writes nothing. Importing a year already held replaces that year whole, and "
    "the earlier file is kept."
)
importing.templates()

importing.outcome()  # what the last Import or Restore press did, refusals included
who = access.current()
access.sign_in_controls(who)
if not who.analyst:
    st.stop()  # viewers see no upload, log, history or restore

# A new key after each import empties the upload boxes, so the preview of a file already
# imported is not shown again as if it were waiting.
round_ = st.session_state.setdefault("upload_round", 0)
# No type= filter: Streamlit would refuse an .xls or .ods with a bare red mark, where the
# checks below say what to do ("save it from Excel as .xlsx").
returns_upload = st.file_uploader("Returns file (CSV or .xlsx)", key=f"returns_file_{round_}")
flows_upload = st.file_uploader("Flows file (CSV or .xlsx), optional", key=f"flows_file_{round_}")

if returns_upload or flows_upload:
    sources = [ingest.SourceFile(u.name, u.getvalue()) if u else None for u in (returns_upload, flows_upload)]
    with st.spinner("Checking every row…"):
        preview = ingest.prepare_import(*sources)
    if preview.problems:
        importing.problems(preview)
    else:
        # What only the database knows (a question the held years asked, flows held): said first.
        preview.warnings.extend(ingest.store_warnings(data.connection(), preview))
        importing.warnings(preview)
        st.success("The files passed every check.", icon=":material/check_circle:")
        replaced = importing.replaced_years(preview)
        if replaced:
            importing.replacement_notice(preview)
        importing.preview_figures(preview, replaced)
        importing.import_button(preview)

importing.log_and_kept_files()
restoring.history_and_restore()
