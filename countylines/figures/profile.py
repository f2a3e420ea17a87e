"""One force against the national picture: its answers in words, its region, the flows in and
out, and its answers across years. Pure: no Streamlit (the chart is ``draw.profile_chart``)."""

from __future__ import annotations

import statistics
from urllib.parse import urlencode

import pandas as pd

from countylines.figures import nca

# Words first, a symbol second, so an answer never depends on colour (or on the symbol).
ANSWER_WORDS = {
    "yes": "Yes",
    "possible": "Possible (unconfirmed)",
    "no": "No",
    "not_known": "Not known",
    "not_in_base": "Not in this base",
    "no_return": "No return",
    "not_asked": "Not asked",
}


ANSWER_SYMBOLS = {
    "yes": "✓",
    "possible": "?",
    "no": "✗",
    "not_known": "–",
    "not_in_base": "–",
    "no_return": "–",
    "not_asked": "–",
}


COLUMNS = [
    "Theme",
    "Question",
    "This force's answer",
    "National figure",
    "Possible nationally",
    "In its region",
    "Comparison",
]


def answer_text(answer: str) -> str:
    """'✓ Yes', '? Possible (unconfirmed)', '✗ No', '– Not known'."""
    return f"{ANSWER_SYMBOLS[answer]} {ANSWER_WORDS[answer]}"


def _forces(number: int, base_label: str | None) -> str:
    noun = "force" if number == 1 else "forces"
    return f"{noun} reporting {base_label.lower()}" if base_label else noun


def comparison_text(answer: str, count: int, base: int, base_label: str | None = None) -> str:
    """'Yes — as 33 of 43 forces', 'No — unlike 33 of 43 forces', in words a member can quote."""
    of = f"{count} of {base} {_forces(base, base_label)}"
    if answer == "not_in_base":
        return f"Not counted — this figure is of {_forces(2, base_label)} only"
    if base <= 0:
        return f"{ANSWER_WORDS[answer]} — no forces in the base"
    if answer == "yes":
        if count == 1:
            return f"Yes — the only one of {base} {_forces(base, base_label)}"
        return f"Yes — as {of}"
    if answer == "no":
        if count == 0:
            return f"No — as every one of {base} {_forces(base, base_label)}"
        return f"No — unlike {of}"
    if answer == "possible":
        return f"Unconfirmed — {of} answered yes"
    return f"Not known — {of} answered yes"


def force_answer(indicator: str, answers: dict[str, str], base_indicator: str | None) -> str:
    """The force's answer as counted: 'not_in_base' when a conditional question's base excludes it."""
    if base_indicator and answers.get(base_indicator) != "yes":
        return "not_in_base"
    return answers.get(indicator, "not_known")


def region_counts(
    all_answers: pd.DataFrame, forces: pd.DataFrame, region: str, indicators: pd.DataFrame
) -> dict[str, str]:
    """For each question, how many forces of the region answered yes, out of those with a
    return (and, for a conditional question, in its base): "3 of 5 East Midlands forces".

    Counts, not percentages: a base of two to seven forces makes a percentage misleading.
    all_answers: queries/year_answers.sql rows (code, indicator, answer); forces:
    catalogue.forces() (code, region); indicators: catalogue.indicators() (id, base_indicator).
    """
    codes = set(forces.loc[forces["region"] == region, "code"])
    mine = all_answers[all_answers["code"].isin(codes) & (all_answers["answer"] != "no_return")]
    by_force = {code: dict(zip(g["indicator"], g["answer"], strict=True)) for code, g in mine.groupby("code")}
    base_of = indicators.set_index("id")["base_indicator"]
    noun = "force" if len(codes) == 1 else "forces"
    out = {}
    for indicator in mine["indicator"].unique():
        base_indicator = base_of.get(indicator) or None
        eligible = [a for a in by_force.values() if not base_indicator or a.get(base_indicator) == "yes"]
        yes = sum(1 for a in eligible if a.get(indicator) == "yes")
        out[indicator] = f"{yes} of {len(eligible)} {region} {noun}" if eligible else "none in this base"
    return out


