"""Pure plotly builders for the national and theme screens: DataFrame in, Figure out.

``frame`` arguments are rows of ``ui.year_figures`` with a ``name`` column (see
``questions.with_names``): indicator, name, question, year, count, possible, base,
base_label, percent, possible_percent, short_label. ``printed`` is
``reconciliation.printed_by_indicator`` output.

Every figure has a one-sentence text alternative in ``fig.layout.meta["alt"]``, bars that
start at zero on a 0-100% axis, and direct labels; none uses a geo or map trace. The trend
across years is ``draw.trend_chart``.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from countylines.draw.palette import DARK_BLUE, DARK_GREY, FONT, GRID, LIGHT_BLUE, ORANGE, TEXT
from countylines.figures import questions, reconciliation

ROW_HEIGHT = 40  # pixels per bar: room for a two-line question name
LABEL_FONT_SIZE = 13
CHAR_WIDTH = 7.2  # about how wide one label character is at LABEL_FONT_SIZE, in pixels
AXIS_TITLE = "% of force returns"


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) if text else ""


def _tick_name(row) -> str:
    """The question's short name; a conditional base is said under it."""
    name = str(row["name"])
    base_label = row.get("base_label")
    if isinstance(base_label, str) and base_label:
        return f"{name}<br>(of forces reporting {base_label.lower()})"
    return name


def _percent(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def base_layout(rows: int, right_margin: int, alt: str, legend: bool, **extra) -> dict:
    """The layout every bar and dot chart shares, as one dict for go.Figure(layout=...):
    building a figure in one go is far cheaper than plotly's incremental update_* calls."""
    layout = {
        "height": max(200, rows * ROW_HEIGHT + 130),
        "margin": {"l": 10, "r": right_margin, "t": 40 if legend else 10, "b": 50},
        "font": {"family": FONT, "size": LABEL_FONT_SIZE, "color": TEXT},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "showlegend": legend,
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "traceorder": "normal",
            "font": {"size": 12},
        },
        "hoverlabel": {"font": {"family": FONT, "size": 13}, "bgcolor": "white", "align": "left"},
        "meta": {"alt": alt},
        "dragmode": False,
        "xaxis": {
            "range": [0, 100],
            "tickvals": [0, 25, 50, 75, 100],
            "ticktext": ["0%", "25%", "50%", "75%", "100%"],  # written out: a suffix is lost with tickvals
            "title": {"text": AXIS_TITLE, "standoff": 8, "font": {"color": TEXT, "size": 13}},
            "showgrid": True,
            "gridcolor": GRID,
            "zeroline": True,
            "zerolinecolor": DARK_GREY,
            "fixedrange": True,
            "tickfont": {"color": TEXT, "size": 12},
        },
        "yaxis": {
            "autorange": "reversed",
            "fixedrange": True,
            "ticks": "",
            "automargin": True,
            "ticklabelstandoff": 6,
            "tickfont": {"color": TEXT, "size": LABEL_FONT_SIZE},
        },
    }
    layout.update(extra)
    return layout


def _right_margin(label_starts: list[float], labels: list[str], px_per_percent: float = 4.5) -> int:
    """Room right of the plot for the labels of bars that end near 100%.

    A label that starts past 55% may run beyond the axis end; the margin takes the
    longest of those (the plot is at least about 450 pixels wide at 1280x720).
    """
    pairs = zip(label_starts, labels, strict=True)
    longest = (max(len(line) for line in text.split("<br>")) for text in labels)
    overhang = [
        width * CHAR_WIDTH - (100 - start) * px_per_percent
        for (start, _), width in zip(pairs, longest, strict=True)
    ]
    return int(min(320, max(30, 16 + max(overhang, default=0))))


