"""NCA-style figures: percent of a base rounded half up, labelled as the reports print them."""

from __future__ import annotations

import pandas as pd

from countylines import ILLUSTRATIVE_NOTICE


def percent_half_up(count: int, base: int) -> int | None:
    """count / base as a whole percent, halves rounded up (33/43 -> 77, 1/8 -> 13)."""
    if base is None or base <= 0:
        return None
    # Integer arithmetic: float rounding would turn 12.5 into 12 (banker's rounding).
    return (200 * int(count) + int(base)) // (2 * int(base))


def base_phrase(base_label: str | None) -> str:
    return f"forces reporting {base_label.lower()}" if base_label else "forces"


def nca_label(count: int, base: int, base_label: str | None = None) -> str:
    """'77% of forces (33)'; for a conditional base '21% of forces reporting cuckooing (7)'."""
    percent = percent_half_up(count, base)
    if percent is None:
        return "No forces in the base"
    return f"{percent}% of {base_phrase(base_label)} ({count})"


def short_label(count: int, base: int) -> str:
    """'77% (33 of 43)', the form used on chart bars."""
    percent = percent_half_up(count, base)
    if percent is None:
        return "no base"
    return f"{percent}% ({count} of {base})"


def base_text(base: int, year: int, base_label: str | None = None) -> str:
    if base_label:
        return f"Base: {base} forces reporting {base_label.lower()}, {year}"
    return f"Base: {base} force returns, {year}"


def status_text(illustrative: bool) -> str:
    return ILLUSTRATIVE_NOTICE if illustrative else "Management information, not official statistics"


def add_labels(raw: pd.DataFrame) -> pd.DataFrame:
    """Adds percent, possible_percent, label, short_label and base_text to rows of counts.

    Expects the columns of queries/indicator_figures.sql: year, count, possible, base,
    base_label (None unless the indicator has a conditional base).
    """
    frame = raw.copy()
    rows = list(frame[["year", "count", "possible", "base", "base_label"]].itertuples(index=False))
    frame["percent"] = pd.array([percent_half_up(r.count, r.base) for r in rows], dtype="Int64")
    frame["possible_percent"] = pd.array([percent_half_up(r.possible, r.base) for r in rows], dtype="Int64")
    frame["label"] = [nca_label(r.count, r.base, _none(r.base_label)) for r in rows]
    frame["short_label"] = [short_label(r.count, r.base) for r in rows]
    frame["base_text"] = [base_text(r.base, r.year, _none(r.base_label)) for r in rows]
    return frame


def _none(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else value


def change_text(now: int | None, before: int | None, count_now: int, count_before: int) -> str:
    """'up 5 percentage points (3 more forces)', in words a committee member can quote."""
    if now is None or before is None:
        return "no comparison"
    points = now - before
    forces = count_now - count_before
    if points == 0 and forces == 0:
        return "no change"
    direction = "up" if points > 0 else "down" if points < 0 else "level"
    unit = "percentage point" if abs(points) == 1 else "percentage points"
    noun = "force" if abs(forces) == 1 else "forces"
    more = "more" if forces > 0 else "fewer"
    force_part = f"{abs(forces)} {more} {noun}" if forces else "same number of forces"
    if points == 0:
        return f"level in percent ({force_part})"
    return f"{direction} {abs(points)} {unit} ({force_part})"
