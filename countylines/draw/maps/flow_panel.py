"""The flow map's panel, right of England and Wales: London enlarged, where the Metropolitan
Police, the City of London and their arrows can be read apart, and a key whose swatches are
drawn as the marks they explain (arrows of each width class, in the arrows' own colours).

Everything here is drawn in the map's own metres, so it scales and exports with the map.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely import affinity

from countylines.draw.maps import base
from countylines.draw.maps.base import BORDER, CITY_OF_LONDON, LAND, METRES_PER_PIXEL
from countylines.draw.maps.flow_marks import (
    UNKNOWN_OPACITY,
    UNKNOWN_WIDTH,
    WIDTH_CLASSES,
    add_heads,
    add_line,
    arrow_parts,
    bezier,
    class_label,
    flow_colour,
    flow_hover_text,
    width_class,
)
from countylines.draw.maps.lettering import number_annotation
from countylines.draw.palette import DARK_BLUE, DARK_PINK, ORANGE, SEQUENTIAL_LIGHT, TEXT

MET = "E23000001"
LONDON = {MET, CITY_OF_LONDON}
# The part of the map enlarged: 66 km around the Met and the City, drawn 250 km wide.
WINDOW = (499_500.0, 145_500.0, 565_500.0, 211_500.0)
INSET_SIZE = 250_000.0
PANEL_GAP = 22_000.0
ROW = 21 * METRES_PER_PIXEL  # one line of the key
CITY_FILL = "#E8C5D5"  # a light plum, so the City's small area shows in its own colour


def panel_left(areas) -> float:
    return float(areas.total_bounds[2]) + PANEL_GAP


def inset_box(areas) -> tuple[float, float, float, float]:
    left = panel_left(areas)
    bottom = float(areas.total_bounds[1]) + 8_000
    return (left, bottom, left + INSET_SIZE, bottom + INSET_SIZE)


def to_inset(areas):
    """The similarity that takes WINDOW onto the inset box: (scale, function on points)."""
    x0, y0, _, _ = inset_box(areas)
    scale = INSET_SIZE / (WINDOW[2] - WINDOW[0])

    def move(point):
        return np.array([x0 + (point[0] - WINDOW[0]) * scale, y0 + (point[1] - WINDOW[1]) * scale])

    return scale, move


# London ------------------------------------------------------------------------------------


def add_london(fig: go.Figure, areas, shown: pd.DataFrame, anchors: dict, focus, involved: set) -> tuple:
    """London enlarged in the panel when the Met or the City has a flow or is chosen.

    Returns the panel's extent (x0, y0, x1, y1), which names on the map must keep out of."""
    _minx, miny, maxx, maxy = areas.total_bounds
    extent = (panel_left(areas) - 6_000, miny - 8_000, maxx + base.FLOW_PANEL_M, maxy + 8_000)
    if not (LONDON & involved):
        return extent
    scale, move = to_inset(areas)
    box = inset_box(areas)
    frame = shapely.box(*box)
    _inset_land(fig, areas, move, scale, focus)
    ours = shown[shown["exporter_code"].isin(LONDON) | shown["importer_code"].isin(LONDON)]
    heads: dict[str, tuple[list, list]] = {}
    for flow in ours.itertuples(index=False):
        lines = None if pd.isna(flow.lines) else int(flow.lines)
        _, width, opacity = width_class(lines)
        colour = flow_colour(flow.exporter_code, flow.importer_code, focus)
        parts = _inset_arrow(move(anchors[flow.exporter_code]), move(anchors[flow.importer_code]), frame, width)
        if parts is None:
            continue
        curve, head = parts
        hover = flow_hover_text(flow.exporter, flow.importer, flow.year, lines)
        add_line(fig, curve, colour, width, opacity, lines, hover, name=f"London: {hover.split(',')[0]}")
        xs, ys = heads.setdefault(colour, ([], []))
        xs.extend([*head[:, 0].round().astype(int).tolist(), None])
        ys.extend([*head[:, 1].round().astype(int).tolist(), None])
    add_heads(fig, heads, name="London arrowheads")
    _inset_marks(fig, areas, move, box, anchors)
    _window_on_map(fig, box)
    return extent


