"""Streamlit rendering of the maps, shared by the Maps screen and the force profile.

Each ``render_*`` draws one map beside what it says (headline sentences in NCA form),
with the table it is drawn from, downloads, source, base and the boundary attribution.
Figures take about a second to build (plotly checks every one of the ~30,000 boundary points),
so finished figures are kept with ``st.cache_resource``, keyed on the data they show.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import streamlit as st

from countylines import catalogue
from countylines.draw.maps import arrows, base, boundaries, choropleths
from countylines.figures import comparability, map_words, nca, profile
from countylines.screens import data, prepared, state, widgets
from countylines.settings import load_settings

FIGURE_HEIGHT = 580  # fits under the browser bar of a 1280x720 shared screen
SIDE_BY_SIDE_HEIGHT = 460
TITLE_WIDTH = 52  # characters of a 17 px title that fit across a two-thirds column at 1280
LARGEST = 25  # flows drawn when the reader asks for the largest only
FIGURE_CACHE = {"max_entries": 64, "ttl": data.CACHE_TTL, "show_spinner": "Drawing the map…"}
HOW_TO_READ_FLOWS = (
    "Arrows run from the exporting force to the importing force. Wider lines carry more "
    "county lines; dotted lines are flows whose number of lines was not given. Hover over a "
    "line for its numbers; the table below lists every flow drawn."
)


# Boundaries and choices -------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _load_areas(path: str | None):
    return boundaries.load_force_areas_or_default(path)


def force_areas():
    """The force areas to draw (the user's file if usable), telling the reader if it was not."""
    path = load_settings().boundaries_path
    areas, warning = _load_areas(str(path) if path else None)
    if warning:
        st.warning(widgets.plain(warning), icon=":material/map:")  # may quote the user's file
    return areas


def _areas_key() -> str:
    path = load_settings().boundaries_path
    return str(path) if path else "shipped"


def parse_force_or_all(text: str) -> str:
    """A force code from ?force= (a name or a code), or "all" for every force."""
    if str(text).strip().lower() in {"", "all", "all forces"}:
        return map_words.ALL_FORCES
    return state.parse_force(text)


def _finish(fig, height: int = FIGURE_HEIGHT):
    """Sets the height and wraps a long title, so it is not cut off in a two-thirds column."""
    lines = textwrap.wrap(fig.layout.title.text or "", TITLE_WIDTH) or [""]
    fig.update_layout(
        height=height,
        # Anchored by its bottom edge: plotly misplaces a multi-line title anchored at the top.
        title={"text": "<br>".join(lines), "yanchor": "bottom", "y": 1 - (10 + 22 * len(lines)) / height},
        margin={"t": 30 + 22 * len(lines)},
    )
    return fig


def _draw(fig, *, key: str, source: str, base: str, illustrative: bool, area=None) -> None:
    """The map with its text alternative, source and base line, and the boundary attribution.

    Not ``widgets.chart_with_table``: that puts the download buttons in columns as wide as the
    chart, and in a two-thirds column their labels are cut to "Dow…". The table and
    downloads go full width under the map and its facts instead (``_table``).
    """
    alt = (fig.layout.meta or {}).get("alt", "")
    with area or st.container():
        sent = prepared.figure(fig)  # its dict made once, not on every rerun
        # alt becomes the chart's accessible name (role="figure", aria-label).
        st.plotly_chart(sent, width="stretch", config=widgets.PLOTLY_CONFIG, key=f"chart_{key}", alt=alt or None)
        st.caption(f"{source}. {base}.")
        st.caption(boundaries.ATTRIBUTION)
        widgets.image_download(
            fig,
            key=key,
            title=fig.layout.title.text or "",
            source=source,
            base=base,
            illustrative=illustrative,
            label="Download map (PNG)",
        )


def _table(table, *, key: str, year: int, base: str, title: str, notes: str, source: str, years=None) -> None:
    """The table the map is drawn from, with CSV and Excel downloads that carry the attribution."""
    notes = f"{notes} {boundaries.ATTRIBUTION}".strip()
    widgets.table_and_downloads(
        table, key=key, year=year, base=base, title=title, notes=notes, source=source, years=years
    )


def _returns_base(year: int) -> str:
    """'Base: 41 force returns, 2016. No 2016 return from Gwent and Lincolnshire'."""
    base = nca.base_text(int(data.force_returns(year)["returned"].sum()), year)
    gap = widgets.no_return_text(year)
    return f"{base}. {gap}" if gap else base


def _columns():
    """The map on the left two thirds, what it says on the right."""
    return st.columns([2, 1], gap="medium")


def _span_source(before: int, after: int) -> str:
    illustrative = data.is_illustrative(before) or data.is_illustrative(after)
    status = "illustrative demonstration data" if illustrative else "police force returns"
    return f"Source: {status} to the National Crime Agency county lines collection, {before} and {after}"


def no_flows(year: int) -> None:
    """What a map of lines between forces says for a year with returns but no flows file."""
    st.info(map_words.no_flows_text(year, data.flow_years()), icon=":material/info:")


# Cached figures ----------------------------------------------------------------------------


@st.cache_resource(**FIGURE_CACHE)
def _flow_figure(_areas, areas_key: str, shown: pd.DataFrame, focus: str | None, direction: str, title: str):
    return _finish(arrows.flow_map(_areas, shown, focus=focus, direction=direction, title=title))


@st.cache_resource(**FIGURE_CACHE)
def _count_figure(_areas, areas_key, counts, value_col, title, legend, unit, focus, height, bands=None):
    fig = choropleths.count_choropleth(_areas, counts, value_col, title, legend, unit=unit, bands=bands)
    return _finish(base.outline_force(fig, _areas, focus), height)


@st.cache_resource(**FIGURE_CACHE)
def _answer_figure(_areas, areas_key: str, answers: pd.DataFrame, title: str, focus: str | None):
    fig = choropleths.answer_choropleth(_areas, answers, title)
    return _finish(base.outline_force(fig, _areas, focus))


# Flow maps ---------------------------------------------------------------------------------


def render_force_flows(force_code: str, year: int, direction: str = "both", key: str = "force_flows") -> None:
    """One force's flows in and/or out for a year, full width: the map, its table and downloads."""
    if year not in data.flow_years():
        no_flows(year)
        return
    areas = force_areas()

    def build() -> dict:
        year_flows = data.flows(year)
        shown = map_words.focus_flows(year_flows, force_code, direction)
        title = map_words.flow_title(year_flows, year, force_code, catalogue.force_names()[force_code], direction)
        fig = _flow_figure(areas, _areas_key(), shown, force_code, direction, title)
        return {"shown": shown, "title": title, "fig": fig, "base": _returns_base(year)}

    view = data.view("force_flows", force_code, year, direction, _areas_key(), build=build)
    _draw(
        view["fig"],
        key=key,
        source=widgets.source_text(year),
        base=view["base"],
        illustrative=data.is_illustrative(year),
    )
    _flow_table(view["shown"], key=key, year=year, title=view["title"])


def render_force_lines(code: str, name: str, year: int, lines_count, returned: bool) -> None:
    """The force profile's lines in and out: its own count, the flows in words and on a map."""
    count_text = profile.lines_count_text(name, lines_count, returned, year)
    if year not in data.flow_years():
        st.markdown(count_text)
        no_flows(year)
        return

    def build() -> dict:
        coming_in, going_out = profile.flow_tables(data.flows(year), code)
        return {
            "summary": profile.flow_summary(name, coming_in, going_out, year),
            "lists": [
                (f"Forces sending lines into {name}", coming_in),
                (f"Forces {name} sends lines to", going_out),
            ],
        }

    view = data.view("force_lines", code, year, build=build)
    st.markdown(f"{count_text}\n\n{view['summary']}")  # one element, two paragraphs
    # A rerun when the tab changes, and the map built, serialised and sent only while its tab is
    # open: closed, it cost every rerun of the profile ~250 KB and most of its time.
    in_words, on_map = st.tabs(["In words", "Map"], on_change="rerun", key="profile_lines_tab")
    for column, (label, frame) in zip(in_words.columns(2), view["lists"], strict=True):
        lines = "\n".join(f"- {sentence}" for sentence in frame["Line"]) or "- none recorded"
        if len(frame) > 8:  # a long list scrolls in a box under its label
            column.markdown(f"**{label}**")
            column.container(height=260, border=False).markdown(lines)
        else:
            column.markdown(f"**{label}**\n\n{lines}")
    if on_map.open:
        with on_map:
            render_force_flows(code, year, key="profile_flows")
    st.page_link(
        "pages/maps.py",
        label=f"See these lines on the map for {year}",
        icon=":material/map:",
        query_params={"force": name, "year": str(year)},
    )


def render_flows(year: int, focus: str | None, direction: str) -> None:
    """The Maps screen's flow map: all flows (or the largest), or one force's, with the facts."""
    areas, names = force_areas(), catalogue.force_names()
    # Full width, the facts under it: in two thirds of the screen a year's arrows, names and
    # London cannot be read apart (draw.maps lays them out for the main column's width).
    left, right = st.container(), st.container()
    with right:
        largest = False
        if focus:
            _focus_facts(year, focus, names[focus])
        else:
            lines = data.view(
                "exporter_sentences", year, build=lambda: map_words.exporter_sentences(data.exporter_reach(year))
            )
            st.markdown(f"**Biggest exporters, {year}**\n\n" + "\n".join(f"- {line}" for line in lines))
            st.caption(map_words.BASE_NOTE)
            largest = st.toggle(f"Only the {LARGEST} largest flows", key="maps_largest")
        # Worked out once per snapshot and choice, shared by every session and rerun.
        wanted = (year, focus, direction, largest, _areas_key())
        view = data.view("flow_map", *wanted, build=lambda: _flows_view(areas, names.get(focus), *wanted[:4]))
        if not focus:
            count, total, involved = view["count"], view["total"], view["involved"]
            st.markdown(f"Showing **{count} of {total} flows**, between {involved} force areas.")
        st.caption(HOW_TO_READ_FLOWS)
    source, illustrative = widgets.source_text(year), data.is_illustrative(year)
    _draw(view["fig"], key="maps_flows", source=source, base=view["base"], illustrative=illustrative, area=left)
    about = {"base": view["base"], "title": view["title"], "notes": map_words.LINES_NOTE, "source": source}
    _table(view["table"], key="maps_flows", year=year, **about)


def _flows_view(areas, name: str | None, year: int, focus: str | None, direction: str, largest: bool) -> dict:
    """What the flow map shows for a year and choice: the flows, title, figure, table and base."""
    year_flows = data.flows(year)
    if focus:
        shown = map_words.focus_flows(year_flows, focus, direction)
        title = map_words.flow_title(year_flows, year, focus, name, direction)
    elif largest:
        shown = map_words.largest_flows(year_flows, LARGEST)
        title = map_words.largest_flow_title(shown, len(year_flows), year)
    else:
        shown, title = year_flows, map_words.flow_title(year_flows, year, None, None, direction)
    involved = len(set(shown["exporter_code"]) | set(shown["importer_code"]))
    fig = _flow_figure(areas, _areas_key(), shown, focus, direction, title)
    table, base = map_words.flow_table(shown), _returns_base(year)
    counts = {"count": len(shown), "total": len(year_flows), "involved": involved}
    return {"title": title, "fig": fig, "table": table, "base": base, **counts}


def _focus_facts(year, focus, name) -> None:
    def build() -> tuple[bool, list[str]]:  # once per snapshot, year and force
        year_flows, reach = data.flows(year), data.exporter_reach(year)
        lines = [
            map_words.importer_sentence(data.importer_reach(year), year_flows, focus, name, year),
            map_words.force_reach_sentence(reach, focus, name, year) + ".",
        ]
        return bool(data.force_returns(year).set_index("code").loc[focus, "returned"]), lines

    returned, lines = data.view("focus_facts", year, focus, build=build)
    st.markdown(f"**{name}, {year}**\n\n" + "\n".join(f"- {line}" for line in lines))
    if not returned:
        st.caption(f"{name} made no return for {year}; the flows shown are those other forces recorded.")
    st.caption(map_words.BASE_NOTE)


def _flow_table(shown, *, key, year, title) -> None:
    _table(
        map_words.flow_table(shown),
        key=key,
        year=year,
        base=_returns_base(year),
        title=title,
        notes=map_words.LINES_NOTE,
        source=widgets.source_text(year),
    )


# Choropleths -------------------------------------------------------------------------------


def render_importers(year: int, focus: str | None) -> None:
    """Forces shaded by how many exporting forces send lines into them."""
    areas, names = force_areas(), catalogue.force_names()
    reach, year_flows = data.importer_reach(year), data.flows(year)
    title = map_words.importer_title(reach, year)
    left, right = _columns()
    with right:
        st.markdown(f"**Where lines come in, {year}**")
        lines = map_words.importer_sentences(reach, year)
        if focus:
            lines.append(map_words.importer_sentence(reach, year_flows, focus, names[focus], year))
        st.markdown("\n".join(f"- {line}" for line in lines))
        st.caption(
            "Each area is shaded by how many exporting forces send lines into it; the number is written on it."
        )
    fig = _count_figure(
        areas,
        _areas_key(),
        reach,
        "exporters",
        title,
        "Exporting forces",
        "exporting forces",
        focus,
        FIGURE_HEIGHT,
    )
    source, base = widgets.source_text(year), _returns_base(year)
    _draw(fig, key="maps_importers", source=source, base=base, illustrative=data.is_illustrative(year), area=left)
    table = map_words.importer_table(reach, year_flows)
    notes = "Counts of distinct exporting forces in the flows recorded."
    _table(table, key="maps_importers", year=year, base=base, title=title, notes=notes, source=source)


def render_exporters(year: int, focus: str | None) -> None:
    """Forces shaded by how many forces they export into, with the NCA's share of returns."""
    areas, names = force_areas(), catalogue.force_names()
    reach, year_flows = data.exporter_reach(year), data.flows(year)
    returns = int(data.force_returns(year)["returned"].sum())
    counts = map_words.exporter_counts(reach, catalogue.forces())
    title = map_words.exporter_title(counts, year)
    left, right = _columns()
    with right:
        st.markdown(f"**Biggest exporters, {year}**")
        lines = map_words.exporter_sentences(reach)
        if focus and not any(line.startswith(f"{names[focus]}:") for line in lines):
            lines.append(map_words.force_reach_sentence(reach, focus, names[focus], year))
        st.markdown("\n".join(f"- {line}" for line in lines))
        st.caption(map_words.BASE_NOTE)
    fig = _count_figure(
        areas, _areas_key(), counts, "count", title, "Forces exported into", "forces", focus, FIGURE_HEIGHT
    )
    source, base = widgets.source_text(year), nca.base_text(returns, year)
    _draw(fig, key="maps_exporters", source=source, base=base, illustrative=data.is_illustrative(year), area=left)
    table = map_words.exporter_table(reach, catalogue.forces(), year_flows, returns)
    _table(
        table, key="maps_exporters", year=year, base=base, title=title, notes=map_words.BASE_NOTE, source=source
    )


def render_question(year: int, indicator: str, focus: str | None) -> None:
    """Forces by their answer to one question: yes, possible, no, not known or no return."""
    areas, names = force_areas(), catalogue.force_names()
    question = catalogue.indicators().set_index("id").loc[indicator]
    missing = data.not_asked(year, [indicator])
    if not missing.empty:
        # Every force would show "not known", a figure the returns do not hold.
        st.info(comparability.not_asked_text(missing, year), icon=":material/info:")
        return
    answers = data.force_answers(year, indicator)
    held = data.year_figures(year)
    row = held.set_index("indicator").loc[indicator] if indicator in set(held.get("indicator", [])) else None
    title = map_words.question_title(question["label"], row, year)
    base = row["base_text"] if row is not None else f"No force returns held for {year}"
    left, right = _columns()
    with right:
        st.markdown(f"**{question['label']}, {year}**")
        st.markdown(f"_{question['question']}_")
        st.markdown(map_words.answer_counts(answers))
        if focus:
            answer = answers.set_index("code").loc[focus, "answer"]
            st.markdown(f"{names[focus]}: **{map_words.ANSWER_WORDS[answer]}**")
        st.caption(
            "Possible (unconfirmed) answers are hatched and never counted as yes. Each answer has "
            "its own pattern or shade, named in the legend."
        )
    fig = _answer_figure(areas, _areas_key(), answers, title, focus)
    source = widgets.source_text(year)
    _draw(fig, key="maps_question", source=source, base=base, illustrative=data.is_illustrative(year), area=left)
    notes = f"{question['question']} Possible answers are not added to yes."
    _table(
        map_words.answer_table(answers),
        key="maps_question",
        year=year,
        base=base,
        title=title,
        notes=notes,
        source=source,
    )
