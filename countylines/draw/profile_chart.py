"""The force profile's chart: national percent answering yes as grey bars, the force's answer
in words beside each bar."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from countylines.draw.palette import DARK_BLUE as HIGHLIGHT
from countylines.draw.palette import HIGHLIGHT_OFF as CONTEXT
from countylines.draw.palette import TEXT
from countylines.figures import nca
from countylines.figures.profile import answer_text, chart_order


def comparison_chart(rows: pd.DataFrame, force_name: str, year: int) -> go.Figure:
    """National percent answering yes as grey bars, sorted; the force's answer in words beside each."""
    # Long: one figure declared in full (two traces and a layout), as plotly takes it.
    ordered = chart_order(rows)
    # Plotly draws the first category at the bottom; reverse so the largest is on top.
    drawn = ordered.iloc[::-1]
    questions = drawn["Question"].tolist()
    bars = go.Bar(
        x=drawn["percent"].fillna(0).tolist(),
        y=questions,
        orientation="h",
        marker={"color": CONTEXT},
        text=[nca.short_label(c, b) for c, b in zip(drawn["count"], drawn["base"], strict=True)],
        textposition="outside",
        cliponaxis=False,
        textfont={"color": TEXT, "size": 12},
        hovertemplate="%{y}: %{text} of forces answered yes<extra></extra>",
        name="Forces answering yes (national)",
        showlegend=False,
        xaxis="x",
        yaxis="y",
    )
    answers = go.Scatter(
        x=[0] * len(drawn),
        y=questions,
        mode="text",
        text=[answer_text(a) for a in drawn["answer"]],
        textposition="middle right",
        textfont={"color": HIGHLIGHT, "size": 13},
        hovertemplate=f"{force_name}: %{{text}}<extra></extra>",
        name=f"{force_name}'s answer",
        showlegend=False,
        xaxis="x2",
        yaxis="y2",
    )
    said_yes = int((rows["answer"] == "yes").sum())
    # Every question named (dtick 1), never thinned to every other one as plotly does when
    # it judges the axis crowded; the height below leaves 22 px a bar for 12 px names.
    y_axis = {"tickfont": {"size": 12, "color": TEXT}, "automargin": True, "dtick": 1, "domain": [0.0, 1.0]}
    # Two panels side by side sharing the questions (as make_subplots lays them out, in one go).
    layout = dict(
        xaxis={
            "anchor": "y",
            "domain": [0.0, 0.7326],
            "range": [0, 125],
            "tickvals": [0, 25, 50, 75, 100],
            "ticksuffix": "%",
            "showgrid": True,
            "gridcolor": "#E5E5E5",
            "zeroline": True,
            "zerolinecolor": "#3D3D3D",
        },
        xaxis2={"anchor": "y2", "domain": [0.7426, 1.0], "range": [0, 1], "visible": False},
        yaxis={"anchor": "x", **y_axis},
        yaxis2={"anchor": "x2", "matches": "y", "showticklabels": False, **y_axis},
        height=max(320, 22 * len(rows) + 90),
        margin={"l": 10, "r": 10, "t": 50, "b": 30},
        plot_bgcolor="white",
        paper_bgcolor="white",
        bargap=0.3,
        font={"family": "sans-serif", "color": TEXT},
        annotations=[
            {
                "text": f"Forces answering yes, {year} (grey bars)",
                "x": 0,
                "xref": "x domain",
                "y": 1.0,
                "yref": "paper",
                "yanchor": "bottom",
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 13},
            },
            {
                "text": f"<b>{force_name}'s answer</b>",
                "x": 0,
                "xref": "x2 domain",
                "y": 1.0,
                "yref": "paper",
                "yanchor": "bottom",
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 13, "color": HIGHLIGHT},
            },
        ],
        meta={
            "alt": (
                f"Bar chart of the percentage of forces answering yes to each of {len(rows)} questions "
                f"in {year}, largest first, with {force_name}'s answer written beside each bar; "
                f"{force_name} answered yes to {said_yes}."
            )
        },
    )
    return go.Figure(data=[bars, answers], layout=layout)
