"""Flow maps: curved arrows from exporting to importing force areas, drawn with no network.

Inputs:

- ``areas``: the GeoDataFrame from ``draw.maps.boundaries.load_force_areas`` with
  ``code, name, geometry (EPSG:27700), anchor_x, anchor_y``.
- ``flows``: a DataFrame with ``year, exporter_code, exporter, importer_code, importer,
  lines`` (``lines`` a nullable integer; missing means the number was not given).

Widths come in five classes a reader can tell apart (``WIDTH_CLASSES``), the same on
the map, in its key and in the London inset. Every figure carries the ONS attribution and
a one-sentence text alternative in ``fig.layout.meta["alt"]`` (see ``draw.maps.base``);
names are placed by ``draw.maps.lettering``, the key and London by ``draw.maps.flow_panel``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from countylines.draw.maps import base, flow_panel, lettering
from countylines.draw.maps.base import CITY_OF_LONDON, FLOW_PANEL_M
from countylines.draw.maps.flow_marks import (
    WIDTH_CLASSES,
    add_heads,
    add_line,
    arrow_parts,
    bezier,
    flow_colour,
    flow_hover_text,
    width_class,
)
from countylines.draw.palette import TEXT

NAMED_FLOWS = 10  # the largest flows get their number of lines written on them
LEAD_NAMES = 10  # the busiest forces are named before any number is placed


def flow_map(
    areas,
    flows: pd.DataFrame,
    focus: str | None = None,
    direction: str = "both",
    title: str | None = None,
    top: int | None = None,
) -> go.Figure:
    """Curved arrows from exporter to importer, width by class of lines, biggest on top.

    ``focus`` (a force code) keeps only flows out of and/or into that force, as chosen
    by ``direction`` ("both", "out" or "into"), and highlights the force. ``top`` keeps
    only that many of the largest flows (those with a number of lines come first).
    """
    if direction not in ("both", "into", "out"):
        raise ValueError(f"direction must be 'both', 'into' or 'out', not {direction!r}")
    anchors = base.anchor_lookup(areas)
    names = dict(zip(areas["code"], areas["name"], strict=True))
    shown = _filter_flows(flows, focus, direction)
    shown = _draw_order(shown[shown["exporter_code"].isin(anchors) & shown["importer_code"].isin(anchors)])
    if top is not None:
        shown = shown.iloc[max(len(shown) - top, 0) :]
    year_text = _years_text(flows["year"] if len(flows) else pd.Series(dtype="Int64"))
    focus_name = names.get(focus) if focus else None

    fig = go.Figure()
    base.add_land(fig, areas, highlight=focus)
    curves = add_arrows(fig, shown, anchors, focus)
    involved = set(shown["exporter_code"]) | set(shown["importer_code"]) | ({focus} if focus else set())
    lettering.add_anchor_markers(fig, areas, involved)
    panel = flow_panel.add_london(fig, areas, shown, anchors, focus, involved)
    # In order of what a reader looks for: the three largest flows' numbers, the busiest
    # exporters' names, the other large flows' numbers, then every other name that fits.
    order = lettering.label_order(shown, focus, involved)
    markers = lettering.marker_boxes(areas, involved)
    numbers = lettering.add_flow_numbers(fig, shown, curves, range(3), [panel, *markers], focus)
    first = lettering.place_names(areas, order[:LEAD_NAMES], involved, [panel, *numbers])
    taken = [panel, *markers, *numbers, *(name.box for name in first)]
    numbers += lettering.add_flow_numbers(fig, shown, curves, range(3, NAMED_FLOWS), taken, focus)
    rest = lettering.place_names(areas, order[LEAD_NAMES:], involved, [panel, *numbers, *(n.box for n in first)])
    lettering.draw_names(fig, first + rest)
    flow_panel.add_key(fig, areas, shown, focus, focus_name, len(numbers))

    title = title or _default_flow_title(focus_name, direction, year_text)
    if shown.empty:
        fig.add_annotation(
            text=_empty_message(focus_name, direction, year_text),
            xref="paper",
            yref="paper",
            x=0.35,
            y=0.5,
            showarrow=False,
            font={"size": 14, "color": TEXT},
            bgcolor="rgba(255,255,255,0.9)",
            name="empty",
        )
    base.finish(fig, areas, title, _flow_alt_text(shown, focus_name, direction, year_text), east_m=FLOW_PANEL_M)
    fig.update_layout(showlegend=False)  # the key is drawn like the marks, in the panel
    return fig


def add_arrows(fig: go.Figure, shown: pd.DataFrame, anchors: dict, focus: str | None) -> dict:
    """One curved line per flow in draw order, then the heads, one filled trace per colour.

    Returns each flow's dense curve by row position, for writing numbers on them."""
    heads: dict[str, tuple[list, list]] = {}
    curves = {}
    for position, flow in enumerate(shown.itertuples(index=False)):
        colour = flow_colour(flow.exporter_code, flow.importer_code, focus)
        lines = None if pd.isna(flow.lines) else int(flow.lines)
        _, width, opacity = width_class(lines)
        dense = bezier(anchors[flow.exporter_code], anchors[flow.importer_code])
        curve, head = arrow_parts(dense, width)
        curves[position] = dense
        add_line(
            fig,
            curve,
            colour,
            width,
            opacity,
            lines,
            flow_hover_text(flow.exporter, flow.importer, flow.year, lines),
        )
        xs, ys = heads.setdefault(colour, ([], []))
        xs.extend([*head[:, 0].round().astype(int).tolist(), None])
        ys.extend([*head[:, 1].round().astype(int).tolist(), None])
    add_heads(fig, heads)
    return curves


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
    return ordered.drop(columns=["_known", "_lines"]).reset_index(drop=True)


# Words ---------------------------------------------------------------------------------------


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
    if CITY_OF_LONDON in set(flows["exporter_code"]) | set(flows["importer_code"]):
        sentence += "; London is enlarged beside the map so the City of London can be seen"
    return sentence + "."


def _years_text(years: pd.Series) -> str:
    values = sorted({int(year) for year in years.dropna()})
    if not values:
        return "no year"
    if len(values) == 1:
        return str(values[0])
    return f"{values[0]}–{values[-1]}"


__all__ = ["WIDTH_CLASSES", "flow_hover_text", "flow_map", "width_class"]
