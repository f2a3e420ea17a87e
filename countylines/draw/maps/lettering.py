"""Names on the flow map: a marker at each force's anchor, every force with a flow named
where its name fits without overlapping another name, a marker or the panel (the busiest
first), and the number of lines written on the largest flows where the number fits."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from countylines.draw.maps.base import CITY_OF_LONDON, METRES_PER_PIXEL
from countylines.draw.maps.flow_marks import distances, flow_colour, point_at
from countylines.draw.palette import DARK_PINK, TEXT

LABEL_FONT_SIZE = 11
NUMBER_FONT_SIZE = 11

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
# Then, for a crowded spot, the same places further out, and last a name on a leader line.
FAR_PAD_PX = 13
LEADER_PX = 34
# Where along a flow its number is tried: the middle first, then out towards the ends.
NUMBER_PLACES = (0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8)


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


@dataclass(frozen=True)
class Name:
    """A force's name placed on the map: beside its anchor, or set off on a leader line."""

    x: float
    y: float
    text: str
    box: tuple
    position: str | None = None  # beside the anchor ("top right", ...)
    offset: tuple[float, float] | None = None  # on a leader line, pixels from the anchor


def place_names(areas, codes: list[str], involved: set, obstacles: list) -> list[Name]:
    """Each force's name (in the order given) where it fits: beside its anchor, a little
    further out on a short line, or further still; never over another name, a marker or an
    obstacle. The City is named in the London inset instead."""
    by_code = areas.set_index("code")
    markers = {code: _marker_box(by_code.at[code, "anchor_x"], by_code.at[code, "anchor_y"]) for code in involved}
    west, south, _, north = areas.total_bounds
    placed: list[Name] = []

    def free(box, others) -> bool:
        inside = box[0] >= west - 8_000 and box[1] >= south - 8_000 and box[3] <= north + 8_000
        return inside and not any(overlap(box, other) for other in others)

    for code in (c for c in codes if c != CITY_OF_LONDON):
        x, y, text = by_code.at[code, "anchor_x"], by_code.at[code, "anchor_y"], by_code.at[code, "name"]
        others = [*obstacles, *(n.box for n in placed), *(box for other, box in markers.items() if other != code)]
        name = _beside(x, y, text, others, free) or _on_a_line(x, y, text, others, free)
        if name is not None:
            placed.append(name)
    return placed


def _beside(x, y, text, others, free) -> Name | None:
    for position in LABEL_POSITIONS:
        box = text_box(x, y, text, position, LABEL_FONT_SIZE)
        if free(box, others):
            return Name(x, y, text, box, position=position)
    for position in LABEL_POSITIONS:
        box = text_box(x, y, text, position, LABEL_FONT_SIZE, pad_px=FAR_PAD_PX)
        if free(box, others):
            return Name(x, y, text, box, offset=_far_offset(position))
    return None


