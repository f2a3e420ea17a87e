"""The trend across the years held: a dot per question and year, a key for the year markers,
and lines that join only years whose data are of the same kind (``figures.provenance``).

``frames`` are rows of ``ui.year_figures`` for several years, with ``name`` (see
``questions.with_names``) and ``illustrative`` (the year's returns status).
"""

from __future__ import annotations

from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go

from countylines.draw.charts import LABEL_FONT_SIZE, ROW_HEIGHT, _percent, _right_margin, _tick_name, base_layout
from countylines.draw.palette import DARK_BLUE, DARK_GREY, TEXT
from countylines.figures import provenance, questions

# The newest year a solid dark blue dot, earlier years open shapes in dark grey: the shape
# tells them apart without colour, and orange stays the mark of a printed NCA figure.
YEAR_COLOURS = (DARK_BLUE, DARK_GREY, DARK_GREY, DARK_GREY, DARK_GREY, DARK_GREY)
YEAR_SYMBOLS = ("circle", "circle-open", "square-open", "triangle-up-open", "diamond-open", "star-open")


def trend_dots(frames: pd.DataFrame) -> go.Figure:
    """A dot chart of percent by year for each question (one row per question, one dot per year).

    Rows follow the latest year's bar order; each row is labelled at its right end with
    its percentages in year order ('90% (2016) → 77% (2017)'). A key names each year's
    marker. A line joins only years of the same status (provenance's comparison rule):
    solid between real years, dotted between illustrative ones, and none across a change
    of status, where the label puts '|' instead of '→'.
    """
    years = sorted(int(y) for y in frames["year"].unique())
    statuses = provenance.frame_statuses(frames)
    mixed = provenance.is_mixed(statuses, years)
    latest = frames[frames["year"] == years[-1]]
    order = questions.sort_for_chart(latest)["indicator"].to_list()
    order += [i for i in dict.fromkeys(frames["indicator"]) if i not in order]
    by_indicator = {i: frames[frames["indicator"] == i].sort_values("year") for i in order}
    names = {i: _tick_name(rows.iloc[-1]) for i, rows in by_indicator.items()}

    traces = []
    for status, dash, key in JOIN_STYLES:
        line_x, line_y = _joins(by_indicator, names, statuses, status)
        if line_x:
            traces.append(
                go.Scatter(
                    name=key,
                    x=line_x,
                    y=line_y,
                    mode="lines",
                    line={"color": "#767676", "width": 2, "dash": dash},
                    hoverinfo="skip",
                    legendrank=1000,  # after the year markers in the key
                )
            )
    # Oldest first so the newest year's dots are drawn on top.
    for position, year in enumerate(years):
        label = provenance.year_label(year, statuses, mixed)
        traces.append(_year_dots(frames, year, len(years) - 1 - position, order, names, label))

    label_x, labels = _trend_labels(by_indicator, statuses)
    traces.append(
        go.Scatter(
            name="labels",
            x=label_x,
            y=[names[i] for i in order],
            mode="text",
            text=["\u2002\u2002" + t for t in labels],
            textposition="middle right",
            textfont={"size": LABEL_FONT_SIZE, "color": TEXT},
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        )
    )
    layout = base_layout(
        rows=len(order),
        right_margin=_right_margin(label_x, labels),
        alt=trend_alt(frames, years),
        legend=True,
    )
    layout["height"] = max(240, len(order) * (ROW_HEIGHT - 6) + 140)
    return go.Figure(data=traces, layout=layout)


# (status, line dash, its entry in the key): the line's style says what it joins.
JOIN_STYLES = (
    (provenance.REAL, "solid", "Line: joins years of real returns"),
    (provenance.ILLUSTRATIVE, "dot", "Dotted line: joins years of the demonstration set"),
)


def _joins(by_indicator: dict, names: dict, statuses: dict, status: str) -> tuple[list, list]:
    """Line segments between consecutive years of one question that both have ``status``."""
    line_x, line_y = [], []
    for i, rows in by_indicator.items():
        held = [(int(y), _percent(v)) for y, v in zip(rows["year"], rows["percent"], strict=True)]
        for (year_a, a), (year_b, b) in pairwise(held):
            if provenance.compare(statuses, year_a, year_b).allowed and statuses[year_a] == status:
                line_x += [a, b, None]
                line_y += [names[i], names[i], None]
    return line_x, line_y


def _year_dots(
    frames: pd.DataFrame, year: int, rank: int, order: list[str], names: dict, label: str | None = None
) -> go.Scatter:
    """One year's dots; rank 0 is the newest year (solid), older years open shapes."""
    held = frames[frames["year"] == year].set_index("indicator")
    ids = [i for i in order if i in held.index]
    return go.Scatter(
        name=label or str(year),
        x=[_percent(held.at[i, "percent"]) for i in ids],
        y=[names[i] for i in ids],
        mode="markers",
        marker={
            "symbol": YEAR_SYMBOLS[rank % len(YEAR_SYMBOLS)],
            "size": 12,
            "color": YEAR_COLOURS[rank % len(YEAR_COLOURS)],
            "line": {"color": YEAR_COLOURS[rank % len(YEAR_COLOURS)], "width": 2},
        },
        customdata=[str(held.at[i, "short_label"]) for i in ids],
        hovertext=[
            f"<b>{held.at[i, 'name']}, {label or year}</b><br>{held.at[i, 'short_label']}<br>"
            f"Base: {int(held.at[i, 'base'])} {questions.base_words(held.loc[i])}"
            for i in ids
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        legendrank=rank,  # the key lists the newest year first
    )


def _trend_labels(by_indicator: dict[str, pd.DataFrame], statuses: dict) -> tuple[list[float], list[str]]:
    """Each row's label at its right end: '90% (2016) → 77% (2017)'; '|' where the status changes."""
    label_x, labels = [], []
    for rows in by_indicator.values():
        values = [_percent(v) for v in rows["percent"]]
        held = [int(y) for y in rows["year"]]
        pairs = [f"{v}% ({y})" for v, y in zip(values, held, strict=True)]
        label_x.append(max(values))
        if len(pairs) == 1:
            labels.append(f"{pairs[0]} only")
            continue
        joins = [" → " if provenance.compare(statuses, a, b).allowed else " | " for a, b in pairwise(held)]
        if len(pairs) > 3:
            labels.append(f"{pairs[0]} …{' | ' if ' | ' in joins else ' → '}{pairs[-1]}")
        else:
            labels.append(pairs[0] + "".join(j + p for j, p in zip(joins, pairs[1:], strict=True)))
    return label_x, labels


def trend_alt(frames: pd.DataFrame, years: list[int]) -> str:
    span = f"{years[0]} to {years[-1]}" if len(years) > 1 else str(years[0])
    n = frames["indicator"].nunique()
    return (
        f"Dot chart of the percentage of force returns answering yes to {n} questions, {span}, "
        f"one dot per year; {questions.trend_title(frames)}."
    )
