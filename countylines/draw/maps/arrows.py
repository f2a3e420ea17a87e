"""Flow maps: curved arrows from exporting to importing force areas, drawn with no network.

Inputs:

- ``areas``: the GeoDataFrame from ``draw.maps.boundaries.load_force_areas`` with
  ``code, name, geometry (EPSG:27700), anchor_x, anchor_y``.
- ``flows``: a DataFrame with ``year, exporter_code, exporter, importer_code, importer,
  lines`` (``lines`` a nullable integer; missing means the number was not given).

Every figure carries the ONS attribution as an annotation and a one-sentence text
alternative in ``fig.layout.meta["alt"]`` (see ``draw.maps.base``); force names are
placed by ``draw.maps.lettering``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from countylines.draw.maps import base
from countylines.draw.maps.base import CITY_OF_LONDON, METRES_PER_PIXEL
from countylines.draw.maps.lettering import add_anchor_markers, add_city_callout, add_exporter_labels
from countylines.draw.palette import DARK_BLUE, DARK_GREY, ORANGE, TEXT


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
    anchors = base.anchor_lookup(areas)
    names = dict(zip(areas["code"], areas["name"], strict=True))
    shown = _filter_flows(flows, focus, direction)
    shown = shown[shown["exporter_code"].isin(anchors) & shown["importer_code"].isin(anchors)]
    shown = _draw_order(shown)
    if top is not None:
        shown = shown.iloc[max(len(shown) - top, 0) :]
    year_text = _years_text(flows["year"] if len(flows) else pd.Series(dtype="Int64"))
    focus_name = names.get(focus) if focus else None

    fig = go.Figure()
    base.add_land(fig, areas, highlight=focus)

    known = shown["lines"].dropna()
    max_lines = int(known.max()) if len(known) else 1
    _add_arrows(fig, shown, anchors, focus, max_lines)

    involved = set(shown["exporter_code"]) | set(shown["importer_code"])
    if focus:
        involved.add(focus)
    add_anchor_markers(fig, areas, involved)
    obstacles = []
    if CITY_OF_LONDON in involved:
        obstacles.append(add_city_callout(fig, anchors[CITY_OF_LONDON]))
    add_exporter_labels(fig, areas, shown, focus, label_top, obstacles)
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
    base.finish(fig, areas, title, alt)
    return fig


def _add_arrows(fig: go.Figure, shown: pd.DataFrame, anchors: dict, focus: str | None, max_lines: int) -> None:
    """One curved line per flow in draw order, then the arrowheads, one filled trace per colour."""
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
            base.filled_shape(xs, ys, fill=colour, line_colour=colour, line_width=0.5, name="arrowheads")
        )


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
