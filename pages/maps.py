"""Maps: who exports county lines into whom, which areas lines reach, any question by force,
and the change between years. Every choice is in the URL (?map=&year=&force=&direction=)."""

import streamlit as st

from countylines import catalogue, map_view, ui
from countylines.figures import map_words

ui.through_dashboard()

st.title("Maps of county lines between force areas")
names = map_view.force_names()
kind_box, year_box, force_box, extra_box = st.columns([1.4, 0.7, 1.2, 1.4])
kind = ui.url_choice(
    "map", "Map", list(map_words.MAP_KINDS), "flows", format_func=map_words.MAP_KINDS.get, container=kind_box
)
year = ui.year_choice(container=year_box)
force = ui.url_choice(
    "force",
    "Force",
    [map_words.ALL_FORCES, *names],
    map_words.ALL_FORCES,
    format_func=lambda code: names.get(code, "All forces"),
    parse=map_view.parse_force_or_all,
    container=force_box,
)
focus = None if force == map_words.ALL_FORCES else force
if focus:
    st.query_params["force"] = names[focus]  # readable links: ?force=Norfolk (a code works too)
if year is None:
    st.stop()

if kind == "flows":
    direction = "both"
    if focus:
        direction = ui.url_choice(
            "direction",
            "Direction",
            list(map_words.DIRECTIONS),
            "both",
            format_func=map_words.DIRECTIONS.get,
            container=extra_box,
        )
    ui.status_banner(year)
    map_view.render_flows(year, focus, direction)

elif kind in ("importers", "exporters"):
    ui.status_banner(year)
    (map_view.render_importers if kind == "importers" else map_view.render_exporters)(year, focus)

elif kind == "question":
    questions = catalogue.indicators().sort_values("sort_order")
    labels = dict(zip(questions["id"], questions["label"], strict=True))
    indicator = ui.url_choice(
        "question", "Question", list(labels), "county_lines_activity", format_func=labels.get, container=extra_box
    )
    ui.status_banner(year)
    map_view.render_question(year, indicator, focus)

else:
    others = [held for held in ui.years() if held != year]
    if not others:
        ui.status_banner(year)
        st.info(
            f"Only {year} is held, so there is no other year to compare it with. Import another year's returns."
        )
        st.stop()
    if st.query_params.get("compare") == str(year):
        # The year just picked was the comparison year: compare with another instead.
        del st.query_params["compare"]
        st.session_state.pop("url_compare", None)
    earlier = [held for held in others if held < year]
    other = ui.url_choice(
        "compare", "Compare with", others, max(earlier) if earlier else others[0], parse=int, container=extra_box
    )
    measure_box, view_box, _ = st.columns([1.4, 1.4, 1.5])
    measure = ui.url_choice(
        "measure",
        "Measure",
        list(map_words.MEASURES),
        "importers",
        format_func=map_words.MEASURES.get,
        container=measure_box,
    )
    view = ui.url_choice(
        "show",
        "Show",
        list(map_words.CHANGE_VIEWS),
        "change",
        format_func=map_words.CHANGE_VIEWS.get,
        container=view_box,
    )
    ui.status_banner(year)
    map_view.render_change(year, other, measure, view, focus)