def answer_rows(
    national: pd.DataFrame,
    answers: pd.DataFrame,
    indicators: pd.DataFrame,
    region: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per question asked in the year: the force's answer beside the national figure.

    national: ui.year_figures(year) rows (indicator, theme_title, count, possible, base,
    base_label, label); answers: the force's rows for the same year (indicator, answer);
    indicators: catalogue.indicators() (id, label, base_indicator); region: region_counts().
    """
    region = region or {}
    by_id = indicators.set_index("id")
    given = dict(zip(answers["indicator"], answers["answer"], strict=True))
    rows = []
    for item in national.itertuples(index=False):
        base_indicator = by_id.loc[item.indicator, "base_indicator"] or None
        answer = force_answer(item.indicator, given, base_indicator)
        base_label = _text_or_none(item.base_label)
        possible = int(item.possible)
        rows.append(
            {
                "indicator": item.indicator,
                "answer": answer,
                "Theme": item.theme_title,
                "Question": by_id.loc[item.indicator, "label"],
                "This force's answer": answer_text(answer),
                "National figure": item.label,
                "Possible nationally": (
                    f"{nca.percent_half_up(possible, int(item.base))}% ({possible})" if possible else "none"
                ),
                "In its region": region.get(item.indicator, ""),
                "Comparison": comparison_text(answer, int(item.count), int(item.base), base_label),
                "percent": None if pd.isna(item.percent) else int(item.percent),
                "count": int(item.count),
                "base": int(item.base),
            }
        )
    return pd.DataFrame(rows)


def _text_or_none(value) -> str | None:
    return value if isinstance(value, str) and value else None


def grouped_by_theme(rows: pd.DataFrame) -> pd.DataFrame:
    """The answer table for reading: each theme named once, on its first question."""
    shown = rows[COLUMNS].reset_index(drop=True)
    shown["Theme"] = shown["Theme"].where(shown["Theme"] != shown["Theme"].shift(), "")
    return shown


def yes_counts(all_answers: pd.DataFrame, indicators: pd.DataFrame) -> pd.Series:
    """Yes answers per force with a return, counting a conditional question only inside its base.

    all_answers: long rows (code, indicator, answer) for one year, 'no_return' allowed.
    """
    returned = all_answers[all_answers["answer"] != "no_return"]
    base_of = dict(zip(indicators["id"], indicators["base_indicator"], strict=True))
    counts = {}
    for code, rows in returned.groupby("code"):
        given = dict(zip(rows["indicator"], rows["answer"], strict=True))
        counts[code] = sum(force_answer(q, given, base_of.get(q) or None) == "yes" for q in given)
    return pd.Series(counts, dtype="int64")


def median_text(values) -> str:
    """The median of whole numbers in words: '22', or '20 or 21' when it falls between two."""
    middle = statistics.median(values)
    if middle == int(middle):
        return str(int(middle))
    return f"{int(middle)} or {int(middle) + 1}"


def headline(force_name: str, year: int, rows: pd.DataFrame, all_yes: pd.Series) -> str:
    """'In 2017 Staffordshire answered yes to 25 of the 39 questions; nationally the median force ...'."""
    said_yes = int((rows["answer"] == "yes").sum())
    text = f"In {year} {force_name} answered yes to {said_yes} of the {len(rows)} questions"
    if len(all_yes):
        text += f"; nationally the median force answered yes to {median_text(all_yes.tolist())}"
    return text + "."


def differs_from_most(rows: pd.DataFrame) -> pd.DataFrame:
    """Questions where the force's yes (or not yes) goes against more than half of forces."""
    counted = rows[(rows["answer"] != "not_in_base") & rows["percent"].notna()]
    yes = counted["answer"] == "yes"
    against = (yes & (counted["percent"] < 50)) | (~yes & (counted["percent"] > 50))
    return counted[against]


def chart_title(force_name: str, rows: pd.DataFrame) -> str:
    """The finding, in sentence case: how often the force goes against most forces."""
    different = len(differs_from_most(rows))
    if different == 0:
        return f"{force_name} answered as most forces did on every question"
    noun = "question" if len(rows) == 1 else "questions"
    return f"{force_name} differs from most forces on {different} of {len(rows)} {noun}"


def chart_order(rows: pd.DataFrame) -> pd.DataFrame:
    order = rows.assign(_pct=rows["percent"].fillna(-1)).reset_index(drop=True)
    order["_pos"] = range(len(order))
    return order.sort_values(["_pct", "_pos"], ascending=[False, True]).drop(columns=["_pct", "_pos"])


def chart_table(rows: pd.DataFrame, force_name: str) -> pd.DataFrame:
    """The data behind the chart, in its shape (sorted as drawn, largest first)."""
    ordered = chart_order(rows)
    return pd.DataFrame(
        {
            "Theme": ordered["Theme"],
            "Question": ordered["Question"],
            "Forces answering yes": ordered["count"],
            "Base (forces)": ordered["base"],
            "Percent of forces answering yes": ordered["percent"].astype("Int64"),
            f"{force_name}'s answer": [ANSWER_WORDS[a] for a in ordered["answer"]],
        }
    ).reset_index(drop=True)


def flow_tables(flows: pd.DataFrame, code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(lines coming in, lines going out) for a force, each as Exporter, Importer, Lines, largest first."""

    def shape(frame: pd.DataFrame) -> pd.DataFrame:
        lines = frame["lines"]
        return pd.DataFrame(
            {
                "Exporter": frame["exporter"].tolist(),
                "Importer": frame["importer"].tolist(),
                "Lines": ["not given" if pd.isna(n) else str(int(n)) for n in lines],
                "Line": [
                    flow_sentence(e, i, n)
                    for e, i, n in zip(frame["exporter"], frame["importer"], lines, strict=True)
                ],
            }
        )

    coming_in = flows[flows["importer_code"] == code]
    going_out = flows[flows["exporter_code"] == code]
    return shape(coming_in), shape(going_out)


def flow_sentence(exporter: str, importer: str, lines) -> str:
    """'Metropolitan Police → Staffordshire: 12 lines' (or 'number of lines not given')."""
    if lines is None or pd.isna(lines):
        return f"{exporter} → {importer}: number of lines not given"
    noun = "line" if int(lines) == 1 else "lines"
    return f"{exporter} → {importer}: {int(lines)} {noun}"


def flow_summary(force_name: str, coming_in: pd.DataFrame, going_out: pd.DataFrame, year: int) -> str:
    """'In 2017 lines came into Staffordshire from 3 forces (31 lines where the number was given); ...'."""

    def forces(frame: pd.DataFrame) -> str:
        counted = [int(n) for n in frame["Lines"] if n != "not given"]
        noun = "force" if len(frame) == 1 else "forces"
        text = f"{len(frame)} {noun}"
        if counted:
            line_noun = "line" if sum(counted) == 1 else "lines"
            text += f" ({sum(counted)} {line_noun} where the number was given)"
        return text

    if coming_in.empty and going_out.empty:
        return f"No lines into or out of {force_name} are recorded for {year}."
    into = (
        f"lines came into {force_name} from {forces(coming_in)}"
        if len(coming_in)
        else (f"no lines into {force_name} are recorded")
    )
    out = (
        f"lines went out from {force_name} to {forces(going_out)}"
        if len(going_out)
        else (f"no lines going out from {force_name} are recorded")
    )
    return f"In {year} {into}; {out}."


def lines_count_text(force_name: str, lines_count, returned: bool, year: int) -> str:
    if not returned:
        return f"{force_name} made no return for {year}, so its own count of lines is not known."
    if lines_count is None or pd.isna(lines_count):
        return f"{force_name} did not give a number of county lines in its {year} return."
    noun = "line" if int(lines_count) == 1 else "lines"
    return f"{force_name} counted {int(lines_count)} county {noun} in its area in its {year} return."


def across_years(
    profile: pd.DataFrame,
    returns_by_year: dict[int, bool],
    asked: pd.DataFrame,
    indicators: pd.DataFrame,
    themes: pd.DataFrame,
) -> pd.DataFrame:
    """Question × year of the force's answers in words and symbols, 'No return' for years without one.

    profile: ui.force_profile(code) rows (year, indicator, answer); returns_by_year: year ->
    whether the force made a return; asked: (year, indicator) pairs asked each year.
    """
    theme_title = dict(zip(themes["id"], themes["title"], strict=True))
    years = sorted(returns_by_year)
    asked_pairs = set(zip(asked["year"].astype(int), asked["indicator"], strict=True))
    ordered = indicators.merge(
        themes[["id", "sort_order"]].rename(columns={"id": "theme", "sort_order": "theme_order"}), on="theme"
    ).sort_values(["theme_order", "sort_order"])
    base_of = dict(zip(indicators["id"], indicators["base_indicator"], strict=True))
    given = {y: dict(zip(g["indicator"], g["answer"], strict=True)) for y, g in profile.groupby("year")}
    rows = []
    for item in ordered.itertuples(index=False):
        if not any((y, item.id) in asked_pairs for y in years):
            continue
        row = {"Theme": theme_title[item.theme], "Question": item.label}
        for year in years:
            if not returns_by_year[year]:
                answer = "no_return"
            elif (year, item.id) not in asked_pairs:
                answer = "not_asked"
            else:
                answer = force_answer(item.id, given.get(year, {}), base_of.get(item.id) or None)
            row[str(year)] = answer_text(answer)
        rows.append(row)
    return pd.DataFrame(rows, columns=["Theme", "Question", *[str(y) for y in years]])


def share_query(force_name: str, year: int) -> str:
    """The query string of this view, readable: '?force=Staffordshire&year=2017'."""
    return "?" + urlencode({"force": force_name, "year": year}).replace("+", "%20")
