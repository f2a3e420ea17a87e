"""Flow maps: curved arrows from exporting to importing force areas, drawn with no network.

Inputs:

- ``areas``: the GeoDataFrame from ``countylines.boundaries.load_force_areas`` with
  ``code, name, geometry (EPSG:27700), anchor_x, anchor_y``.
- ``flows``: a DataFrame with ``year, exporter_code, exporter, importer_code, importer,
  lines`` (``lines`` a nullable integer; missing means the number was not given).

Every figure carries the ONS attribution as an annotation and a one-sentence text
alternative in ``fig.layout.meta["alt"]`` (see ``countylines.map_drawing``). The
choropleths live in ``countylines.choropleths`` and are re-exported here so
``maps.count_choropleth`` and friends keep working.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from countylines import map_drawing as drawing
from countylines.choropleths import (  # noqa: F401  re-exported
    ANSWER_STYLES,
    answer_choropleth,
    band_label,
    change_bands,
    change_choropleth,
    change_label,
    count_bands,
    count_choropleth,
    difference_counts,
)
from countylines.map_drawing import (
    CITY_INSET,
    CITY_OF_LONDON,
    DARK_BLUE,
    DARK_GREY,
    DARK_PINK,
    ORANGE,
    TEXT,
)

# About how many metres one screen pixel covers when England and Wales fill a
# 1280x720 figure; used to size arrowheads and to keep labels from overlapping.
METRES_PER_PIXEL = 1_050.0
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


def flow_map(
    areas,
    flows: pd.DataFrame,
    focus: str | None = None,
    direction: str = "both",
    title: str | None = None,
    label_top: int = 6,
    top: int | None = None,
) -> go.Figure:
    """Curved arrows from exporter to importer, width by number of lines, biggest on top.

    ``focus`` (a force code) keeps only flows out of and/or into that force, as chosen
    by ``direction`` ("both", "out" or "into"), and highlights the force. ``top`` keeps
    only that many of the largest flows (those with a number of lines come first).
    ``label_top`` is how many of the biggest exporters (or focus partners) are named.
    """
    if direction not in ("both", "into", "out"):
        raise ValueError(f"direction must be 'both', 'into' or 'out', not {direction!r}")
    anchors = drawing.anchor_lookup(areas)
    names = dict(zip(areas["code"], areas["name"], strict=True))
    shown = _filter_flows(flows, focus, direction)
    shown = shown[shown["exporter_code"].isin(anchors) & shown["importer_code"].isin(anchors)]
    shown = _draw_order(shown)
    if top is not None:
        shown = shown.iloc[max(len(shown) - top, 0) :]
    year_text = _years_text(flows["year"] if len(flows) else pd.Series(dtype="Int64"))
    focus_name = names.get(focus) if focus else None

    fig = go.Figure()
    drawing.add_land(fig, areas, highlight=focus)

    known = shown["lines"].dropna()
    max_lines = int(known.max()) if len(known) else 1
    arrowheads: dict[str, tuple[list, list]] = {}
    for flow in shown.itertuples(index=False):
        colour = _flow_colour(flow, focus)
        lines = None if pd.isna(flow.lines) else int(flow.lines)
        width = _flow_width(lines, max_lines)
        curve, head = _curved_arrow(anchors[flow.exporter_code], anchors[flow.importer_code], width)
        fig.add_trace(
            go.Scatter(
                x=curve[:, 0].round().astype(int).tolist(),
                y=curve[:, 1].round().astype(int).tolist(),
                mode="lines",
                line={"color": colour, "width": width, "dash": "solid" if lines else "dot"},
                # Thin lines recede so the big flows read first through the tangle.
                opacity=0.55 if lines is None else round(0.55 + 0.4 * lines / max_lines, 2),
                hovertext=flow_hover_text(flow.exporter, flow.importer, flow.year, lines),
                hoverinfo="text",
                showlegend=False,
                name=f"{flow.exporter} → {flow.importer}",
            )
        )
        xs, ys = arrowheads.setdefault(colour, ([], []))
        xs.extend([*head[:, 0].round().astype(int).tolist(), None])
        ys.extend([*head[:, 1].round().astype(int).tolist(), None])

    for colour, (xs, ys) in arrowheads.items():
        fig.add_trace(
            drawing.filled_shape(xs, ys, fill=colour, line_colour=colour, line_width=0.5, name="arrowheads")
        )

    involved = set(shown["exporter_code"]) | set(shown["importer_code"])
    if focus:
        involved.add(focus)
    _add_anchor_markers(fig, areas, involved)
    obstacles = []
    if CITY_OF_LONDON in involved:
        obstacles.append(_add_city_callout(fig, anchors[CITY_OF_LONDON]))
    _add_exporter_labels(fig, areas, shown, focus, label_top, obstacles)
    _add_width_key(fig, shown, focus, focus_name, max_lines)

    if title is None:
        title = _default_flow_title(focus_name, direction, year_text)
    alt = _flow_alt_text(shown, focus_name, direction, year_text)
    if shown.empty:
        fig.add_annotation(
            text=_empty_message(focus_name, direction, year_text),
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            showarrow=False,
            font={"size": 14, "color": TEXT},
            bgcolor="rgba(255,255,255,0.9)",
            name="empty",
        )
    drawing.finish(fig, areas, title, alt)
    return fig


def flow_hover_text(exporter: str, importer: str, year, lines: int | None) -> str:
    """'Metropolitan Police → Norfolk, 2017: 12 lines' (or 'lines not given')."""
    if lines is None or pd.isna(lines):
        amount = "lines not given"
    else:
        amount = f"{int(lines)} line" + ("" if int(lines) == 1 else "s")
    return f"{exporter} → {importer}, {year}: {amount}"


def _filter_flows(flows: pd.DataFrame, focus: str | None, direction: str) -> pd.DataFrame:
    if not focus:
        return flows
    out_of = flows["exporter_code"] == focus
    into = flows["importer_code"] == focus
    keep = {"out": out_of, "into": into, "both": out_of | into}[direction]
    return flows[keep]


def _draw_order(flows: pd.DataFrame) -> pd.DataFrame:
    """Unknown numbers first (thin, underneath), then ascending, so the largest is on top."""
    ordered = flows.assign(_known=flows["lines"].notna(), _lines=flows["lines"].fillna(0))
    ordered = ordered.sort_values(["_known", "_lines"], kind="stable")
    return ordered.drop(columns=["_known", "_lines"])


def _flow_colour(flow, focus: str | None) -> str:
    if focus and flow.importer_code == focus and flow.exporter_code != focus:
        return ORANGE
    return DARK_BLUE


def _flow_width(lines: int | None, max_lines: int) -> float:
    if lines is None:
        return 1.5
    return round(1.0 + 7.0 * lines / max(max_lines, 1), 2)


def _curved_arrow(start, end, width: float, samples: int = 20):
    """A quadratic Bezier from start to end bending left, and a triangle at its end."""
    start = np.asarray(start, dtype=float)
    end = np.asarray(end, dtype=float)
    chord = end - start
    length = float(np.hypot(*chord)) or 1.0
    normal = np.array([-chord[1], chord[0]]) / length
    control = (start + end) / 2 + normal * 0.22 * length

    t = np.linspace(0.0, 1.0, 200)[:, None]
    dense = (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t**2 * end
    along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(dense, axis=0).T))])
    total = along[-1]

    # The tip stops short of the anchor marker; the head grows with the line.
    gap = 3.5 * METRES_PER_PIXEL
    head_length = min((7.0 + 1.6 * width) * METRES_PER_PIXEL, 0.45 * total)
    tip_at = max(total - gap, head_length)
    base_at = tip_at - head_length
    tip = _point_at(dense, along, tip_at)
    base = _point_at(dense, along, base_at)
    direction = (tip - base) / (np.hypot(*(tip - base)) or 1.0)
    side = np.array([-direction[1], direction[0]]) * head_length * 0.42
    head = np.array([tip, base + side, base - side, tip])

    # The line runs a little into the head so no gap shows between them.
    line_end = base_at + 0.3 * head_length
    positions = np.linspace(0.0, line_end, samples)
    curve = np.array([_point_at(dense, along, s) for s in positions])
    return curve, head


def _point_at(points: np.ndarray, along: np.ndarray, distance: float) -> np.ndarray:
    return np.array([np.interp(distance, along, points[:, 0]), np.interp(distance, along, points[:, 1])])


def _add_anchor_markers(fig: go.Figure, areas, codes: set[str]) -> None:
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


def _add_city_callout(fig: go.Figure, city_anchor) -> tuple[float, float, float, float]:
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
    return _text_box(x, y, "City of London", "middle right", 11)


def _add_exporter_labels(fig, areas, flows, focus, label_top, obstacles) -> None:
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
            box = _text_box(row.anchor_x, row.anchor_y, row["name"], position, LABEL_FONT_SIZE)
            if not any(_overlap(box, other) for other in others):
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


def _text_box(x, y, text, position, size) -> tuple[float, float, float, float]:
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


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _add_width_key(fig, flows, focus, focus_name, max_lines) -> None:
    """Legend entries that say what colour, width and dots mean (the flows have none)."""
    if focus:
        exports = flows["exporter_code"] == focus
        if exports.any():
            _legend_line(fig, f"Out of {focus_name}", DARK_BLUE, 3)
        if (~exports).any():
            _legend_line(fig, f"Into {focus_name}", ORANGE, 3)
    # With a focus, colour means direction, so the width key is neutral grey.
    key_colour = DARK_GREY if focus else DARK_BLUE
    known = flows["lines"].dropna().astype(int)
    if len(known):
        for value in _key_values(known):
            label = f"{value} line" + ("" if value == 1 else "s")
            _legend_line(fig, label, key_colour, _flow_width(value, max_lines))
    if flows["lines"].isna().any():
        _legend_line(fig, "Number not given", key_colour, 1.5, dash="dot")
    fig.update_layout(legend_title_text="County lines")


def _key_values(known: pd.Series) -> list[int]:
    low, high = int(known.min()), int(known.max())
    values = sorted({low, round((low + high) / 2), high})
    return values


def _legend_line(fig, label, colour, width, dash="solid") -> None:
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            line={"color": colour, "width": width, "dash": dash},
            name=label,
            hoverinfo="skip",
            showlegend=True,
        )
    )


def _default_flow_title(focus_name, direction, year_text) -> str:
    if not focus_name:
        return f"County lines between police force areas, {year_text}"
    if direction == "out":
        return f"County lines run out of {focus_name}, {year_text}"
    if direction == "into":
        return f"County lines run into {focus_name}, {year_text}"
    return f"County lines into and out of {focus_name}, {year_text}"


def _scope(focus_name, direction) -> str:
    if not focus_name:
        return "in England and Wales"
    return {
        "out": f"out of {focus_name}",
        "into": f"into {focus_name}",
        "both": f"into and out of {focus_name}",
    }[direction]


def _empty_message(focus_name, direction, year_text) -> str:
    return f"No county lines flows {_scope(focus_name, direction)} to show for {year_text}."


def _flow_alt_text(flows, focus_name, direction, year_text) -> str:
    count = len(flows)
    if count == 0:
        message = _empty_message(focus_name, direction, year_text)
        return f"Map of police force areas: {message[0].lower()}{message[1:]}"
    noun = "flow" if count == 1 else "flows"
    between = "" if focus_name else "between police force areas "
    sentence = f"Map of {count} county lines {noun} {between}{_scope(focus_name, direction)}, {year_text}"
    known = flows.dropna(subset=["lines"])
    if len(known):
        top = known.iloc[-1]
        sentence += (
            f"; the largest is {top['exporter']} to {top['importer']} "
            f"with {int(top['lines'])} line{'' if int(top['lines']) == 1 else 's'}"
        )
    return sentence + "."


def _years_text(years: pd.Series) -> str:
    values = sorted({int(year) for year in years.dropna()})
    if not values:
        return "no year"
    if len(values) == 1:
        return str(values[0])
    return f"{values[0]}–{values[-1]}"
