"""Choropleths of the 43 force areas: counts in bands, answers by pattern, change between years.

Inputs:

- ``areas``: the GeoDataFrame from ``countylines.draw.maps.boundaries.load_force_areas``.
- ``counts``: a DataFrame with ``code, name`` and an integer value column.
- ``answers``: a DataFrame with ``code, name, answer``; answer is one of
  ``yes, possible, no, not_known, no_return``.

Every class is named in the legend and either written on the area (counts, changes) or
drawn with a pattern (answers), so no meaning rests on colour alone. Every figure has
the ONS attribution and a text alternative in ``fig.layout.meta["alt"]``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from countylines.draw.maps import base
from countylines.draw.maps.base import ZERO_FILL
from countylines.draw.maps.shading import add_classes, add_value_labels, sequential, style_legend
from countylines.draw.palette import DARK_BLUE, DARK_GREY, HIGHLIGHT_OFF, ORANGE

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
    bands: list[tuple[int, int]] | None = None,
) -> go.Figure:
    """Force areas shaded by a whole-number count in bands, each value also written on the map.

    ``unit`` names what is counted for the hover text ("Norfolk: 4 exporting forces");
    ``unit_one`` is its singular (default: ``unit`` without a final "s"). Forces with no
    row in ``counts`` are shown as "No data", or as ``missing_value`` when one is given
    (0 for a list of exporters that leaves out forces exporting to nobody). ``bands``
    (``count_bands`` of every value shown) keeps two maps drawn side by side on one scale.
    """
    values = _values_by_code(areas, counts, value_col)
    if missing_value is not None:
        values = values.fillna(missing_value)
    bands = bands or count_bands(values.dropna())
    colours = sequential(len([band for band in bands if band[1] > 0]))
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
    add_classes(fig, areas, classes, styles)
    add_value_labels(fig, areas, classes, styles, texts, hover)
    style_legend(fig, legend_title)

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
    base.finish(fig, areas, title, alt)
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
    add_classes(fig, areas, labels, styles)
    add_value_labels(fig, areas, labels, styles, {}, hover)
    style_legend(fig, "Answer")

    counts = labels.value_counts()
    parts = [f"{counts[style['label']]} {style['label'].lower()}" for style in styles if style["label"] in counts]
    alt = "Map of the 43 police force areas by answer: " + ", ".join(parts) + "."
    base.finish(fig, areas, title, alt)
    return fig


def difference_counts(
    before: pd.DataFrame, after: pd.DataFrame, value_col: str, no_return: dict[str, str] | None = None
) -> pd.DataFrame:
    """``code, name, before, after, change, not_scored`` for two years of the same count.

    ``no_return`` maps the code of each force that made no return in either year to why it
    is not scored ("no return in 2016"): its change is left blank, never worked out, so a
    force is never shaded "+5" against a year it did not answer.
    """
    left = before[["code", "name", value_col]].rename(columns={value_col: "before"})
    right = after[["code", value_col]].rename(columns={value_col: "after"})
    merged = left.merge(right, on="code", how="outer")
    if "name" in after.columns:
        names = dict(zip(after["code"], after["name"], strict=True))
        merged["name"] = merged["name"].fillna(merged["code"].map(names))
    merged["before"] = merged["before"].astype("Int64")
    merged["after"] = merged["after"].astype("Int64")
    merged["change"] = merged["after"] - merged["before"]
    reasons = no_return or {}
    merged["not_scored"] = [reasons.get(code, "") for code in merged["code"]]
    merged.loc[merged["not_scored"] != "", "change"] = pd.NA
    return merged[["code", "name", "before", "after", "change", "not_scored"]]


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
    details = changes.set_index("code")
    reasons = details["not_scored"] if "not_scored" in details else pd.Series(dtype=str)
    classes[values.isna()] = NO_DATA_STYLE["label"]
    for reason in sorted({r for r in reasons if r}):
        label = reason[:1].upper() + reason[1:]  # "No return in 2016", a class of its own
        classes[[code for code in values.index if reasons.get(code) == reason]] = label
        styles.append({**ANSWER_STYLES["no_return"], "label": label})
    styles.append(NO_DATA_STYLE)

    hover, texts = _change_words(areas, values, details, reasons, before_label, after_label)
    fig = go.Figure()
    add_classes(fig, areas, classes, styles)
    add_value_labels(fig, areas, classes, styles, texts, hover)
    style_legend(fig, legend_title)
    shown = values.dropna().astype(int)
    unscored = sorted(name for code, name in zip(areas["code"], areas["name"], strict=True) if reasons.get(code))
    alt = (
        f"Map of the 43 police force areas showing the change in {legend_title.lower()} "
        f"from {before_label} to {after_label}: {(shown > 0).sum()} up, "
        f"{(shown < 0).sum()} down, {(shown == 0).sum()} unchanged"
        + (f"; not scored for want of a return: {', '.join(unscored)}." if unscored else ".")
    )
    base.finish(fig, areas, title, alt)
    return fig


def _change_words(areas, values, details, reasons, before_label: str, after_label: str) -> tuple[dict, dict]:
    """Each area's hover text and the change written on it ('+2'); nothing for a force not scored."""
    hover, texts = {}, {}
    for code, name in zip(areas["code"], areas["name"], strict=True):
        if reasons.get(code):
            hover[code], texts[code] = f"{name}: {reasons[code]}, so no change is given", ""
            continue
        if pd.isna(values[code]):
            hover[code], texts[code] = f"{name}: no data for both years", ""
            continue
        change = int(values[code])
        row = details.loc[code]
        hover[code] = (
            f"{name}: {_signed(change)} ({before_label}: {int(row['before'])}, {after_label}: {int(row['after'])})"
        )
        texts[code] = _signed(change)
    return hover, texts


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
