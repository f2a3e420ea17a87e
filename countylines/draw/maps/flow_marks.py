"""The marks every flow drawing shares: the width classes, colours, curved lines with their
heads, and hover text; used by the map, its London inset and its key alike, so they match."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from countylines.draw.maps import base
from countylines.draw.maps.base import METRES_PER_PIXEL
from countylines.draw.palette import DARK_BLUE, ORANGE

# (fewest lines, most lines or None, line width in px, opacity): widths that differ by at
# least half again, so 14, 16 and 17 lines are told apart by class and the key says which.
WIDTH_CLASSES = (
    (1, 4, 1.5, 0.6),
    (5, 9, 3.0, 0.7),
    (10, 14, 5.0, 0.8),
    (15, 19, 7.5, 0.9),
    (20, None, 10.5, 0.95),
)
UNKNOWN_WIDTH, UNKNOWN_OPACITY = 1.5, 0.55


def width_class(lines) -> tuple[str, float, float]:
    """(key label, width in px, opacity) for a number of lines, or for a number not given."""
    if lines is None or pd.isna(lines):
        return "Number not given", UNKNOWN_WIDTH, UNKNOWN_OPACITY
    for low, high, width, opacity in WIDTH_CLASSES:  # in order, so the first that holds it
        if high is None or int(lines) <= high:
            return class_label(low, high), width, opacity
    raise AssertionError("the last class has no upper bound")


def class_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more lines"
    return f"{low} to {high} lines"


def flow_colour(exporter_code: str, importer_code: str, focus: str | None) -> str:
    """Orange for lines into the chosen force, dark blue for everything else."""
    if focus and importer_code == focus and exporter_code != focus:
        return ORANGE
    return DARK_BLUE


def add_line(fig, curve, colour, width, opacity, lines, hover, name: str | None = None) -> None:
    fig.add_trace(
        go.Scatter(
            x=curve[:, 0].round().astype(int).tolist(),
            y=curve[:, 1].round().astype(int).tolist(),
            mode="lines",
            line={"color": colour, "width": width, "dash": "solid" if lines else "dot"},
            opacity=opacity,  # thin lines recede so the big flows read first through the tangle
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
            name=name or hover.split(",")[0],
        )
    )


def add_heads(fig, heads: dict[str, tuple[list, list]], name: str = "arrowheads") -> None:
    for colour, (xs, ys) in heads.items():
        fig.add_trace(base.filled_shape(xs, ys, fill=colour, line_colour=colour, line_width=0.5, name=name))


def flow_hover_text(exporter: str, importer: str, year, lines: int | None) -> str:
    """'Metropolitan Police → Norfolk, 2017: 12 lines' (or 'lines not given')."""
    if lines is None or pd.isna(lines):
        amount = "lines not given"
    else:
        amount = f"{int(lines)} line" + ("" if int(lines) == 1 else "s")
    return f"{exporter} → {importer}, {year}: {amount}"


def bezier(start, end, bend: float = 0.22, points: int = 200) -> np.ndarray:
    """A quadratic Bezier from start to end bending left (the same shape at any scale)."""
    start = np.asarray(start, dtype=float)
    end = np.asarray(end, dtype=float)
    chord = end - start
    length = float(np.hypot(*chord)) or 1.0
    normal = np.array([-chord[1], chord[0]]) / length
    control = (start + end) / 2 + normal * bend * length
    t = np.linspace(0.0, 1.0, points)[:, None]
    return (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t**2 * end


def arrow_parts(dense: np.ndarray, width: float, gap_px: float = 3.5, samples: int = 20, mpp=METRES_PER_PIXEL):
    """The line (``samples`` points, ending inside the head) and a triangle at its end.

    The tip stops ``gap_px`` short of the end (the anchor marker); the head grows with the
    line. ``mpp`` is metres a pixel in the coordinates of ``dense``.
    """
    along = distances(dense)
    total = along[-1]
    head_length = min((7.0 + 1.6 * width) * mpp, 0.45 * total)
    tip_at = max(total - gap_px * mpp, head_length)
    base_at = tip_at - head_length
    tip = point_at(dense, along, tip_at)
    back = point_at(dense, along, base_at)
    direction = (tip - back) / (np.hypot(*(tip - back)) or 1.0)
    side = np.array([-direction[1], direction[0]]) * head_length * 0.42
    head = np.array([tip, back + side, back - side, tip])
    line_end = base_at + 0.3 * head_length  # the line runs a little into the head: no gap
    curve = np.array([point_at(dense, along, s) for s in np.linspace(0.0, line_end, samples)])
    return curve, head


def distances(points: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(points, axis=0).T))])


def point_at(points: np.ndarray, along: np.ndarray, distance: float) -> np.ndarray:
    return np.array([np.interp(distance, along, points[:, 0]), np.interp(distance, along, points[:, 1])])