def _inset_land(fig, areas, move, scale, focus) -> None:
    x0, y0 = move((WINDOW[0], WINDOW[1]))
    window = shapely.box(*WINDOW)
    xs, ys = base.rings([shapely.box(x0, y0, x0 + INSET_SIZE, y0 + INSET_SIZE)])
    fig.add_trace(
        base.filled_shape(xs, ys, fill="#FFFFFF", line_colour="#6F777B", line_width=1, name="London inset")
    )
    for row in areas.itertuples(index=False):
        if not row.geometry.intersects(window):
            continue
        part = row.geometry.intersection(window)
        part = affinity.affine_transform(
            part, [scale, 0, 0, scale, x0 - WINDOW[0] * scale, y0 - WINDOW[1] * scale]
        )
        xs, ys = base.rings([part])
        city = row.code == CITY_OF_LONDON
        fill = CITY_FILL if city else SEQUENTIAL_LIGHT if row.code == focus else LAND
        fig.add_trace(
            base.filled_shape(
                xs,
                ys,
                fill=fill,
                line_colour=DARK_PINK if city else BORDER,
                line_width=1.2 if city else 1,
                name=f"{row.name} (London enlarged)",
                hoveron="fills",
            ).update(hoverinfo="text", hovertext=str(row.name))
        )


def _inset_arrow(start, end, frame, width):
    """The arrow between two enlarged anchors, cut at the inset's frame; a head where it ends
    in London, or where it leaves the frame pointing the way it goes."""
    dense = bezier(start, end)
    inside_end = frame.contains(shapely.Point(end))
    inside_start = frame.contains(shapely.Point(start))
    if not (inside_end or inside_start):
        return None
    if inside_end:
        curve, head = arrow_parts(dense, width)
        return _clipped(curve, frame, keep_end=True), head
    kept = _clipped(dense, frame, keep_end=False)
    return arrow_parts(kept, width, gap_px=0) if len(kept) > 1 else None


def _clipped(points: np.ndarray, frame, keep_end: bool) -> np.ndarray:
    """The run of a line inside the frame that holds its start (or its end)."""
    pieces = shapely.get_parts(shapely.LineString(points).intersection(frame))
    anchor = shapely.Point(points[-1] if keep_end else points[0])
    pieces = [p for p in pieces if p.geom_type == "LineString" and not p.is_empty]
    if not pieces:
        return points[-1:] if keep_end else points[:1]
    nearest = min(pieces, key=lambda p: p.distance(anchor))
    return np.asarray(nearest.coords)


def _inset_marks(fig, areas, move, box, anchors) -> None:
    """Markers and names for the Met and the City in the inset, and the inset's title."""
    for code, symbol, colour, size in ((MET, "circle", "#FFFFFF", 9), (CITY_OF_LONDON, "diamond", DARK_PINK, 7)):
        x, y = move(anchors[code])
        name = "Metropolitan Police" if code == MET else "City of London"
        fig.add_trace(
            go.Scatter(
                x=[round(x)],
                y=[round(y)],
                mode="markers",
                marker={"size": size, "symbol": symbol, "color": colour, "line": {"color": TEXT, "width": 1.2}},
                hovertext=[name],
                hoverinfo="text",
                showlegend=False,
                name=f"{name} (London enlarged)",
            )
        )
        # The Met named above its centre, the City below its own: both inside the frame.
        above = code == MET
        fig.add_annotation(
            x=x,
            y=y,
            xref="x",
            yref="y",
            text=f"<b>{name}</b>",
            showarrow=False,
            xanchor="left" if above else "center",
            yanchor="bottom" if above else "top",
            xshift=-34 if above else 0,
            yshift=8 if above else -8,
            font={"size": 12, "color": DARK_PINK if not above else TEXT},
            bgcolor="rgba(255,255,255,0.85)",
            name="London names",
        )
    fig.add_annotation(
        x=box[0],
        y=box[3],
        xref="x",
        yref="y",
        text=f"<b>London, enlarged {INSET_SIZE / (WINDOW[2] - WINDOW[0]):.1f} times</b>",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"size": 12, "color": TEXT},
        name="London title",
    )


