"""Plain-English words about a year's figures: the finding, headlines, the written summary and
the change on the previous year. Pure: DataFrames in, strings and DataFrames out.

``frame`` arguments are named figures (see ``figures.questions``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from countylines.figures import nca, provenance
from countylines.figures.questions import SUBJECTS, is_conditional, returns_base, subject
from countylines.figures.reconciliation import printed_in_paragraphs
from countylines.figures.words import and_list, capital

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


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


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
    return f"{capital(words)} {verb} reported by {int(row['percent'])}% of forces ({int(row['count'])}) in {year}"


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
        words.append(nca.change_text(now_percent, was, int(row.count), int(row.count_before)))
    out["points"] = pd.array(points, dtype="Int64")
    out["forces"] = pd.array(forces, dtype="Int64")
    out["change"] = words
    for column in ("percent_before", "count_before", "base_before"):
        out[column] = out[column].astype("Int64")
    return out


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
    printed: str | None  # 'NCA 2017 printed: 74% (32) in para 7.1; 72% in para 7.5'
    withheld: str | None = None  # why no change is given (provenance's comparison rule)
    why: str | None = None  # 'the base rose from 41 to 43 returns', when percent and count part ways


def comparison_of(now: pd.DataFrame, before: pd.DataFrame | None, before_year: int | None):
    """The comparison rule for two years of figures, from the status their rows carry."""
    if before is None or before_year is None or now.empty:
        return None
    year = int(now["year"].iloc[0])
    both = (
        pd.concat([now[["year", "illustrative"]], before[["year", "illustrative"]]]) if not before.empty else now
    )
    return provenance.compare(provenance.frame_statuses(both), before_year, year)


def base_moved(row) -> str | None:
    """Why a percentage and its count move in opposite directions (or one moves alone): the base.

    'the base rose from 41 to 43 returns'; None when they move together or the base held.
    """
    if pd.isna(row["points"]) or pd.isna(row["base_before"]):
        return None
    points, forces = int(row["points"]), int(row["forces"])
    was, now = int(row["base_before"]), int(row["base"])
    if was == now or (points > 0) - (points < 0) == (forces > 0) - (forces < 0):
        return None
    verb = "rose" if now > was else "fell"
    label = row.get("base_label") if hasattr(row, "get") else None
    if isinstance(label, str) and label:
        return f"the base (forces reporting {label.lower()}) {verb} from {was} to {now}"
    return f"the base {verb} from {was} to {now} returns"


def headlines(
    now: pd.DataFrame,
    before: pd.DataFrame | None,
    before_year: int | None,
    printed: pd.DataFrame | None = None,
    ids: tuple[str, ...] = HEADLINES,
) -> list[Headline]:
    """The headline questions held for the year, in ``ids`` order.

    A change on the previous year is given only where provenance's rule allows it; otherwise
    each card says why not (``withheld``).
    """
    comparison = comparison_of(now, before, before_year)
    withheld = comparison.short() if comparison is not None else None
    changed = changes(now, before if withheld is None else None).set_index("indicator")
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
        shown = printed_in_paragraphs(printed, indicator) if printed is not None else ""
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
                printed=f"NCA {int(now['year'].iloc[0])} printed: {shown}" if shown else None,
                withheld=withheld,
                why=base_moved(row),
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
    sentences.append(f"Most reported in {year}: {and_list(parts)}.")

    comparison = comparison_of(now, before, before_year)
    if comparison is not None and not comparison.allowed:
        sentences.append(comparison.reason())
    elif before is not None and not before.empty and before_year is not None:
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
        names = and_list(list(missing))
        sentences.append(f"No return from {names} in {year}; they are left out of every base.")
    else:
        sentences.append(f"All {expected} forces made a return for {year}.")
    return sentences
