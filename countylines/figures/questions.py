"""The questions in words and tables: names in sentences, the table in a chart's order, trends.

``frame`` arguments are rows of ``screens.data.year_figures`` (``nca.add_labels`` output)
with a ``name`` column added by ``with_names`` (the question's short name; ``label`` there
is the NCA-style label "77% of forces (33)").
"""

from __future__ import annotations

import pandas as pd

from countylines import catalogue
from countylines.figures import provenance
from countylines.figures.reconciliation import printed_by_indicator, printed_paragraphs, printed_text
from countylines.figures.words import and_list

# How each question reads as the subject of a sentence, and whether it takes "were".
# A question missing here reads as its short name, singular.
SUBJECTS: dict[str, tuple[str, bool]] = {
    "county_lines_activity": ("county lines activity", False),
    "importer": ("importing county lines", False),
    "exporter": ("exporting county lines", False),
    "established_lines": ("established lines", True),
    "emerging_lines": ("emerging lines", True),
    "spice": ("Spice", False),
    "knives": ("knives", True),
    "firearms": ("firearms", True),
    "corrosives": ("acid and corrosives", True),
    "turf_wars": ("turf wars", True),
    "other_accommodation": ("use of other accommodation", False),
    "sex_worker_premises": ("use of sex workers' premises", False),
    "imprisonment": ("imprisonment or modern slavery", False),
    "vulnerable_people": ("exploitation of vulnerable people", False),
    "mental_health": ("exploitation of people with mental health issues", False),
    "physical_health": ("exploitation of people with physical health issues", False),
    "vulnerable_dealing": ("vulnerable people dealing drugs", True),
    "drug_users_transport": ("drug users moving drugs", True),
    "child_exploitation": ("exploitation of children", False),
    "children_running": ("children running drugs or money", True),
    "rail": ("use of the railway", False),
    "hire_vehicles": ("use of hire vehicles", False),
    "owned_vehicles": ("use of owned vehicles", False),
    "taxis": ("use of taxis", False),
    "complicit_companies": ("possibly complicit companies", True),
    "rotating_operatives": ("rotating dealers", True),
}


def subject(indicator: str, name: str) -> str:
    """The question as words inside a sentence: 'use of the railway', 'knives'."""
    if indicator in SUBJECTS:
        return SUBJECTS[indicator][0]
    return name[:1].lower() + name[1:] if name[1:2].islower() or len(name) == 1 else name


