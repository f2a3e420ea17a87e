"""Plain-English words about a year's figures: titles, headlines, the written summary and the
change on the previous year. Pure: DataFrames in, strings and DataFrames out.

``frame`` arguments are rows of ``ui.year_figures`` (``figures.add_labels`` output) with a
``name`` column added by ``with_names`` (the question's short name; ``label`` there is
the NCA-style label "77% of forces (33)").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from countylines import catalogue, figures

# The questions a committee asks about first, in the order the NCA report takes them.
HEADLINES = (
    "county_lines_activity",
    "importer",
    "exporter",
    "cuckooing",
    "vulnerable_people",
    "child_exploitation",
    "knives",
    "firearms",
)

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


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and_list(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


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


# Titles ----------------------------------------------------------------------------------


def most_reported(frame: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The n questions with the highest percent (ties: more forces, then the report's order).

    Conditional questions are left out: their percent is of a smaller base.
    """
    pool = frame[~is_conditional(frame)].copy()
    pool["_percent"] = pool["percent"].fillna(-1).astype(int)
    return pool.sort_values(["_percent", "count"], ascending=[False, False], kind="stable").head(n)


def finding_title(frame: pd.DataFrame, year: int) -> str:
    """'Cuckooing was reported by 77% of forces (33) in 2017', for the most reported question."""
    top = most_reported(frame, 1)
    if top.empty:
        return f"No force returns held for these questions in {year}"
    row = top.iloc[0]
    words = subject(row["indicator"], row["name"])
    verb = "were" if SUBJECTS.get(row["indicator"], ("", False))[1] else "was"
    return f"{_capital(words)} {verb} reported by {int(row['percent'])}% of forces ({int(row['count'])}) in {year}"


# Change on the previous year ---------------------------------------------------------------


def changes(now: pd.DataFrame, before: pd.DataFrame | None) -> pd.DataFrame:
    """Each question in ``now`` with its figures in ``before`` and the change in points and forces.

    Columns added: percent_before, count_before, base_before, points, forces (both None
    when the question was not asked before) and change (the words, e.g. 'up 5 percentage
    points (3 more forces)').
    """
    out = now.copy()
    if before is None or before.empty:
        earlier = pd.DataFrame(columns=["indicator", "percent_before", "count_before", "base_before"])
    else:
        earlier = before[["indicator", "percent", "count", "base"]].rename(
            columns={"percent": "percent_before", "count": "count_before", "base": "base_before"}
        )
    out = out.merge(earlier, on="indicator", how="left")
    points, forces, words = [], [], []
    for row in out.itertuples(index=False):
        was, now_percent = _int(row.percent_before), _int(row.percent)
        if was is None or now_percent is None:
            points.append(None)
            forces.append(None)
            words.append(None)
            continue
        points.append(now_percent - was)
        forces.append(int(row.count) - int(row.count_before))
        words.append(figures.change_text(now_percent, was, int(row.count), int(row.count_before)))
    out["points"] = pd.array(points, dtype="Int64")
    out["forces"] = pd.array(forces, dtype="Int64")
    out["change"] = words
    for column in ("percent_before", "count_before", "base_before"):
        out[column] = out[column].astype("Int64")
    return out


# The printed report -----------------------------------------------------------------------


def printed_by_indicator(published: pd.DataFrame) -> pd.DataFrame:
    """The NCA's printed 'yes' figures, one row per question and distinct printed figure.

    Columns: indicator, printed_percent, printed_count (may be missing), source_ref, printed
    ('77% (33)' or '100%' when no count was printed).
    """
    columns = ["indicator", "printed_percent", "printed_count", "source_ref", "printed"]
    if published is None or published.empty:
        return pd.DataFrame(columns=columns)
    rows = published[published["indicator"].notna() & (published["answer"].fillna("yes") == "yes")]
    rows = rows[rows["indicator"].astype(str) != ""]
    out = pd.DataFrame(
        {
            "indicator": rows["indicator"].astype(str),
            "printed_percent": rows["percent"].astype("Int64"),
            "printed_count": rows["count"].astype("Int64"),
            "source_ref": rows["source_ref"],
        }
    )
    out["printed"] = [
        f"{p}%" if pd.isna(c) else f"{p}% ({c})"
        for p, c in zip(out["printed_percent"], out["printed_count"], strict=True)
    ]
    return out.drop_duplicates(["indicator", "printed"]).reset_index(drop=True)[columns]


