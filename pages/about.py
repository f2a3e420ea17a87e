"""Definitions and about the data: the words used, where each figure comes from, how it is
made, its status and limitations, when it was last updated, and who to contact."""

import streamlit as st

from countylines.figures import about, reconciliation
from countylines.screens import data, state, widgets

state.through_dashboard()

st.title("Definitions and about the data")
st.markdown(
    f"**Status: {about.STATUS}.** These are counts of what police forces told the National Crime "
    "Agency (NCA); they have not been through the checks official statistics go through."
)
st.markdown(
    "On this page: [words used](#words-used) · [where the figures come from](#where-the-figures-come-from) · "
    "[how the figures are made](#how-the-figures-are-made) · [limitations](#limitations) · "
    "[printed and recomputed figures](#printed-and-recomputed-figures) · "
    "[updates and contact](#updates-revisions-and-contact)"
)

st.subheader("Words used on this dashboard", anchor="words-used", divider="gray")
glossary = about.glossary()
wanted = st.text_input("Find a word", placeholder="for example: cuckooing", help="Searches terms and definitions.")
found = about.search_glossary(glossary, wanted)
if found.empty:
    st.info(f"No term or definition mentions “{widgets.plain(wanted)}”. Clear the box to see every term.")
for term in found.itertuples(index=False):
    with st.expander(about.term_title(term.term), expanded=bool(wanted.strip())):
        st.markdown(term.definition)
        st.caption(about.source_ref_text(term.source_ref))

st.subheader("Where the figures come from", anchor="where-the-figures-come-from", divider="gray")
st.markdown(
    "Each year, every territorial police force in England and Wales is asked to send the NCA a return "
    "answering the same questions about county lines in its area. The NCA publishes national figures; "
    "this dashboard recomputes them from the force returns it holds."
)
st.markdown("\n".join(f"- {line}" for line in about.report_lines()))
held_years = data.years()
any_illustrative = any(data.is_illustrative(year) for year in held_years)
(st.warning if any_illustrative else st.info)(about.ILLUSTRATIVE_TEXT, icon=":material/info:")
sources = data.year_sources()
st.markdown("**Every year held here**")
if held_years:
    st.table(  # st.table renders Markdown: file and analyst names are shown plain
        widgets.plain_table(about.years_table(sources, {year: data.force_returns(year) for year in held_years})),
        hide_index=True,
        border="horizontal",
    )
else:
    st.info("No years are held yet. Import a returns file to begin.")

st.subheader("How the figures are made", anchor="how-the-figures-are-made", divider="gray")
st.markdown("\n".join(f"- {line}" for line in about.method_lines()))

st.subheader("Limitations: the NCA reports' own caveats", anchor="limitations", divider="gray")
limitations = about.limitations()
for year, caveats in limitations.groupby("year", sort=False):
    st.markdown(f"**NCA {year} report**")
    st.markdown("\n".join(f"- {row.limitation} *({row.source_ref})*" for row in caveats.itertuples(index=False)))

st.subheader(
    "Where the printed report and the figures here differ", anchor="printed-and-recomputed-figures", divider="gray"
)
st.markdown(
    "Each figure the NCA printed is checked two ways: is its percentage what its own count ÷ base gives, "
    "and do the returns held here give the same count? Both are kept; neither is corrected."
)
for year in held_years:
    reconciled = reconciliation.reconcile(
        data.published_figures(year), data.year_figures(year), data.exporter_reach(year)
    )
    if reconciled.empty:
        st.markdown(f"**{year}**: the NCA printed no figures for this year that are held here.")
        continue
    differ = about.disagreement_lines(reconciled)
    st.markdown(
        f"**{year}**: {len(reconciled)} printed figures; {len(differ)} differ from count ÷ base "
        "or from the returns held" + (":" if differ else ".")
    )
    if differ:
        st.markdown("\n".join(f"- {line}" for line in differ))
    if data.is_illustrative(year):
        st.caption(
            f"The {year} returns held are illustrative, so differences from them are differences "
            "from invented data."
        )
    widgets.table_and_downloads(
        about.reconciliation_table(reconciled),
        key=f"reconcile_{year}",
        year=year,
        base=f"Printed figures in the NCA {year} report",
        title=f"NCA {year} printed figures checked",
        source=f"Source: NCA {year} report, and the returns held here",
    )

st.subheader("Updates, revisions and contact", anchor="updates-revisions-and-contact", divider="gray")
updated = about.last_update(sources)
st.markdown(f"**Last updated:** {updated}." if updated else "**Last updated:** nothing has been imported yet.")
st.markdown(f"**Revisions:** {about.REVISIONS_TEXT}")
st.markdown(f"**Contact:** {about.contact()}")
