"""Maps of the 43 force areas as plain plotly figures that draw with no network at all.

plotly's geo and tile traces (choropleth, scattergeo, *map, *mapbox) fetch a base map
from a CDN and draw nothing offline, so every map here is projected polygons in
British National Grid metres drawn as ``go.Scatter(fill="toself")`` on hidden axes
with an equal aspect ratio.

Inputs:

- ``areas``: the GeoDataFrame from ``countylines.boundaries.load_force_areas`` with
  ``code, name, geometry (EPSG:27700), anchor_x, anchor_y``.
- ``flows``: a DataFrame with ``year, exporter_code, exporter, importer_code, importer,
  lines`` (``lines`` a nullable integer; missing means the number was not given).
- ``counts``: a DataFrame with ``code, name`` and an integer value column.
- ``answers``: a DataFrame with ``code, name, answer``; answer is one of
  ``yes, possible, no, not_known, no_return``.

Every figure carries the ONS attribution as an annotation and a one-sentence text
alternative in ``fig.layout.meta["alt"]``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from countylines.boundaries import ATTRIBUTION

CITY_OF_LONDON = "E23000034"

# Government Analysis Function palette.
DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
HIGHLIGHT_OFF = "#BFBFBF"
SEQUENTIAL_DARK = "#092135"
SEQUENTIAL_LIGHT = "#ADD1F1"

LAND = "#E6E6E6"
BORDER = "#FFFFFF"
TEXT = "#0B0C0C"
ZERO_FILL = "#F2F2F2"
FONT = "Arial, Helvetica, sans-serif"

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

# The City of London (3 km²) is drawn again, enlarged, in this box in the outer Thames
# estuary, with a leader line to where it really is.
CITY_INSET = (622_000.0, 180_000.0, 640_000.0, 198_000.0)
# Room on the right of the map for the City label and the legend.
EAST_MARGIN_M = 110_000.0

ANSWER_STYLES = {
    "yes": {"label": "Yes", "fill": DARK_BLUE, "pattern": None},
    "possible": {
        "label": "Possible (unconfirmed)",
        "fill": "#FFFFFF",
        "pattern": {"shape": "/", "fgcolor": DARK_BLUE, "size": 7, "solidity": 0.45},
    },
    "no": {"label": "No", "fill": "#D6D6D6", "pattern": None},
    "not_known": {
        "label": "Not known",
        "fill": "#FFFFFF",
        "pattern": {"shape": ".", "fgcolor": DARK_GREY, "size": 6, "solidity": 0.25},
    },
    "no_return": {
        "label": "No return",
        "fill": "#FFFFFF",
        "pattern": {"shape": "x", "fgcolor": ORANGE, "size": 7, "solidity": 0.3},
    },
}
NO_DATA_STYLE = {
    "label": "No data",
    "fill": "#FFFFFF",
    "pattern": {"shape": "x", "fgcolor": HIGHLIGHT_OFF, "size": 7, "solidity": 0.3},
}


# ---------------------------------------------------------------------------------
# Flow map
# ---------------------------------------------------------------------------------


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
    anchors = _anchor_lookup(areas)
    names = dict(zip(areas["code"], areas["name"], strict=True))
    shown = _filter_flows(flows, focus, direction)
    shown = shown[shown["exporter_code"].isin(anchors) & shown["importer_code"].isin(anchors)]
    shown = _draw_order(shown)
    if top is not None:
        shown = shown.iloc[max(len(shown) - top, 0) :]
    year_text = _years_text(flows["year"] if len(flows) else pd.Series(dtype="Int64"))
    focus_name = names.get(focus) if focus else None

    fig = go.Figure()
    _add_land(fig, areas, highlight=focus)

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
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line={"color": colour, "width": 0.5},
                hoverinfo="skip",
                showlegend=False,
                name="arrowheads",
            )
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
    _finish(fig, areas, title, alt)
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


# ---------------------------------------------------------------------------------
# Choropleths
# ---------------------------------------------------------------------------------


def count_bands(values) -> list[tuple[int, int]]:
    """Up to five bands for whole-number counts: 0 (if present), then up to four more."""
    values = pd.Series(values).dropna().astype(int)
    bands = [(0, 0)] if (values == 0).any() else []
    positive = values[values > 0]
    if positive.empty:
        return bands or [(0, 0)]
    distinct = sorted(positive.unique())
    if len(distinct) <= 4:
        return bands + [(int(v), int(v)) for v in distinct]
    cuts = sorted({math.ceil(q) for q in positive.quantile([0.25, 0.5, 0.75])})
    low = int(distinct[0])
    for cut in [*cuts, int(distinct[-1])]:
        if cut >= low:
            bands.append((low, cut))
            low = cut + 1
    return bands


def band_label(band: tuple[int, int]) -> str:
    low, high = band
    return str(low) if low == high else f"{low}–{high}"


def count_choropleth(
    areas,
    counts: pd.DataFrame,
    value_col: str,
    title: str,
    legend_title: str,
    unit: str = "forces",
    unit_one: str | None = None,
    missing_value: int | None = None,
) -> go.Figure:
    """Force areas shaded by a whole-number count in bands, each value also written on the map.

    ``unit`` names what is counted for the hover text ("Norfolk: 4 exporting forces");
    ``unit_one`` is its singular (default: ``unit`` without a final "s"). Forces with no
    row in ``counts`` are shown as "No data", or as ``missing_value`` when one is given
    (0 for a list of exporters that leaves out forces exporting to nobody).
    """
    values = _values_by_code(areas, counts, value_col)
    if missing_value is not None:
        values = values.fillna(missing_value)
    bands = count_bands(values.dropna())
    colours = _sequential(len([band for band in bands if band[1] > 0]))
    styles, classes = [], pd.Series(index=values.index, dtype=object)
    colour_iter = iter(colours)
    for band in bands:
        fill = ZERO_FILL if band == (0, 0) else next(colour_iter)
        styles.append({"label": band_label(band), "fill": fill, "pattern": None})
        inside = values.between(band[0], band[1])
        classes[inside] = band_label(band)
    classes[values.isna()] = NO_DATA_STYLE["label"]
    styles.append(NO_DATA_STYLE)

    unit_one = unit_one or (unit[:-1] if unit.endswith("s") else unit)
    hover = {
        code: f"{name}: no data"
        if pd.isna(values[code])
        else f"{name}: {int(values[code])} {unit_one if int(values[code]) == 1 else unit}"
        for code, name in zip(areas["code"], areas["name"], strict=True)
    }
    texts = {code: "" if pd.isna(v) else str(int(v)) for code, v in values.items()}

    fig = go.Figure()
    _add_classes(fig, areas, classes, styles)
    _add_value_labels(fig, areas, classes, styles, texts, hover)
    _style_legend(fig, legend_title)

    shown = values.dropna()
    if len(shown):
        top_code = shown.idxmax()
        names = dict(zip(areas["code"], areas["name"], strict=True))
        alt = (
            f"Map of the 43 police force areas shaded by {legend_title.lower()}, in "
            f"{len(bands)} bands from {band_label(bands[0])} to {band_label(bands[-1])}; "
            f"the highest is {names[top_code]} with {int(shown[top_code])}."
        )
    else:
        alt = f"Map of the 43 police force areas: no data for {legend_title.lower()}."
    _finish(fig, areas, title, alt)
    return fig


def answer_choropleth(areas, answers: pd.DataFrame, title: str) -> go.Figure:
    """Each force area filled by its answer, told apart by pattern as well as colour.

    Forces with no row in ``answers`` are drawn as "No return".
    """
    by_code = answers.set_index("code")["answer"] if len(answers) else pd.Series(dtype=object)
    classes = pd.Series([by_code.get(code, "no_return") for code in areas["code"]], index=areas["code"])
    unknown = sorted(set(classes) - set(ANSWER_STYLES))
    if unknown:
        raise ValueError(f"Unknown answers: {', '.join(map(str, unknown))}")
    labels = classes.map(lambda answer: ANSWER_STYLES[answer]["label"])
    styles = [ANSWER_STYLES[key] for key in ANSWER_STYLES]
    hover = {code: f"{name}: {labels[code]}" for code, name in zip(areas["code"], areas["name"], strict=True)}

    fig = go.Figure()
    _add_classes(fig, areas, labels, styles)
    _add_value_labels(fig, areas, labels, styles, {}, hover)
    _style_legend(fig, "Answer")

    counts = labels.value_counts()
    parts = [f"{counts[style['label']]} {style['label'].lower()}" for style in styles if style["label"] in counts]
    alt = "Map of the 43 police force areas by answer: " + ", ".join(parts) + "."
    _finish(fig, areas, title, alt)
    return fig


def difference_counts(before: pd.DataFrame, after: pd.DataFrame, value_col: str) -> pd.DataFrame:
    """``code, name, before, after, change`` for two years of the same count."""
    left = before[["code", "name", value_col]].rename(columns={value_col: "before"})
    right = after[["code", value_col]].rename(columns={value_col: "after"})
    merged = left.merge(right, on="code", how="outer")
    if "name" in after.columns:
        names = dict(zip(after["code"], after["name"], strict=True))
        merged["name"] = merged["name"].fillna(merged["code"].map(names))
    merged["before"] = merged["before"].astype("Int64")
    merged["after"] = merged["after"].astype("Int64")
    merged["change"] = merged["after"] - merged["before"]
    return merged[["code", "name", "before", "after", "change"]]


def change_bands(changes) -> list[tuple[int, int]]:
    """Symmetric bands around "no change", each side split in two when changes are big."""
    values = pd.Series(changes).dropna().astype(int)
    biggest = int(values.abs().max()) if len(values) else 0
    if biggest <= 2:
        steps = [(v, v) for v in range(-biggest, biggest + 1)]
    else:
        half = math.ceil(biggest / 2)
        steps = [(-biggest, -half - 1), (-half, -1), (0, 0), (1, half), (half + 1, biggest)]
    return [band for band in steps if values.between(*band).any()] or [(0, 0)]


def change_label(band: tuple[int, int], unit: str = "") -> str:
    low, high = band
    suffix = f" {unit}" if unit else ""
    if band == (0, 0):
        return "No change"
    if low > 0:
        amount = str(low) if low == high else f"{low} to {high}"
        return f"{amount} more{suffix}"
    amount = str(-high) if low == high else f"{-high} to {-low}"
    return f"{amount} fewer{suffix}"


def change_choropleth(
    areas,
    changes: pd.DataFrame,
    title: str,
    legend_title: str,
    before_label: str = "before",
    after_label: str = "after",
) -> go.Figure:
    """Force areas shaded by the change between two years (``difference_counts`` output).

    Increases are blue, decreases orange, and each change is also written as "+2" / "−1".
    """
    values = _values_by_code(areas, changes, "change")
    bands = change_bands(values.dropna())
    biggest = int(values.abs().max()) if values.notna().any() else 0
    half = math.ceil(biggest / 2)
    styles, classes = [], pd.Series(index=values.index, dtype=object)
    for band in bands:
        # The outer band on each side is strong, the inner one light.
        strong = max(abs(band[0]), abs(band[1])) > half
        if band == (0, 0):
            fill = ZERO_FILL
        elif band[1] < 0:
            fill = ORANGE if strong else "#F9B590"
        else:
            fill = DARK_BLUE if strong else "#7FA3C6"
        label = change_label(band)
        styles.append({"label": label, "fill": fill, "pattern": None})
        classes[values.between(*band)] = label
    classes[values.isna()] = NO_DATA_STYLE["label"]
    styles.append(NO_DATA_STYLE)

    details = changes.set_index("code")
    hover, texts = {}, {}
    for code, name in zip(areas["code"], areas["name"], strict=True):
        if pd.isna(values[code]):
            hover[code], texts[code] = f"{name}: no data for both years", ""
            continue
        change = int(values[code])
        row = details.loc[code]
        hover[code] = (
            f"{name}: {_signed(change)} ({before_label}: {int(row['before'])}, {after_label}: {int(row['after'])})"
        )
        texts[code] = _signed(change)

    fig = go.Figure()
    _add_classes(fig, areas, classes, styles)
    _add_value_labels(fig, areas, classes, styles, texts, hover)
    _style_legend(fig, legend_title)
    shown = values.dropna().astype(int)
    alt = (
        f"Map of the 43 police force areas showing the change in {legend_title.lower()} "
        f"from {before_label} to {after_label}: {(shown > 0).sum()} up, "
        f"{(shown < 0).sum()} down, {(shown == 0).sum()} unchanged."
    )
    _finish(fig, areas, title, alt)
    return fig


def _signed(change: int) -> str:
    if change > 0:
        return f"+{change}"
    if change < 0:
        return f"−{-change}"
    return "0"


def _values_by_code(areas, frame: pd.DataFrame, column: str) -> pd.Series:
    values = frame.drop_duplicates("code").set_index("code")[column]
    values = pd.to_numeric(values, errors="coerce")
    return pd.Series([values.get(code, np.nan) for code in areas["code"]], index=areas["code"])


def _sequential(count: int) -> list[str]:
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


def _add_classes(fig: go.Figure, areas, classes: pd.Series, styles: list[dict]) -> None:
    """One filled trace per class present, in legend order; the City also in its inset."""
    for style in styles:
        codes = classes.index[classes == style["label"]]
        if len(codes) == 0:
            continue
        chosen = areas[areas["code"].isin(codes)]
        xs, ys = _rings(chosen.geometry)
        if CITY_OF_LONDON in set(codes):
            x0, y0, x1, y1 = CITY_INSET
            xs += [x0, x1, x1, x0, x0, None]
            ys += [y0, y0, y1, y1, y0, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=style["fill"],
                fillpattern=_pattern(style),
                line={"color": BORDER if not style["pattern"] else "#8C8C8C", "width": 0.6},
                name=style["label"],
                legendgroup=style["label"],
                hoverinfo="skip",
                showlegend=False,
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


def _add_value_labels(fig, areas, classes, styles, texts: dict, hover: dict) -> None:
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


def _style_legend(fig: go.Figure, legend_title: str) -> None:
    fig.update_layout(legend_title_text=legend_title)


# ---------------------------------------------------------------------------------
# Shared drawing
# ---------------------------------------------------------------------------------


def _rings(geometries) -> tuple[list, list]:
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


def _add_land(fig: go.Figure, areas, highlight: str | None = None) -> None:
    rest = areas[areas["code"] != highlight] if highlight else areas
    xs, ys = _rings(rest.geometry)
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=LAND,
            line={"color": BORDER, "width": 0.7},
            hoverinfo="skip",
            showlegend=False,
            name="police force areas",
        )
    )
    if highlight:
        chosen = areas[areas["code"] == highlight]
        if len(chosen):
            xs, ys = _rings(chosen.geometry)
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    fill="toself",
                    fillcolor=SEQUENTIAL_LIGHT,
                    line={"color": DARK_BLUE, "width": 1.5},
                    hoverinfo="skip",
                    showlegend=False,
                    name=str(chosen["name"].iloc[0]),
                )
            )


def _anchor_lookup(areas) -> dict[str, tuple[float, float]]:
    return {
        code: (float(x), float(y))
        for code, x, y in zip(areas["code"], areas["anchor_x"], areas["anchor_y"], strict=True)
    }


def _finish(fig: go.Figure, areas, title: str, alt: str) -> None:
    """Equal-aspect hidden axes, small margins, attribution, text alternative."""
    minx, miny, maxx, maxy = areas.total_bounds
    pad = 8_000
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
            "range": [minx - pad, maxx + EAST_MARGIN_M],
            "constrain": "range",
        },
        yaxis={
            "visible": False,
            "range": [miny - pad, maxy + pad],
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "range",
        },
        meta={"alt": alt},
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
