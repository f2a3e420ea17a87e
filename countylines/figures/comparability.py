"""Whether two years measured the same thing: which questions each year asked, where the NCA
changed a question's definition between reports, how each report printed its figures, and
the report's line counts beside what the returns give. Reference text is in data/
(``definition_changes.csv``, ``reports.csv``), each with its paragraph.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from countylines import catalogue
from countylines.figures.words import and_list
from countylines.settings import DATA_DIR


@cache
def definition_changes() -> pd.DataFrame:
    """data/definition_changes.csv: indicator, from_year, to_year, difference, the report's own
    words before and after, and their paragraphs."""
    frame = pd.read_csv(DATA_DIR / "definition_changes.csv", dtype=str, keep_default_na=False)
    frame[["from_year", "to_year"]] = frame[["from_year", "to_year"]].astype(int)
    return frame


@cache
def reports() -> pd.DataFrame:
    """data/reports.csv: each NCA report, when it was collected and how it printed its figures."""
    frame = pd.read_csv(DATA_DIR / "reports.csv", dtype=str, keep_default_na=False)
    frame["year"] = frame["year"].astype(int)
    return frame


def changes_for(indicators, years) -> pd.DataFrame:
    """The definition changes between years both held, for the questions given."""
    held = {int(y) for y in years}
    table = definition_changes()
    wanted = table["indicator"].isin(list(indicators))
    spans = table["from_year"].isin(held) & table["to_year"].isin(held)
    return table[wanted & spans].reset_index(drop=True)


def change_lines(changes: pd.DataFrame) -> list[str]:
    """One line per definition change, with the report's words and paragraphs, for a screen."""
    names = _names()
    return [
        f"**{names.get(row.indicator, row.indicator)}, {row.from_year} and {row.to_year}:** {row.difference} "
        f"{row.from_year}: “{row.words_before}” ({row.source_before}). "
        f"{row.to_year}: “{row.words_after}” ({row.source_after})."
        for row in changes.itertuples(index=False)
    ]


def change_note(changes: pd.DataFrame) -> str:
    """The same in one plain sentence per question, for a download's notes."""
    names = _names()
    return " ".join(
        f"{names.get(row.indicator, row.indicator)} ({row.from_year} to {row.to_year}): {row.difference} "
        f"({row.source_before}; {row.source_after})."
        for row in changes.itertuples(index=False)
    )


def measure_note(years) -> str | None:
    """Says when the NCA reports for the years printed their figures differently; None if not."""
    table = reports()
    held = table[table["year"].isin([int(y) for y in years])]
    if held["measure"].nunique() < 2:
        return None
    parts = [f"the NCA {row.year} report prints {row.measure} ({row.source_ref})" for row in held.itertuples()]
    return (
        capital_first(and_list(parts)) + ", so the printed figures of those years were not measured "
        "the same way. The figures here are all count ÷ base of the returns held."
    )


def capital_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# Questions asked ---------------------------------------------------------------------------


def not_asked(year_questions: pd.DataFrame, year: int, indicators=None) -> pd.DataFrame:
    """Questions asked in another year held but not in ``year``: indicator, label, asked_in.

    year_questions: queries/year_questions.sql rows (year, indicator, label); indicators
    limits the answer to those questions (a theme's).
    """
    columns = ["indicator", "label", "asked_in"]
    if year_questions is None or year_questions.empty or year not in set(year_questions["year"]):
        return pd.DataFrame(columns=columns)
    asked_now = set(year_questions.loc[year_questions["year"] == year, "indicator"])
    others = year_questions[(year_questions["year"] != year) & ~year_questions["indicator"].isin(asked_now)]
    if indicators is not None:
        others = others[others["indicator"].isin(list(indicators))]
    rows = [
        {"indicator": i, "label": g["label"].iloc[0], "asked_in": sorted(int(y) for y in g["year"])}
        for i, g in others.groupby("indicator", sort=False)
    ]
    return pd.DataFrame(rows, columns=columns)


def not_asked_text(missing: pd.DataFrame, year: int) -> str | None:
    """'Not asked in 2018: cannabis (asked in 2017). It is left out, not counted as no.'"""
    if missing.empty:
        return None
    parts = [
        f"{row.label.lower()} (asked in {and_list([str(y) for y in row.asked_in])})"
        for row in missing.itertuples(index=False)
    ]
    one = len(parts) == 1
    return (
        f"Not asked in {year}: {and_list(parts)}. The {year} returns file had no column for "
        f"{'it' if one else 'them'}, so {'it is' if one else 'they are'} left out of every {year} "
        "figure, not counted as no."
    )


def missing_columns(file_questions, held: pd.DataFrame, file_year: int) -> tuple[int, list[str]] | None:
    """(the held year compared with, labels of its questions the file has no column for), or None.

    The year compared with is the file's own year when it is held (the file replaces it),
    else the latest held year before it, else the earliest held after it.
    """
    if held is None or held.empty:
        return None
    years = sorted({int(y) for y in held["year"]})
    earlier = [y for y in years if y < file_year]
    reference = file_year if file_year in years else (earlier[-1] if earlier else years[0])
    asked = held[held["year"] == reference]
    absent = asked[~asked["indicator"].isin(list(file_questions))]
    if absent.empty:
        return None
    return reference, [str(label).lower() for label in absent["label"]]


def _names() -> dict[str, str]:
    indicators = catalogue.indicators()
    return dict(zip(indicators["id"], indicators["label"], strict=True))


# Numbers of lines ------------------------------------------------------------------------


def line_count_rows(published: pd.DataFrame, totals: pd.DataFrame, flows: pd.DataFrame) -> pd.DataFrame:
    """The report's printed numbers of lines beside what the returns and flows held give.

    published: queries/published_figures.sql rows (those with unit 'lines' are used: a total
    set beside line_totals, one with an exporter beside its flows' lines, and one with a base
    (a share of the lines) marked as not held);
    totals: queries/line_totals.sql (one row); flows: queries/flows.sql rows for the year.
    """
    columns = ["Paragraph", "What the report printed", "From the returns held"]
    if published is None or published.empty:
        return pd.DataFrame(columns=columns)
    rows = published[published["unit"] == "lines"]
    out = []
    for row in rows.itertuples(index=False):
        out.append(
            {
                "Paragraph": row.source_ref,
                "What the report printed": row.statement,
                "From the returns held": _held_lines(row, totals, flows),
            }
        )
    return pd.DataFrame(out, columns=columns)


def _held_lines(row, totals: pd.DataFrame, flows: pd.DataFrame) -> str:
    if isinstance(row.exporter_code, str) and row.exporter_code:
        from_them = flows[flows["exporter_code"] == row.exporter_code] if not flows.empty else flows
        given = from_them["lines"].dropna() if not from_them.empty else pd.Series(dtype="Int64")
        if from_them.empty:
            return "no flows from this force are held"
        return (
            f"{int(given.sum())} lines on the {len(given)} of its {len(from_them)} flows "
            "that gave a number of lines"
        )
    if not pd.isna(row.base):
        # A share of the lines (371 of the 720): the returns hold each force's number of
        # lines, never how the lines divide.
        return "not held: the returns give each force's number of lines, not how its lines divide"
    if totals is None or totals.empty or int(totals["returns"].iloc[0]) == 0:
        return "no returns held"
    t = totals.iloc[0]
    counting, counted, uncounted = int(t.forces_counting), int(t.lines_counted), int(t.active_uncounted)
    return (
        f"at least {counted + uncounted} lines: {counted} counted by the {counting} forces that gave a "
        f"number, plus one for each of the {uncounted} other forces reporting county lines activity"
    )
