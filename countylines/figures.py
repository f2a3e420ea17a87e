"""NCA-style figures: percent of a base rounded half up, labelled as the reports print them."""

from __future__ import annotations

import re

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


def reconcile(published: pd.DataFrame, figures: pd.DataFrame, exporters: pd.DataFrame) -> pd.DataFrame:
    """Printed NCA figures beside count / base recomputed, with a plain-English check.

    published: rows of queries/published_figures.sql; figures: add_labels() output for the
    same year; exporters: queries/exporter_reach.sql for the same year.
    """
    by_question = figures.set_index("indicator") if not figures.empty else pd.DataFrame()
    by_exporter = exporters.set_index("code") if not exporters.empty else pd.DataFrame()
    answer_column = {"yes": "count", "possible": "possible", "no": "no"}
    rows = []
    for item in published.itertuples(index=False):
        printed_count = None if pd.isna(item.count) else int(item.count)
        printed_base = None if pd.isna(item.base) else int(item.base)
        printed_percent = None if pd.isna(item.percent) else int(item.percent)
        from_printed = (
            percent_half_up(printed_count, printed_base)
            if printed_count is not None and printed_base is not None
            else None
        )
        data_count = data_base = None
        if isinstance(item.exporter_code, str) and item.exporter_code in by_exporter.index:
            data_count = int(by_exporter.loc[item.exporter_code, "count"])
            data_base = int(by_exporter.loc[item.exporter_code, "base"])
        elif isinstance(item.indicator, str) and item.indicator in by_question.index:
            column = answer_column.get(item.answer or "yes", "count")
            data_count = int(by_question.loc[item.indicator, column])
            data_base = int(by_question.loc[item.indicator, "base"])
        checks = []
        if from_printed is not None and printed_percent is not None and from_printed != printed_percent:
            checks.append(f"printed {printed_percent}% but {printed_count} of {printed_base} is {from_printed}%")
        if printed_count is not None and data_count is not None and printed_count != data_count:
            checks.append(f"printed count {printed_count} but the returns give {data_count}")
        data_percent = percent_half_up(data_count, data_base) if data_count is not None else None
        if printed_count is None and data_percent is not None and printed_percent != data_percent:
            checks.append(
                f"printed {printed_percent}% but the returns give {data_count} of {data_base} = {data_percent}%"
            )
        if printed_base is None:
            checks.append("no base printed")
        rows.append(
            {
                "source_ref": item.source_ref,
                "statement": item.statement,
                "printed_percent": printed_percent,
                "printed_count": printed_count,
                "printed_base": printed_base,
                "percent_from_printed": from_printed,
                "data_count": data_count,
                "data_base": data_base,
                "data_percent": data_percent,
                "agrees": not any(c.startswith("printed") for c in checks),
                "check": "; ".join(checks) or "agrees",
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame = frame.iloc[sorted(range(len(frame)), key=lambda i: _paragraph_key(frame.at[i, "source_ref"]))]
        frame = frame.reset_index(drop=True)
    for column in (
        "printed_percent",
        "printed_count",
        "printed_base",
        "percent_from_printed",
        "data_count",
        "data_base",
        "data_percent",
    ):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


def _paragraph_key(source_ref) -> tuple:
    """'NCA 2017 para 10.1' sorts after 'para 2.1'; the introduction comes first."""
    numbers = [int(n) for n in re.findall(r"\d+", str(source_ref or ""))[1:]]
    return (len(numbers) > 0, numbers)