def _window_on_map(fig, box) -> None:
    """Where the inset comes from: its window outlined on the map, joined to the inset."""
    x0, y0, x1, y1 = WINDOW
    fig.add_trace(
        go.Scatter(
            x=[x0, x1, x1, x0, x0, None, x1, box[0]],
            y=[y0, y0, y1, y1, y0, None, (y0 + y1) / 2, (box[1] + box[3]) / 2],
            mode="lines",
            line={"color": "#6F777B", "width": 1, "dash": "dot"},
            hoverinfo="skip",
            showlegend=False,
            name="London window",
        )
    )


# The key -------------------------------------------------------------------------------------


def add_key(fig: go.Figure, areas, shown: pd.DataFrame, focus, focus_name, numbered: int) -> None:
    """What colour, width, dots, numbers and circles mean, each shown as it is drawn."""
    if shown.empty:
        return
    left = panel_left(areas) + 4_000
    top = float(areas.total_bounds[3])
    colours = list(
        dict.fromkeys(
            flow_colour(e, i, focus) for e, i in zip(shown["exporter_code"], shown["importer_code"], strict=True)
        )
    )
    rows: list[tuple[list[tuple[str, float, float, str]], str]] = []
    if focus:
        if DARK_BLUE in colours:
            rows.append(([(DARK_BLUE, 3.0, 0.9, "solid")], f"Lines out of {focus_name}"))
        if ORANGE in colours:
            rows.append(([(ORANGE, 3.0, 0.9, "solid")], f"Lines into {focus_name}"))
    known = shown["lines"].dropna().astype(int)
    present = {width_class(n)[0] for n in known}
    for low, high, width, opacity in WIDTH_CLASSES:
        if class_label(low, high) in present:
            rows.append(([(c, width, opacity, "solid") for c in colours], class_label(low, high)))
    if shown["lines"].isna().any():
        rows.append(([(c, UNKNOWN_WIDTH, UNKNOWN_OPACITY, "dot") for c in colours], "Number of lines not given"))
    _key_title(fig, left, top)
    heads: dict[str, tuple[list, list]] = {}
    for n, (swatches, label) in enumerate(rows, start=1):
        y = top - n * ROW
        for k, (colour, width, opacity, dash) in enumerate(swatches):
            start = np.array([left + k * 50 * METRES_PER_PIXEL, y])
            dense = np.linspace(start, start + np.array([44 * METRES_PER_PIXEL, 0.0]), 30)
            curve, head = arrow_parts(dense, width, gap_px=0)
            add_line(fig, curve, colour, width, opacity, "key" if dash == "solid" else None, label, name="key")
            fig.data[-1].hoverinfo = "skip"
            xs, ys = heads.setdefault(colour, ([], []))
            xs.extend([*head[:, 0].round().astype(int).tolist(), None])
            ys.extend([*head[:, 1].round().astype(int).tolist(), None])
        _key_text(fig, left + (len(swatches) * 50 + 4) * METRES_PER_PIXEL, y, label)
    add_heads(fig, heads, name="key arrowheads")
    y = top - (len(rows) + 1) * ROW
    if numbered:
        _key_number(fig, left + 22 * METRES_PER_PIXEL, y, colours[-1])
        _key_text(
            fig,
            left + 54 * METRES_PER_PIXEL,
            y,
            "Lines in the largest flow" if numbered == 1 else f"Lines in the {numbered} largest flows",
        )
        y -= ROW
    fig.add_trace(
        go.Scatter(
            x=[left + 22 * METRES_PER_PIXEL],
            y=[y],
            mode="markers",
            marker={"size": 6, "color": "#FFFFFF", "line": {"color": TEXT, "width": 1.2}},
            hoverinfo="skip",
            showlegend=False,
            name="key",
        )
    )
    _key_text(fig, left + 54 * METRES_PER_PIXEL, y, "Where a force's lines start and end")


def _key_title(fig, left, top) -> None:
    fig.add_annotation(
        x=left, y=top, xref="x", yref="y", text="<b>County lines, exporter → importer</b>",
        showarrow=False, xanchor="left", yanchor="middle", font={"size": 12, "color": TEXT}, name="key",
    )  # fmt: skip


def _key_text(fig, x, y, text) -> None:
    fig.add_annotation(
        x=x, y=y, xref="x", yref="y", text=text, showarrow=False, xanchor="left", yanchor="middle",
        font={"size": 12, "color": TEXT}, name="key",
    )  # fmt: skip


def _key_number(fig, x, y, colour) -> None:
    fig.add_annotation(**number_annotation(x, y, "12", colour), name="key")
