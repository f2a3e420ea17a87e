"""Maps: who exports county lines into whom, which areas lines reach, any question by force,
and the change between years. Every choice is in the URL (?map=&year=&force=&direction=)."""

import streamlit as st

from countylines import catalogue
from countylines.figures import map_words
from countylines.screens import data, map_changes, maps, state, widgets

state.through_dashboard()

st.title("Maps of county lines between force areas")
names = catalogue.force_names()
kind_box, year_box, force_box, extra_box = st.columns([1.7, 0.7, 1.2, 1.1])  # the map names read whole at 800 px
kind = state.url_choice(
    "map", "Map", list(map_words.MAP_KINDS), "flows", format_func=map_words.MAP_KINDS.get, container=kind_box
)
flow_years = data.flow_years()
# Opens on the latest year with a flows file (a year of returns alone has no lines to map).
year = state.year_choice(container=year_box, default=flow_years[0] if flow_years else None)
force = state.url_choice(
    "force",
    "Force",
    [map_words.ALL_FORCES, *names],
    map_words.ALL_FORCES,
    format_func=lambda code: names.get(code, "All forces"),
    parse=maps.parse_force_or_all,
    container=force_box,
    in_url=lambda code: names.get(code, code),  # readable links: ?force=Norfolk (a code works too)
)
focus = None if force == map_words.ALL_FORCES else force
if year is None:
    st.stop()

if kind in ("flows", "importers", "exporters", "change") and year not in flow_years:
    widgets.status_banner(year)
    maps.no_flows(year)
    st.caption("The question map uses the returns alone: choose “A question, by each force's answer”.")
    st.stop()

if kind == "flows":
    direction = "both"
    if focus:
        direction = state.url_choice(
            "direction",
            "Direction",
            list(map_words.DIRECTIONS),
            "both",
            format_func=map_words.DIRECTIONS.get,
            container=extra_box,
        )
    widgets.status_banner(year)
    maps.render_flows(year, focus, direction)

elif kind in ("importers", "exporters"):
    widgets.status_banner(year)
    (maps.render_importers if kind == "importers" else maps.render_exporters)(year, focus)

elif kind == "question":
    questions = catalogue.indicators().sort_values("sort_order")
    labels = dict(zip(questions["id"], questions["label"], strict=True))
    indicator = state.url_choice(
        "question", "Question", list(labels), "county_lines_activity", format_func=labels.get, container=extra_box
    )
    widgets.status_banner(year)
    maps.render_question(year, indicator, focus)

else:
    others = [held for held in flow_years if held != year]  # a change needs flows in both years
    if not others:
        widgets.status_banner(year)
        st.info(
            f"Only {year} holds flows, so there is no other year to compare it with. Import another year's flows."
        )
        st.stop()
    if st.query_params.get("compare") == str(year):
        # The year just picked was the comparison year: compare with another instead.
        del st.query_params["compare"]
        st.session_state.pop("url_compare", None)
    earlier = [held for held in others if held < year]
    other = state.url_choice(
        "compare", "Compare with", others, max(earlier) if earlier else others[0], parse=int, container=extra_box
    )
    measure_box, view_box, _ = st.columns([1.4, 1.4, 1.5])
    measure = state.url_choice(
        "measure",
        "Measure",
        list(map_words.MEASURES),
        "importers",
        format_func=map_words.MEASURES.get,
        container=measure_box,
    )
    view = state.url_choice(
        "show",
        "Show",
        list(map_words.CHANGE_VIEWS),
        "change",
        format_func=map_words.CHANGE_VIEWS.get,
        container=view_box,
    )
    widgets.status_banner(year)
    map_changes.render_change(year, other, measure, view, focus)
