"""Force profile: how one force's answers compare with all forces ("how does our area compare?")."""

from urllib.parse import urlsplit

import streamlit as st

from countylines import catalogue
from countylines.draw import profile_chart
from countylines.figures import comparability, nca, profile, provenance
from countylines.screens import data, maps, state, themes, widgets

state.through_dashboard()

forces = catalogue.forces().sort_values("name")
names = dict(zip(forces["code"], forces["name"], strict=True))
heading = st.empty()
left, right, link = st.columns([2, 1, 3])
code = state.url_choice(
    "force",
    "Force",
    forces["code"],
    forces["code"].iloc[0],
    format_func=names.get,
    parse=state.parse_force,
    container=left,
)
year = state.year_choice(container=right)
name = names[code]
state.keep_in_url("force", name)  # readable links: ?force=Staffordshire (a code works too)
heading.title(f"{name} compared with all forces")
if year is None:
    st.stop()

widgets.status_banner(year)
page_url = urlsplit(st.context.url or "")
prefix = f"{page_url.scheme}://{page_url.netloc}/force" if page_url.netloc else "/force"
link.markdown("Link to this view", help="Copy it (button at the right of the box) to reopen this force and year.")
link.code(prefix + profile.share_query(name, year), language=None, wrap_lines=True)


def answers_view(code: str, name: str, year: int) -> dict:
    """The force's answers beside all forces for a year, built once per snapshot."""
    returns = data.force_returns(year)
    this_force = returns.set_index("code").loc[code]
    shown = {"returned": bool(this_force["returned"]), "lines_count": this_force["lines_count"]}
    if not shown["returned"]:
        return shown
    indicators = catalogue.indicators()
    every_answer = data.year_answers(year)
    region = forces.set_index("code").loc[code, "region"]
    in_region = profile.region_counts(every_answer, forces, region, indicators)
    national = data.year_figures(year)
    rows = profile.answer_rows(national, data.force_profile(code).query("year == @year"), indicators, in_region)
    base = nca.base_text(int(returns["returned"].sum()), year)
    title = profile.chart_title(name, rows)
    shown.update(
        headline=profile.headline(name, year, rows, profile.yes_counts(every_answer, indicators)),
        base=base,
        words=rows[profile.COLUMNS],
        grouped=profile.grouped_by_theme(rows),
        title=title,
        chart=themes.Chart(
            profile_chart.comparison_chart(rows, name, year),
            profile.chart_table(rows, name),
            key="profile_chart",
            year=year,
            base=base,
            title=title,
            notes=NOTES,
        ),
    )
    return shown


def history_view(code: str, name: str) -> dict:
    """The force's answers across every year held, built once per snapshot."""
    held_years = data.years()
    returned_by_year = {y: bool(data.force_returns(y).set_index("code").loc[code, "returned"]) for y in held_years}
    asked = data.year_figures(None)[["year", "indicator"]]
    indicators = catalogue.indicators()
    history = profile.across_years(
        data.force_profile(code), returned_by_year, asked, indicators, catalogue.themes()
    )
    statuses = data.part_statuses()
    return {
        "held": list(held_years),
        "missing": [str(y) for y, made in returned_by_year.items() if not made],
        "table": history.rename(columns={str(y): provenance.year_label(y, statuses, True) for y in held_years}),
        "definitions": themes.definition_lines(comparability.changes_for(catalogue.indicator_ids(), held_years)),
    }


NOTES = (
    "Imprisonment or modern slavery is a percentage of the forces reporting cuckooing only. "
    "Possible answers are not added to yes."
)
shown = data.view("force_answers", code, year, build=lambda: answers_view(code, name, year))
if not shown["returned"]:
    st.warning(
        f"**{name} made no return for {year}.** It is left out of every {year} base. "
        "Its answers in other years and the lines recorded by other forces are below.",
        icon=":material/report:",
    )
else:
    st.markdown(f"#### {shown['headline']}")
    themes.not_asked_note(year, None)
    st.caption(
        "✓ yes · ? possible (unconfirmed) · ✗ no · – not known. Possible answers are shown "
        "separately and never counted as yes."
    )
    st.subheader(f"{name}'s answers beside all forces, {year}, by theme", divider="gray")
    words, chart = st.tabs(["Answers in words", "Chart"])
    widgets.download_buttons(
        shown["words"],
        key="profile_words",
        year=year,
        base=shown["base"],
        title=f"{name} answers compared with all forces {year}",
        notes=NOTES,
        container=words,
    )
    # A plain table, not widgets.table_and_downloads' expander: this is the screen's answer, and
    # its sentences must wrap and be read whole at 1280x720 rather than scroll sideways.
    words.table(shown["grouped"], hide_index=True, border="horizontal")
    words.caption(f"{widgets.source_text(year)}. {shown['base']}. {NOTES}")
    chart.markdown(f"**{shown['title']}**")
    with chart:
        shown["chart"].show()

st.subheader(f"Lines into and out of {name}, {year}", divider="gray")
maps.render_force_lines(code, name, year, shown["lines_count"], shown["returned"])

st.subheader(f"{name}'s answers across years", divider="gray")
history = data.view("force_history", code, build=lambda: history_view(code, name))
held_years = history["held"]
if history["missing"]:
    st.markdown(f"{name} made no return for {', '.join(history['missing'])}; those years show “No return”.")
themes.definition_changes(history["definitions"], expanded=False)
widgets.table_and_downloads(
    history["table"],
    key="profile_history",
    year=year,
    years=held_years,
    base="Each year's base: the forces with a return that year",
    title=f"{name} answers by year",
    expanded=True,
    source=f"Source: {name}'s returns to the National Crime Agency county lines collection, "
    f"{min(held_years)} to {max(held_years)}",
)
