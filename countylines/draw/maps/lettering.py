"""Names on the flow map: markers at each force's anchor, the City of London called out beside
the Met, and the biggest exporters named where a name fits without overlapping another."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from countylines.draw.maps.base import CITY_INSET, CITY_OF_LONDON, METRES_PER_PIXEL
from countylines.draw.palette import DARK_PINK, TEXT

LABEL_FONT_SIZE = 12


# Places tried in turn for a force's name around its anchor; the first free one wins.
LABEL_POSITIONS = (
    "top right",
    "top left",
    "bottom right",
    "bottom left",
    "middle right",
    "middle left",
    "top center",
    "bottom center",
)


def add_anchor_markers(fig: go.Figure, areas, codes: set[str]) -> None:
    chosen = areas[areas["code"].isin(codes)]
    others = chosen[chosen["code"] != CITY_OF_LONDON]
    fig.add_trace(
        go.Scatter(
            x=others["anchor_x"].astype(int).tolist(),
            y=others["anchor_y"].astype(int).tolist(),
            mode="markers",
            marker={"size": 6, "color": "#FFFFFF", "line": {"color": TEXT, "width": 1.2}},
            hovertext=others["name"].tolist(),
            hoverinfo="text",
            showlegend=False,
            name="forces",
        )
    )
    city = chosen[chosen["code"] == CITY_OF_LONDON]
    if len(city):
        fig.add_trace(
            go.Scatter(
                x=city["anchor_x"].astype(int).tolist(),
                y=city["anchor_y"].astype(int).tolist(),
                mode="markers",
                marker={
                    "size": 8,
                    "symbol": "diamond",
                    "color": DARK_PINK,
                    "line": {"color": "#FFFFFF", "width": 1},
                },
                hovertext=city["name"].tolist(),
                hoverinfo="text",
                showlegend=False,
                name="City of London",
            )
        )


def add_city_callout(fig: go.Figure, city_anchor) -> tuple[float, float, float, float]:
    """Label the City of London out in the estuary, with a leader line to its marker."""
    x, y = CITY_INSET[0], (CITY_INSET[1] + CITY_INSET[3]) / 2
    fig.add_annotation(
        x=city_anchor[0],
        y=city_anchor[1],
        ax=x,
        ay=y,
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        text="City of London",
        xanchor="left",
        showarrow=True,
        arrowhead=0,
        arrowwidth=1,
        arrowcolor=DARK_PINK,
        standoff=4,
        font={"size": 11, "color": DARK_PINK},
        bgcolor="rgba(255,255,255,0.8)",
    )
    return text_box(x, y, "City of London", "middle right", 11)


def add_exporter_labels(fig, areas, flows, focus, label_top, obstacles) -> None:
    """Name the biggest exporters, or the focus force and its partners, where names fit."""
    if flows.empty and not focus:
        return
    codes = [code for code in _label_candidates(flows, focus) if code != CITY_OF_LONDON]
    codes = codes[: label_top + (1 if focus else 0)]
    by_code = areas.set_index("code")
    involved = set(flows["exporter_code"]) | set(flows["importer_code"])
    markers = {
        row.code: _marker_box(row.anchor_x, row.anchor_y) for row in areas.itertuples() if row.code in involved
    }
    placed = list(obstacles)
    xs, ys, texts, positions = [], [], [], []
    for code in codes:
        row = by_code.loc[code]
        others = placed + [box for other, box in markers.items() if other != code]
        for position in LABEL_POSITIONS:
            box = text_box(row.anchor_x, row.anchor_y, row["name"], position, LABEL_FONT_SIZE)
            if not any(overlap(box, other) for other in others):
                placed.append(box)
                xs.append(int(row.anchor_x))
                ys.append(int(row.anchor_y))
                texts.append(row["name"])
                positions.append(position)
                break
    if texts:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="text",
                text=texts,
                textposition=positions,
                textfont={"size": LABEL_FONT_SIZE, "color": TEXT, "shadow": "auto"},
                hoverinfo="skip",
                showlegend=False,
                name="labels",
            )
        )


def _label_candidates(flows: pd.DataFrame, focus: str | None) -> list[str]:
    """Exporters by lines sent (then flow count); with a focus, it and its partners."""
    weighted = flows.assign(_lines=flows["lines"].fillna(0).astype(float))
    if focus:
        partner = weighted["importer_code"].where(weighted["exporter_code"] == focus, weighted["exporter_code"])
        weighted = weighted.assign(_code=partner)
    else:
        weighted = weighted.assign(_code=weighted["exporter_code"])
    ranked = (
        weighted.groupby("_code")
        .agg(total=("_lines", "sum"), count=("_lines", "size"))
        .sort_values(["total", "count"], ascending=False, kind="stable")
    )
    codes = [code for code in ranked.index if code != focus]
    return ([focus] if focus else []) + codes


def text_box(x, y, text, position, size) -> tuple[float, float, float, float]:
    """The rough extent in metres of a text label placed at (x, y) in that position."""
    width = 0.58 * size * len(text) * METRES_PER_PIXEL
    height = 1.25 * size * METRES_PER_PIXEL
    pad = 4 * METRES_PER_PIXEL
    vertical, horizontal = position.split()
    if horizontal == "right":
        x0 = x + pad
    elif horizontal == "left":
        x0 = x - pad - width
    else:
        x0 = x - width / 2
    if vertical == "top":
        y0 = y + pad
    elif vertical == "bottom":
        y0 = y - pad - height
    else:
        y0 = y - height / 2
    return (x0, y0, x0 + width, y0 + height)


def _marker_box(x, y) -> tuple[float, float, float, float]:
    half = 3 * METRES_PER_PIXEL
    return (x - half, y - half, x + half, y + half)


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
