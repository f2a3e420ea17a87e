"""Filling force areas by class: colours with patterns as well (never colour alone), a value
written on each area, the City of London's inset, and the legend's look."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from countylines.draw.maps import base
from countylines.draw.maps.base import BORDER, CITY_INSET, CITY_OF_LONDON, ZERO_FILL
from countylines.draw.palette import DARK_BLUE, DARK_GREY, SEQUENTIAL_DARK, SEQUENTIAL_LIGHT, TEXT


def sequential(count: int) -> list[str]:
    """``count`` colours from light to dark between the two sequential ends."""
    if count <= 0:
        return []
    if count == 1:
        return [DARK_BLUE]
    light = np.array(_rgb(SEQUENTIAL_LIGHT), dtype=float)
    dark = np.array(_rgb(SEQUENTIAL_DARK), dtype=float)
    return [
        "#{:02X}{:02X}{:02X}".format(*np.round(light + (dark - light) * i / (count - 1)).astype(int))
        for i in range(count)
    ]


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _is_dark(colour: str) -> bool:
    red, green, blue = _rgb(colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 128


def add_classes(fig: go.Figure, areas, classes: pd.Series, styles: list[dict]) -> None:
    """One filled trace per class present, in legend order; the City also in its inset."""
    for style in styles:
        codes = classes.index[classes == style["label"]]
        if len(codes) == 0:
            continue
        chosen = areas[areas["code"].isin(codes)]
        xs, ys = base.rings(chosen.geometry)
        if CITY_OF_LONDON in set(codes):
            x0, y0, x1, y1 = CITY_INSET
            xs += [x0, x1, x1, x0, x0, None]
            ys += [y0, y0, y1, y1, y0, None]
        fig.add_trace(
            base.filled_shape(
                xs,
                ys,
                fill=style["fill"],
                line_colour=BORDER if not style["pattern"] else "#8C8C8C",
                line_width=0.6,
                name=style["label"],
                fillpattern=_pattern(style),
                legendgroup=style["label"],
            )
        )
        # A fill's own legend swatch is a 6 px strip; a bar's is a square that can
        # show the pattern, so an empty bar stands in for the class in the legend.
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                name=style["label"],
                legendgroup=style["label"],
                marker={
                    "color": style["fill"],
                    "pattern": _pattern(style) or {},
                    "line": {"color": "#6F777B", "width": 1},
                },
                hoverinfo="skip",
                showlegend=True,
            )
        )


def _pattern(style: dict) -> dict | None:
    if not style["pattern"]:
        return None
    return {**style["pattern"], "bgcolor": style["fill"], "fgopacity": 1}


def add_value_labels(fig, areas, classes, styles, texts: dict, hover: dict) -> None:
    """Value text at each anchor (the City's in its inset), carrying the hover text."""
    fills = {style["label"]: style["fill"] for style in styles}
    xs, ys, labels, colours, hovers = [], [], [], [], []
    for row in areas.itertuples(index=False):
        if row.code == CITY_OF_LONDON:
            x = (CITY_INSET[0] + CITY_INSET[2]) / 2
            y = (CITY_INSET[1] + CITY_INSET[3]) / 2
        else:
            x, y = row.anchor_x, row.anchor_y
        xs.append(int(x))
        ys.append(int(y))
        labels.append(texts.get(row.code, ""))
        fill = fills.get(classes.get(row.code), ZERO_FILL)
        colours.append("#FFFFFF" if _is_dark(fill) else TEXT)
        hovers.append(hover[row.code])
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=labels,
            textposition="middle center",
            textfont={"size": 11, "color": colours},
            marker={"size": 14, "color": "rgba(0,0,0,0)"},
            hovertext=hovers,
            hoverinfo="text",
            showlegend=False,
            name="values",
        )
    )
    city = areas[areas["code"] == CITY_OF_LONDON]
    if len(city):
        anchor = (float(city["anchor_x"].iloc[0]), float(city["anchor_y"].iloc[0]))
        fig.add_annotation(
            x=anchor[0],
            y=anchor[1],
            ax=CITY_INSET[0],
            ay=(CITY_INSET[1] + CITY_INSET[3]) / 2,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            text="",
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor=DARK_GREY,
        )
        fig.add_annotation(
            x=CITY_INSET[2],
            y=(CITY_INSET[1] + CITY_INSET[3]) / 2,
            xref="x",
            yref="y",
            text="City of London<br>(enlarged)",
            xanchor="left",
            xshift=3,
            align="left",
            showarrow=False,
            font={"size": 10, "color": DARK_GREY},
        )


def style_legend(fig: go.Figure, legend_title: str) -> None:
    fig.update_layout(legend_title_text=legend_title)