def printed_text(printed: pd.DataFrame, indicator: str, with_paragraph: bool = False) -> str:
    """'77% (33)'; several printed figures joined with '; '; '' when none was printed."""
    rows = printed[printed["indicator"] == indicator]
    if with_paragraph:
        return "; ".join(f"{r.printed}, {r.source_ref}" for r in rows.itertuples(index=False))
    return "; ".join(rows["printed"])


def printed_differences(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``figures.reconcile`` where the printed figure is not count ÷ base, for reading."""
    if reconciled is None or reconciled.empty:
        return pd.DataFrame(columns=["Paragraph", "Printed", "Why they differ", "What the report says"])
    rows = reconciled[~reconciled["agrees"].astype(bool)]
    return pd.DataFrame(
        {
            "Paragraph": rows["source_ref"].to_list(),
            "Printed": [f"{p}%" for p in rows["printed_percent"]],
            "Why they differ": [_capital(c) for c in rows["check"]],
            "What the report says": rows["statement"].to_list(),
        }
    )


# Headlines and the written summary ----------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """One headline figure as a committee member would quote it."""

    indicator: str
    name: str
    question: str
    figure: str  # '77% of forces (33)'
    base: str  # 'Base: 43 force returns, 2017'
    change: str | None  # 'down 13 percentage points (4 fewer forces) since 2016'
    direction: str | None  # 'up', 'down', 'level' or None
    possible: str | None  # '2 more forces answered possible (not counted in the figure)'
    printed: str | None  # 'NCA printed: 77% (33)'


def headlines(
    now: pd.DataFrame,
    before: pd.DataFrame | None,
    before_year: int | None,
    printed: pd.DataFrame | None = None,
    ids: tuple[str, ...] = HEADLINES,
) -> list[Headline]:
    """The headline questions held for the year, in ``ids`` order."""
    changed = changes(now, before).set_index("indicator")
    out = []
    for indicator in ids:
        if indicator not in changed.index:
            continue
        row = changed.loc[indicator]
        direction = None
        change = None
        if row["change"] is not None and not pd.isna(row["points"]):
            points = int(row["points"])
            direction = "up" if points > 0 else "down" if points < 0 else "level"
            change = f"{row['change']} since {before_year}"
        possible = int(row["possible"])
        noun = "force" if possible == 1 else "forces"
        possible_words = None
        if possible:
            possible_words = f"{possible} more {noun} answered possible (not counted in the figure)"
        shown = printed_text(printed, indicator) if printed is not None else ""
        out.append(
            Headline(
                indicator=indicator,
                name=str(row["name"]),
                question=str(row["question"]),
                figure=str(row["label"]),
                base=str(row["base_text"]),
                change=change,
                direction=direction,
                possible=possible_words,
                printed=f"NCA printed: {shown}" if shown else None,
            )
        )
    return out


def _figure_words(row, first: bool) -> str:
    percent = "no base" if pd.isna(row["percent"]) else f"{int(row['percent'])}%"
    of = " of forces" if first else ""
    return f"{subject(row['indicator'], row['name'])} ({percent}{of}, {int(row['count'])} of {int(row['base'])})"


def _change_words(row) -> str:
    return f"{subject(row['indicator'], row['name'])}, {row['change']}"


def written_summary(
    now: pd.DataFrame,
    year: int,
    before: pd.DataFrame | None = None,
    before_year: int | None = None,
    missing: list[str] | tuple[str, ...] = (),
    expected: int = 43,
    n: int = 3,
) -> list[str]:
    """A few plain-English sentences: most reported, biggest rises and falls, who made no return."""
    if now.empty:
        return [f"No force returns are held for {year}."]
    sentences = []
    top = most_reported(now, n)
    parts = [_figure_words(row, i == 0) for i, (_, row) in enumerate(top.iterrows())]
    sentences.append(f"Most reported in {year}: {_and_list(parts)}.")

    if before is not None and not before.empty and before_year is not None:
        moved = changes(now[~is_conditional(now)], before)
        moved = moved[moved["points"].notna()]
        rises = moved[moved["points"] > 0].sort_values(
            ["points", "forces"], ascending=[False, False], kind="stable"
        )
        falls = moved[moved["points"] < 0].sort_values(["points", "forces"], ascending=[True, True], kind="stable")
        if rises.empty:
            sentences.append(f"No question was reported by a larger share of forces than in {before_year}.")
        else:
            words = [_change_words(row) for _, row in rises.head(n).iterrows()]
            sentences.append(f"Biggest rises since {before_year}: {'; '.join(words)}.")
        if falls.empty:
            sentences.append(f"No question was reported by a smaller share of forces than in {before_year}.")
        else:
            words = [_change_words(row) for _, row in falls.head(n).iterrows()]
            sentences.append(f"Biggest falls since {before_year}: {'; '.join(words)}.")
        base_now = returns_base(now)
        base_before = returns_base(before)
        if base_now is not None and base_before is not None and base_now != base_before:
            sentences.append(
                f"The base changed from {base_before} force returns in {before_year} to {base_now} in {year}, "
                "so compare percentages rather than numbers of forces."
            )
    elif before_year is None:
        sentences.append(f"No earlier year is held, so there is no change to report for {year}.")

    if missing:
        names = _and_list(list(missing))
        sentences.append(f"No return from {names} in {year}; they are left out of every base.")
    else:
        sentences.append(f"All {expected} forces made a return for {year}.")
    return sentences


def returns_base(frame: pd.DataFrame) -> int | None:
    """The number of force returns a year's unconditional questions are out of."""
    plain = frame[~is_conditional(frame)]
    return int(plain["base"].max()) if not plain.empty else None


# Tables in the chart's shape ---------------------------------------------------------------


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
            "NCA printed": [printed_text(printed, i, with_paragraph=True) for i in ordered["indicator"]],
            "What was asked": ordered["question"].to_list(),
        }
    )


