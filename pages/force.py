"""Force profile: how one force's answers compare with all forces ("how does our area compare?")."""

from urllib.parse import urlsplit

import streamlit as st

from countylines import catalogue
from countylines.figures import profile
from countylines.screens import data, maps, prepared, state, themes, views, widgets

state.through_dashboard()

names = catalogue.force_names()  # code: name, in order of name
heading = st.empty()
left, right, link = st.columns([2, 1, 3])
code = state.url_choice(
    "force",
    "Force",
    list(names),
    next(iter(names)),
    format_func=names.get,
    parse=state.parse_force,
    container=left,
    in_url=names.get,  # readable links: ?force=Staffordshire (a code works too)
)
year = state.year_choice(container=right)
name = names[code]
heading.title(f"{name} compared with all forces")
if year is None:
    st.stop()

widgets.status_banner(year)
page_url = urlsplit(st.context.url or "")
prefix = f"{page_url.scheme}://{page_url.netloc}/force" if page_url.netloc else "/force"
link.markdown("Link to this view", help="Copy it (button at the right of the box) to reopen this force and year.")
link.code(prefix + profile.share_query(name, year), language=None, wrap_lines=True)


shown = data.view("force_answers", code, year, build=lambda: views.answers_view(code, name, year))
if not shown["returned"]:
    st.warning(
        f"**{name} made no return for {year}.** It is left out of every {year} base. "
        "Its answers in other years and the lines recorded by other forces are below.",
        icon=":material/report:",
    )
else:
    st.markdown(
        f"#### {shown['headline']}\n\n"
        + widgets.small(
            "✓ yes · ? possible (unconfirmed) · ✗ no · – not known. Possible answers are shown "
            "separately and never counted as yes."
        )
    )
    themes.not_asked_note(year, None)
    st.subheader(f"{name}'s answers beside all forces, {year}, by theme", divider="gray")
    words, chart = st.tabs(["Answers in words", "Chart"])
    widgets.download_buttons(
        shown["words"],
        key="profile_words",
        year=year,
        base=shown["base"],
        title=f"{name} answers compared with all forces {year}",
        notes=views.NOTES,
        container=words,
    )
    # A plain table, not widgets.table_and_downloads' expander: this is the screen's answer, and
    # its sentences must wrap and be read whole at 1280x720 rather than scroll sideways.
    words.table(prepared.table(shown["grouped"]), hide_index=True, border="horizontal")
    words.caption(f"{widgets.source_text(year)}. {shown['base']}. {views.NOTES}")
    chart.markdown(f"**{shown['title']}**")
    with chart:
        shown["chart"].show()

st.subheader(f"Lines into and out of {name}, {year}", divider="gray")
maps.render_force_lines(code, name, year, shown["lines_count"], shown["returned"])

st.subheader(f"{name}'s answers across years", divider="gray")
history = data.view("force_history", code, build=lambda: views.history_view(code, name))
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