def with_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds ``name`` (the question's short name) and ``sort_order`` from the catalogue."""
    names = catalogue.indicators()[["id", "label", "sort_order"]].rename(
        columns={"id": "indicator", "label": "name"}
    )
    keep = [c for c in frame.columns if c not in ("name", "sort_order")]
    return frame[keep].merge(names, on="indicator", how="left")


def is_conditional(frame: pd.DataFrame) -> pd.Series:
    """True for questions asked only of forces answering yes to another question."""
    if "base_label" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["base_label"].notna() & (frame["base_label"].astype(str) != "")


def previous_year(years: list[int], year: int) -> int | None:
    earlier = [y for y in years if y < year]
    return max(earlier) if earlier else None


def returns_base(frame: pd.DataFrame) -> int | None:
    """The number of force returns a year's unconditional questions are out of."""
    plain = frame[~is_conditional(frame)]
    return int(plain["base"].max()) if not plain.empty else None


def base_words(row) -> str:
    label = row.get("base_label") if hasattr(row, "get") else None
    if isinstance(label, str) and label:
        return f"forces reporting {label.lower()}"
    return "force returns"


def question_table(frame: pd.DataFrame, printed: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per question, in the bar chart's order (most reported first)."""
    ordered = sort_for_chart(frame)
    printed = printed if printed is not None else printed_by_indicator(pd.DataFrame())
    return pd.DataFrame(
        {
            "Question": ordered["name"].to_list(),
            "Yes": ordered["count"].astype(int).to_list(),
            "Possible (not counted)": ordered["possible"].astype(int).to_list(),
            "No": ordered["no"].astype(int).to_list(),
            "Not known": ordered["not_known"].astype(int).to_list(),
            "Base": ordered["base"].astype(int).to_list(),
            "Base is": [base_words(row) for _, row in ordered.iterrows()],
            "Percent (yes ÷ base)": ordered["percent"].astype("Int64").to_list(),
            "NCA-style figure": ordered["label"].to_list(),
            "NCA printed": [printed_text(printed, i) for i in ordered["indicator"]],
            "NCA paragraph": [printed_paragraphs(printed, i) for i in ordered["indicator"]],
            "What was asked": ordered["question"].to_list(),
        }
    )


def sort_for_chart(frame: pd.DataFrame) -> pd.DataFrame:
    """Most reported first; ties keep the report's order."""
    out = frame.copy()
    out["_percent"] = out["percent"].fillna(-1).astype(int)
    out = out.sort_values(["_percent", "count"], ascending=[False, False], kind="stable")
    return out.drop(columns="_percent").reset_index(drop=True)


def comparable_span(frames: pd.DataFrame) -> list[int]:
    """The latest years held that share the newest year's status (real or illustrative), oldest
    first: the only years a change may be worked across (``provenance``'s rule)."""
    statuses = provenance.frame_statuses(frames)
    years = sorted(statuses)
    span = []
    for year in reversed(years):
        if not provenance.compare(statuses, year, years[-1]).allowed:
            break
        span.insert(0, year)
    return span


def trend_title(frames: pd.DataFrame) -> str:
    """'Biggest change, 2016 to 2017: turf wars rose from 44% to 58%' (across the years that
    may be compared: the newest year and the years before it of the same status)."""
    years = sorted(frames["year"].unique())
    if len(years) < 2:
        return "Only one year is held"
    span = comparable_span(frames)
    if len(span) < 2:
        statuses = provenance.frame_statuses(frames)
        invented = [str(y) for y in years if statuses.get(int(y)) == provenance.ILLUSTRATIVE]
        real = [str(y) for y in years if statuses.get(int(y)) != provenance.ILLUSTRATIVE]
        return (
            f"No change across years is given: {and_list(invented)} "
            f"{'is' if len(invented) == 1 else 'are'} the demonstration set, {and_list(real)} real returns"
        )
    first, last = span[0], span[-1]
    plain = frames[~is_conditional(frames)]
    start = plain[plain["year"] == first].set_index("indicator")
    end = plain[plain["year"] == last].set_index("indicator")
    both = [i for i in end.index if i in start.index]
    if not both:
        return f"No question was asked in both {first} and {last}"
    moves = [(int(end.at[i, "percent"]) - int(start.at[i, "percent"]), i) for i in both]
    best = max(moves, key=lambda m: abs(m[0]))  # the first in the report's order wins a tie
    if best[0] == 0:
        return f"No question changed between {first} and {last}"
    indicator = best[1]
    verb = "rose" if best[0] > 0 else "fell"
    words = subject(indicator, end.at[indicator, "name"])
    return (
        f"Biggest change, {first} to {last}: {words} {verb} from "
        f"{int(start.at[indicator, 'percent'])}% to {int(end.at[indicator, 'percent'])}%"
    )


def base_note(frames: pd.DataFrame) -> str | None:
    """Says when the base differs between years, so a reader compares percentages, not counts."""
    years = sorted(frames["year"].unique())
    if len(years) < 2:
        return None
    notes = []
    plain = frames[~is_conditional(frames)]
    bases = [(y, int(plain.loc[plain["year"] == y, "base"].max())) for y in years if (plain["year"] == y).any()]
    if len({b for _, b in bases}) > 1:
        listed = [f"{b} force returns in {y}" if n == 0 else f"{b} in {y}" for n, (y, b) in enumerate(bases)]
        notes.append("The base differs between years: " + and_list(listed))
    conditional = frames[is_conditional(frames)]
    for _, rows in conditional.groupby("indicator", sort=False):
        held = [(int(r.year), int(r.base)) for r in rows.sort_values("year").itertuples(index=False)]
        if len({b for _, b in held}) > 1:
            name = rows["name"].iloc[0]
            label = str(rows["base_label"].iloc[0]).lower()
            notes.append(
                f"{name} is counted out of forces reporting {label}: " + and_list([f"{b} in {y}" for y, b in held])
            )
    return ". ".join(notes) + "." if notes else None


def trend_table(frames: pd.DataFrame) -> pd.DataFrame:
    """One row per question and year, questions in the order of the latest year's chart."""
    latest = frames[frames["year"] == frames["year"].max()]
    order = {i: n for n, i in enumerate(sort_for_chart(latest)["indicator"])}
    out = frames.copy()
    out["_order"] = out["indicator"].map(order).fillna(len(order))
    out = out.sort_values(["_order", "year"], kind="stable")
    return pd.DataFrame(
        {
            "Question": out["name"].to_list(),
            "Year": out["year"].astype(int).to_list(),
            "Data": [
                "Illustrative (invented)" if bool(flag) else "Real force returns" for flag in out["illustrative"]
            ],
            "Yes": out["count"].astype(int).to_list(),
            "Possible (not counted)": out["possible"].astype(int).to_list(),
            "Base": out["base"].astype(int).to_list(),
            "Base is": [base_words(row) for _, row in out.iterrows()],
            "Percent (yes ÷ base)": out["percent"].astype("Int64").to_list(),
            "NCA-style figure": out["label"].to_list(),
        }
    )
