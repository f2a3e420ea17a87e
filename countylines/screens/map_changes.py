"""The change map: one reach measure between two years that both hold flows, or the two
years side by side. Forces with no return in either year are never scored, and across real
and illustrative flows no change is worked out (``figures.provenance``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countylines import catalogue
from countylines.draw.maps import base, choropleths
from countylines.figures import map_words, provenance
from countylines.screens import data, widgets
from countylines.screens.maps import (
    FIGURE_CACHE,
    SIDE_BY_SIDE_HEIGHT,
    _areas_key,
    _columns,
    _count_figure,
    _draw,
    _finish,
    _span_source,
    _table,
    force_areas,
)


@st.cache_resource(**FIGURE_CACHE)
def _change_figure(_areas, areas_key, changes, title, legend, before: int, after: int, focus):
    fig = choropleths.change_choropleth(_areas, changes, title, legend, str(before), str(after))
    return _finish(base.outline_force(fig, _areas, focus))


def render_change(year: int, other: int, measure: str, view: str, focus: str | None) -> None:
    """The change in one reach measure between two years, or both years side by side.

    A force with no return in either year is never scored (it shows as "no return in 2016"),
    and across real and illustrative flows no change is worked out at all (provenance's
    rule): the two years are shown side by side, each with its own status.
    """
    before, after = sorted((year, other))
    comparison = provenance.compare(data.part_statuses("flows"), before, after, "flows")
    counts = {
        y: map_words.reach_counts(measure, data.importer_reach(y), data.exporter_reach(y), catalogue.forces())
        for y in (before, after)
    }
    unscored = map_words.not_scored({y: data.force_returns(y) for y in (before, after)}, before, after)
    changes = choropleths.difference_counts(counts[before], counts[after], "value", unscored)
    legend = map_words.MEASURES[measure]
    unscored_words = [line[:1].lower() + line[1:] for line in map_words.not_scored_sentences(changes)]
    base = "; ".join([f"Flows recorded in {before} and in {after}", *unscored_words])
    source = _span_source(before, after)
    if not comparison.allowed:
        st.info(f"{comparison.reason()} The two years are shown side by side instead.", icon=":material/info:")
        view = "side"
    title = (
        map_words.change_title(changes, measure, before, after)
        if comparison.allowed
        else f"{legend}: {before} and {after} side by side"
    )
    if view == "side":
        _side_by_side(counts, before, after, measure, focus, title, base)
    else:
        _change_map(changes, before, after, legend, title, focus, base, source)
    notes = f"{legend}, counted from the flows recorded each year."
    table = map_words.change_table(changes, before, after)
    if not comparison.allowed:
        table = table.drop(columns=["Change", "Not scored because"])
        notes += f" {comparison.reason()}"
    _table(
        table,
        key="maps_change",
        year=after,
        base=base,
        title=title,
        notes=notes,
        source=source,
        years=[before, after],
    )


def _side_by_side(counts, before: int, after: int, measure: str, focus, title: str, base: str) -> None:
    """Each year's map on one scale, each with its own source and status."""
    areas = force_areas()
    legend = map_words.MEASURES[measure]
    # One set of bands for both years, so the same shade means the same number.
    bands = choropleths.count_bands(pd.concat([counts[before]["value"], counts[after]["value"]]))
    st.markdown(f"**{title}**")
    for column, y in zip(st.columns(2), (before, after), strict=True):
        fig = _count_figure(
            areas,
            _areas_key(),
            counts[y],
            "value",
            f"{legend}, {y}",
            map_words.MEASURE_UNITS[measure],
            "forces",
            focus,
            SIDE_BY_SIDE_HEIGHT,
            bands,
        )
        illustrative = data.part_statuses("flows").get(y) == provenance.ILLUSTRATIVE
        _draw(
            fig,
            key=f"maps_side_{y}",
            source=widgets.source_text(y),
            base=base,
            illustrative=illustrative or data.is_illustrative(y),
            area=column,
        )


def _change_map(changes, before: int, after: int, legend: str, title: str, focus, base: str, source: str) -> None:
    left, right = _columns()
    with right:
        st.markdown(f"**{legend}, {before} to {after}**")
        st.markdown("\n".join(f"- {line}" for line in map_words.change_sentences(changes)))
        if focus:
            row = changes.set_index("code").loc[focus]
            if row["not_scored"]:
                st.markdown(f"{row['name']}: {row['not_scored']}, so no change is given.")
            else:
                st.markdown(f"{row['name']}: {int(row['before'])} in {before}, {int(row['after'])} in {after}.")
        st.caption(
            "Blue areas went up, orange went down; each change is also written on the area (+2, −1). "
            "Forces with no return in either year are hatched and not scored."
        )
    fig = _change_figure(force_areas(), _areas_key(), changes, title, legend, before, after, focus)
    mixed = data.is_illustrative(before) or data.is_illustrative(after)
    _draw(fig, key="maps_change", source=source, base=base, illustrative=mixed, area=left)
