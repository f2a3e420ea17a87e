"""Definitions and about the data: the words used, where each figure comes from, how it is
made, its status and limitations, when it was last updated, and who to contact."""

import streamlit as st

from countylines.figures import about, reconciliation
from countylines.screens import data, prepared, state, widgets

state.through_dashboard()


st.title("Definitions and about the data")
st.markdown(  # one element: the status, what is on this page, and the first section's heading
    f"**Status: {about.STATUS}.** These are counts of what police forces told the National Crime "
    "Agency (NCA); they have not been through the checks official statistics go through.\n\n"
    "On this page: [words used](#words-used-on-this-dashboard) · "
    "[where the figures come from](#where-the-figures-come-from) · "
    "[how the figures are made](#how-the-figures-are-made) · "
    "[limitations](#limitations-the-nca-reports-own-caveats) · "
    "[printed and recomputed figures](#where-the-printed-report-and-the-figures-here-differ) · "
    "[updates and contact](#updates-revisions-and-contact)\n\n" + about.section("Words used on this dashboard")
)
wanted = st.text_input("Find a word", placeholder="for example: cuckooing", help="Searches terms and definitions.")


def glossary_markdown(text: str) -> str:
    """The terms the search finds as one Markdown element ("" when none): each term opens and
    closes like an expander (native <details>), open when searched for."""
    found = about.search_glossary(about.glossary(), text)
    entries = [
        (about.term_title(t.term), f"{t.definition}\n\n{widgets.small(about.source_ref_text(t.source_ref))}")
        for t in found.itertuples(index=False)
    ]
    return widgets.disclosures(entries, expanded=bool(text.strip()))


# Every term (the usual view) is built once; a search, whatever a reader types, is not kept.
shown_terms = (
    glossary_markdown(wanted) if wanted.strip() else data.view("glossary", build=lambda: glossary_markdown(""))
)
if shown_terms:
    st.markdown(shown_terms, unsafe_allow_html=True)
else:
    st.info(f"No term or definition mentions “{widgets.plain(wanted)}”. Clear the box to see every term.")

st.markdown(  # one element: the heading, the words, then the reports as a list
    about.section("Where the figures come from")
    + "Each year, every territorial police force in England and Wales is asked to send the NCA a return "
    "answering the same questions about county lines in its area. The NCA publishes national figures; "
    "this dashboard recomputes them from the force returns it holds.\n\n"
    + "\n".join(f"- {line}" for line in about.report_lines())
)
held_years = data.years()


def years_view() -> dict:
    """The table of years held and when the data last changed, built once per snapshot."""
    sources = data.year_sources()
    return {
        "illustrative": any(data.is_illustrative(year) for year in held_years),
        "years": widgets.plain_table(about.years_table(sources, {y: data.force_returns(y) for y in held_years}))
        if held_years
        else None,
        "updated": about.last_update(sources),
    }


def reconciled_view(year: int) -> dict | None:
    """One year's printed figures checked, built once per snapshot (None: nothing printed)."""
    reconciled = reconciliation.reconcile(
        data.published_figures(year), data.year_figures(year), data.exporter_reach(year)
    )
    if reconciled.empty:
        return None
    return {
        "count": len(reconciled),
        "differ": about.disagreement_lines(reconciled),
        "table": about.reconciliation_table(reconciled),
    }


shown = data.view("about_years", build=years_view)
(st.warning if shown["illustrative"] else st.info)(about.ILLUSTRATIVE_TEXT, icon=":material/info:")
st.markdown("**Every year held here**")
if held_years:
    # st.table renders Markdown: file and analyst names are shown plain (made plain in years_view)
    st.table(prepared.table(shown["years"]), hide_index=True, border="horizontal")
else:
    st.info("No years are held yet. Import a returns file to begin.")

st.markdown(about.section("How the figures are made") + "\n".join(f"- {line}" for line in about.method_lines()))

caveats = data.view(
    "limitations",
    build=lambda: [
        (
            f"**NCA {year} report**",
            "\n".join(f"- {r.limitation} *({r.source_ref})*" for r in rows.itertuples(index=False)),
        )
        for year, rows in about.limitations().groupby("year", sort=False)
    ],
)
st.markdown(  # one element
    about.section("Limitations: the NCA reports' own caveats")
    + "\n\n".join(f"{heading}\n\n{lines}" for heading, lines in caveats)
)

st.markdown(
    about.section("Where the printed report and the figures here differ")
    + "Each figure the NCA printed is checked two ways: is its percentage what its own count ÷ base gives, "
    "and do the returns held here give the same count? Both are kept; neither is corrected."
)
for year in held_years:
    checked = data.view("about_reconciled", year, build=lambda year=year: reconciled_view(year))
    if checked is None:
        st.markdown(f"**{year}**: the NCA printed no figures for this year that are held here.")
        continue
    differ = checked["differ"]
    illustrative = (
        "\n\n"
        + widgets.small(
            f"The {year} returns held are illustrative, so differences from them are differences "
            "from invented data."
        )
        if data.is_illustrative(year)
        else ""
    )
    st.markdown(  # one element: the count, the figures that differ as a list, whether illustrative
        f"**{year}**: {checked['count']} printed figures; {len(differ)} differ from count ÷ base "
        "or from the returns held"
        + (":\n\n" + "\n".join(f"- {line}" for line in differ) if differ else ".")
        + illustrative
    )
    widgets.table_and_downloads(
        checked["table"],
        key=f"reconcile_{year}",
        year=year,
        base=f"Printed figures in the NCA {year} report",
        title=f"NCA {year} printed figures checked",
        source=f"Source: NCA {year} report, and the returns held here",
    )

updated = shown["updated"]
st.markdown(  # one element: the heading, then a paragraph each
    about.section("Updates, revisions and contact")
    + (f"**Last updated:** {updated}." if updated else "**Last updated:** nothing has been imported yet.")
    + f"\n\n**Revisions:** {about.REVISIONS_TEXT}\n\n**Contact:** {about.contact()}"
)