def _on_a_line(x, y, text, others, free) -> Name | None:
    """A spot LEADER_PX out, or further (eight directions), where the name fits on a line."""
    directions = ((1, 1), (-1, 1), (1, -1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
    for distance in (LEADER_PX, 1.6 * LEADER_PX):
        for dx, dy in directions:
            offset = (dx * distance, dy * distance)
            cx, cy = x + offset[0] * METRES_PER_PIXEL, y + offset[1] * METRES_PER_PIXEL
            box = text_box(cx, cy, text, "middle center", LABEL_FONT_SIZE)
            if free(box, others):
                return Name(x, y, text, box, offset=offset)
    return None


def draw_names(fig, names: list[Name]) -> None:
    """Names beside their anchors as one text trace; names on leader lines as annotations."""
    beside = [n for n in names if n.position]
    for name in names:
        if name.offset:
            fig.add_annotation(**_leader(name.x, name.y, name.text, name.offset))
    if beside:
        fig.add_trace(
            go.Scatter(
                x=[int(n.x) for n in beside],
                y=[int(n.y) for n in beside],
                mode="text",
                text=[n.text for n in beside],
                textposition=[n.position for n in beside],
                textfont={"size": LABEL_FONT_SIZE, "color": TEXT, "shadow": "auto"},
                hoverinfo="skip",
                showlegend=False,
                name="labels",
            )
        )


def label_order(flows: pd.DataFrame, focus: str | None, involved: set) -> list[str]:
    """The focus force first, then exporters by lines sent (the hubs a reader looks for),
    then the rest by lines received, then by number of flows."""
    weighted = flows.assign(_lines=flows["lines"].fillna(0).astype(float))
    sent = weighted.groupby("exporter_code")["_lines"].agg(["sum", "size"])
    received = weighted.groupby("importer_code")["_lines"].agg(["sum", "size"])
    ranked = pd.DataFrame(index=sorted(involved))
    ranked["sent"] = sent["sum"].reindex(ranked.index).fillna(0)
    ranked["received"] = received["sum"].reindex(ranked.index).fillna(0)
    ranked["flows"] = sent["size"].reindex(ranked.index).fillna(0) + received["size"].reindex(ranked.index).fillna(
        0
    )
    ranked = ranked.sort_values(["sent", "received", "flows"], ascending=False, kind="stable")
    codes = [code for code in ranked.index if code != focus]
    return ([focus] if focus else []) + codes


def _far_offset(position: str) -> tuple[float, float]:
    """Pixel offset of a name's anchor point placed FAR_PAD_PX out in that position."""
    vertical, horizontal = position.split()
    dx = {"right": 1, "left": -1, "center": 0}[horizontal]
    dy = {"top": 1, "bottom": -1, "middle": 0}[vertical]
    return (dx * FAR_PAD_PX, dy * FAR_PAD_PX)


def _leader(x, y, name, offset) -> dict:
    """A name set off from its anchor, joined to it by a thin line (or, close by, without)."""
    dx, dy = offset
    return {
        "x": float(x),
        "y": float(y),
        "xref": "x",
        "yref": "y",
        "ax": dx,
        "ay": -dy,  # annotation offsets count pixels downwards
        "text": name,
        "showarrow": True,
        "arrowhead": 0,
        "arrowwidth": 0.8,
        "arrowcolor": "#505A5F",
        "standoff": 3,
        "font": {"size": LABEL_FONT_SIZE, "color": TEXT},
        "xanchor": "left" if dx > 0 else "right" if dx < 0 else "center",
        "yanchor": "bottom" if dy > 0 else "top" if dy < 0 else "middle",
        "name": "labels",
    }


def number_annotation(x, y, text: str, colour: str) -> dict:
    """A flow's number of lines in a small white box edged in the flow's colour."""
    return {
        "x": x,
        "y": y,
        "xref": "x",
        "yref": "y",
        "text": f"<b>{text}</b>",
        "showarrow": False,
        "font": {"size": NUMBER_FONT_SIZE, "color": TEXT},
        "bgcolor": "rgba(255,255,255,0.92)",
        "bordercolor": colour,
        "borderwidth": 1,
        "borderpad": 1,
    }


def marker_boxes(areas, codes: set[str]) -> list[tuple]:
    chosen = areas[areas["code"].isin(codes)]
    return [_marker_box(x, y) for x, y in zip(chosen["anchor_x"], chosen["anchor_y"], strict=True)]


def add_flow_numbers(fig, flows: pd.DataFrame, curves: dict, ranks: range, obstacles: list, focus=None) -> list:
    """Write the number of lines on the flows of these ranks (0 the largest) where it fits;
    returns the boxes of the numbers written."""
    known = [(n, flow) for n, flow in enumerate(flows.itertuples(index=False)) if pd.notna(flow.lines)]
    largest = sorted(known, key=lambda item: int(item[1].lines), reverse=True)[ranks.start : ranks.stop]
    placed: list[tuple] = []
    for position, flow in largest:
        dense = curves[position]
        along = distances(dense)
        text = str(int(flow.lines))
        for fraction in NUMBER_PLACES:
            x, y = point_at(dense, along, fraction * along[-1])
            box = _grown(text_box(x, y, text + "  ", "middle center", NUMBER_FONT_SIZE), 3)
            if not any(overlap(box, other) for other in (*obstacles, *placed)):
                placed.append(box)
                colour = flow_colour(flow.exporter_code, flow.importer_code, focus)
                fig.add_annotation(**number_annotation(float(x), float(y), text, colour), name="flow number")
                break
    return placed


def _grown(box, pixels: float) -> tuple:
    pad = pixels * METRES_PER_PIXEL
    return (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)


def text_box(x, y, text, position, size, pad_px: float = 4) -> tuple[float, float, float, float]:
    """The rough extent in metres of a text label placed at (x, y) in that position."""
    width = 0.54 * size * len(text) * METRES_PER_PIXEL  # Arial averages about 0.5 em a letter
    height = 1.25 * size * METRES_PER_PIXEL
    pad = pad_px * METRES_PER_PIXEL
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
    return (float(x0), float(y0), float(x0 + width), float(y0 + height))


def _marker_box(x, y) -> tuple[float, float, float, float]:
    half = 3 * METRES_PER_PIXEL
    return (float(x - half), float(y - half), float(x + half), float(y + half))


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