def sort_for_chart(frame: pd.DataFrame) -> pd.DataFrame:
    """Most reported first; ties keep the report's order."""
    out = frame.copy()
    out["_percent"] = out["percent"].fillna(-1).astype(int)
    out = out.sort_values(["_percent", "count"], ascending=[False, False], kind="stable")
    return out.drop(columns="_percent").reset_index(drop=True)


# Trends --------------------------------------------------------------------------------------


def trend_title(frames: pd.DataFrame) -> str:
    """'Biggest change, 2016 to 2017: turf wars rose from 44% to 58%' (first to last year held)."""
    years = sorted(frames["year"].unique())
    if len(years) < 2:
        return "Only one year is held"
    first, last = years[0], years[-1]
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
        notes.append("The base differs between years: " + _and_list(listed))
    conditional = frames[is_conditional(frames)]
    for _, rows in conditional.groupby("indicator", sort=False):
        held = [(int(r.year), int(r.base)) for r in rows.sort_values("year").itertuples(index=False)]
        if len({b for _, b in held}) > 1:
            name = rows["name"].iloc[0]
            label = str(rows["base_label"].iloc[0]).lower()
            notes.append(
                f"{name} is counted out of forces reporting {label}: "
                + _and_list([f"{b} in {y}" for y, b in held])
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
            "Yes": out["count"].astype(int).to_list(),
            "Possible (not counted)": out["possible"].astype(int).to_list(),
            "Base": out["base"].astype(int).to_list(),
            "Base is": [base_words(row) for _, row in out.iterrows()],
            "Percent (yes ÷ base)": out["percent"].astype("Int64").to_list(),
            "NCA-style figure": out["label"].to_list(),
        }
    )