def indicator_bars(
    frame: pd.DataFrame, printed: pd.DataFrame | None = None, year: int | None = None, narrow: bool = False
) -> go.Figure:
    """Sorted horizontal bars of percent answering yes, with possible as a lighter segment.

    ``narrow``: for a chart beside other content (National's first screen), a printed figure
    that differs goes on a second line of its bar's label rather than after it.

    Trace 0 is yes (x = percent, text = '77% (33 of 43)'), trace 1 is possible
    (x = possible percent, stacked after yes, never added into the yes label), trace 2
    holds the direct labels and, where the NCA printed a figure, trace 3 marks it.
    """
    # Long: the stacked bar traces are declared here in full, as plotly takes them; what decides
    # anything (hover text, where labels go, printed markers) is in the helpers below.
    rows = questions.sort_for_chart(frame)
    year = year if year is not None else (int(rows["year"].iloc[0]) if len(rows) else None)
    names = [_tick_name(row) for _, row in rows.iterrows()]
    percent = [_percent(v) for v in rows["percent"]]
    possible_percent = [_percent(v) for v in rows["possible_percent"]]
    possible = [int(v) for v in rows["possible"]]
    printed = printed if printed is not None else reconciliation.printed_by_indicator(pd.DataFrame())
    shown_printed = printed[printed["indicator"].isin(rows["indicator"])]

    hover = _bar_hover(rows, printed, possible, year)

    label_x, labels = _direct_labels(rows, percent, possible_percent, possible, shown_printed, narrow)
    traces = [
        go.Bar(
            name="Yes",
            orientation="h",
            y=names,
            x=percent,
            text=rows["short_label"].to_list(),
            textposition="none",
            marker={"color": DARK_BLUE},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=rows["indicator"].to_list(),
        ),
        go.Bar(
            name="Possible (not counted in the %)",
            orientation="h",
            y=names,
            x=possible_percent,
            text=[f"+{n} possible" if n else "" for n in possible],
            textposition="none",
            marker={
                "color": LIGHT_BLUE,
                "line": {"color": DARK_BLUE, "width": 1},
                "pattern": {"shape": "/", "fgcolor": DARK_BLUE, "size": 6, "solidity": 0.25},
            },
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=any(possible),
        ),
        go.Scatter(
            name="labels",
            y=names,
            x=label_x,
            mode="text",
            # Clear of a printed marker at the bar end, on each line of a two-line label.
            text=["\u2002\u2002" + t.replace("<br>", "<br>\u2002\u2002") for t in labels],
            textposition="middle right",
            textfont={"size": LABEL_FONT_SIZE, "color": TEXT},
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        ),
    ]
    if not shown_printed.empty:
        traces.append(_printed_markers(shown_printed, dict(zip(rows["indicator"], names, strict=True))))
    layout = base_layout(
        rows=len(rows),
        # Beside other content the plot is about 200 px wide, not 450: 2 px a percent.
        right_margin=_right_margin(label_x, labels, 2.0 if narrow else 4.5),
        alt=bars_alt(rows, year),
        legend=any(possible) or not shown_printed.empty,
        barmode="stack",
        bargap=0.35,
    )
    return go.Figure(data=traces, layout=layout)


def _bar_hover(rows: pd.DataFrame, printed: pd.DataFrame, possible: list[int], year: int | None) -> list[str]:
    """Each bar's hover: the figure, possible apart, the base, any printed figure, the question."""
    hover = []
    for (_, row), n_possible in zip(rows.iterrows(), possible, strict=True):
        lines = [
            f"<b>{row['name']}</b>",
            f"Yes: {row['short_label']}",
            f"Possible: {n_possible} (not counted in the percentage)",
            f"Base: {int(row['base'])} {questions.base_words(row)}" + (f", {year}" if year else ""),
        ]
        text = reconciliation.printed_text(printed, row["indicator"], with_paragraph=True)
        if text:
            lines.append(f"NCA printed: {text}")
        lines.append(f"<i>{_wrap(row['question'])}</i>")
        hover.append("<br>".join(lines))
    return hover


def _direct_labels(
    rows, percent, possible_percent, possible, shown_printed, narrow: bool = False
) -> tuple[list[float], list[str]]:
    """Where each bar's label starts (after the bar, and after a printed marker beyond it) and its text."""
    printed_max = shown_printed.groupby("indicator")["printed_percent"].max()
    label_x, labels = [], []
    for (_, row), pct, extra, n_possible in zip(rows.iterrows(), percent, possible_percent, possible, strict=True):
        end = pct + extra
        mark = printed_max.get(row["indicator"])
        start = max(end, int(mark)) if mark is not None and not pd.isna(mark) else end
        text = str(row["short_label"])
        if n_possible:
            text += f" +{n_possible} possible"
        mine = shown_printed[shown_printed["indicator"] == row["indicator"]]
        differs = [
            f"{int(r.printed_percent)}% ({reconciliation.paragraph(r.source_ref)})"
            for r in mine.itertuples()
            if r.printed_percent != pct
        ]
        if differs:
            text += ("<br>" if narrow else " · ") + "NCA printed " + ", ".join(differs)
        label_x.append(start)
        labels.append(text)
    return label_x, labels


def _printed_markers(shown_printed: pd.DataFrame, name_of: dict[str, str]) -> go.Scatter:
    """An orange diamond where the NCA's printed figure sits, for each question it printed."""
    return go.Scatter(
        name="NCA printed figure",
        y=[name_of[i] for i in shown_printed["indicator"]],
        x=[int(p) for p in shown_printed["printed_percent"]],
        mode="markers",
        marker={
            "symbol": "diamond",
            "size": 12,
            "color": ORANGE,
            "line": {"color": TEXT, "width": 1.5},
        },
        text=[f"NCA printed {p}" for p in shown_printed["printed"]],
        hovertext=[f"NCA printed {r.printed}<br>{r.source_ref}" for r in shown_printed.itertuples(index=False)],
        hovertemplate="%{hovertext}<extra></extra>",
        cliponaxis=False,
    )


def bars_alt(rows: pd.DataFrame, year: int | None) -> str:
    if rows.empty:
        return "An empty bar chart: no questions are held for this year."
    top, bottom = rows.iloc[0], rows.iloc[-1]
    when = f" in {year}" if year else ""
    return (
        f"Horizontal bar chart of the percentage of force returns answering yes to {len(rows)} "
        f"questions{when}, most reported first: {top['name']} was highest at {top['short_label']} "
        f"and {bottom['name']} lowest at {bottom['short_label']}."
    )
