"""What every map of the 43 force areas shares: palette, land, axes and attribution.

plotly's geo and tile traces (choropleth, scattergeo, *map, *mapbox) fetch a base map
from a CDN and draw nothing offline, so every map is projected polygons in British
National Grid metres drawn as ``go.Scatter(fill="toself")`` on hidden axes with an
equal aspect ratio. ``arrows`` draws flows, ``choropleths`` shades areas; both finish
their figures here.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import shapely

from countylines.draw.maps.boundaries import ATTRIBUTION
from countylines.draw.palette import DARK_BLUE, FONT, ORANGE, SEQUENTIAL_LIGHT, TEXT

CITY_OF_LONDON = "E23000034"

# About how many metres one pixel covers when a map is shown on a 1280x720 screen (the
# flow map across the main column, a choropleth in two thirds of it): arrowheads, names and
# the key are sized and kept apart at this scale, and images are laid out at it.
METRES_PER_PIXEL = 1_500.0

LAND = "#E6E6E6"
BORDER = "#FFFFFF"
ZERO_FILL = "#F2F2F2"

# Where the City of London is drawn and named, out of the way of the Met: a box in the Thames
# estuary, with a leader line to where it really is.
CITY_INSET = (622_000.0, 180_000.0, 640_000.0, 198_000.0)
# Room on the right of the map for the City label and the legend.
EAST_MARGIN_M = 110_000.0
# The flow map's panel on the right: its key above, London enlarged below.
FLOW_PANEL_M = 400_000.0


def rings(geometries) -> tuple[list, list]:
    """Exterior rings as x and y lists separated by None, in whole metres."""
    xs: list = []
    ys: list = []
    for geometry in geometries:
        for polygon in shapely.get_parts(geometry):
            coords = np.asarray(polygon.exterior.coords).round().astype(int)
            xs.extend(coords[:, 0].tolist())
            ys.extend(coords[:, 1].tolist())
            xs.append(None)
            ys.append(None)
    return xs, ys


def filled_shape(xs, ys, *, fill: str, line_colour: str, line_width: float, name: str, **extra) -> go.Scatter:
    """Polygons (rings split by None) filled on plain axes: the one shape every map draws."""
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=fill,
        line={"color": line_colour, "width": line_width},
        hoverinfo="skip",
        showlegend=False,
        name=name,
        **extra,
    )


# Land is drawn simplified to a fifth of a pixel at the design scale: the same picture, and
# the flow map's JSON (most of it the land's points) a quarter smaller on the wire.
LAND_TOLERANCE_M = METRES_PER_PIXEL / 5


def add_land(fig: go.Figure, areas, highlight: str | None = None) -> None:
    """Every force area as its own filled shape named on hover, the highlighted one in blue."""
    drawn = shapely.simplify(areas.geometry.values, LAND_TOLERANCE_M, preserve_topology=True)
    for row, geometry in zip(areas.itertuples(index=False), drawn, strict=True):
        chosen = row.code == highlight
        xs, ys = rings([geometry])
        fig.add_trace(
            filled_shape(
                xs,
                ys,
                fill=SEQUENTIAL_LIGHT if chosen else LAND,
                line_colour=DARK_BLUE if chosen else BORDER,
                line_width=1.5 if chosen else 0.7,
                name=str(row.name),
                hoveron="fills",  # the force's name anywhere inside its area
            ).update(hoverinfo="name")
        )


def anchor_lookup(areas) -> dict[str, tuple[float, float]]:
    return {
        code: (float(x), float(y))
        for code, x, y in zip(areas["code"], areas["anchor_x"], areas["anchor_y"], strict=True)
    }


def finish(fig: go.Figure, areas, title: str, alt: str, east_m: float = EAST_MARGIN_M) -> None:
    """Equal-aspect hidden axes, small margins, attribution, text alternative.

    ``meta["image_css_width"]`` is the width at which the map is drawn as designed (about
    METRES_PER_PIXEL a pixel), so an image of it keeps its lines, heads and names in proportion.
    """
    minx, miny, maxx, maxy = areas.total_bounds
    pad = 8_000
    css_width = round((maxx + east_m - (minx - pad)) / METRES_PER_PIXEL) + 16
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "y": 0.98, "font": {"size": 17}},
        font={"family": FONT, "color": TEXT, "size": 12},
        margin={"l": 8, "r": 8, "t": 44, "b": 38},
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        hovermode="closest",
        showlegend=True,
        legend={
            "x": 0.99,
            "xanchor": "right",
            "y": 0.97,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": 12},
            "tracegroupgap": 3,
        },
        xaxis={
            "visible": False,
            "range": [minx - pad, maxx + east_m],
            "constrain": "range",
        },
        yaxis={
            "visible": False,
            "range": [miny - pad, maxy + pad],
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "range",
        },
        meta={"alt": alt, "image_css_width": css_width},
        dragmode="pan",
    )
    fig.add_annotation(
        # Two lines so it still fits when the map is drawn in half a screen.
        text=ATTRIBUTION.replace("v.3.0. ", "v.3.0.<br>"),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-6,
        align="left",
        showarrow=False,
        font={"size": 10, "color": "#505A5F"},
        name="attribution",
    )


def outline_force(fig: go.Figure, areas, code: str | None) -> go.Figure:
    """Draws one force's boundary in a heavy outline on top, so a chosen force stands out."""
    if not code:
        return fig
    chosen = areas[areas["code"] == code]
    if chosen.empty:
        return fig
    xs, ys = rings(chosen.geometry)
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": ORANGE, "width": 3},
            hoverinfo="skip",
            showlegend=False,
            name=f"{chosen['name'].iloc[0]} (chosen)",
        )
    )
    return fig
