"""What each year's figures stand on, and the one rule for putting two years side by side.

Each part of a year (its returns, its flows) is real force returns or the illustrative
demonstration set, imported by someone at some time (``queries/year_sources.sql``).

**The comparison rule.** A year's own figures are always shown, each marked with its status.
A *change* between two years (points up or down on a card, the biggest rise or fall, a trend
line joining two years, a change map, a rise slide) is worked out only when both years' data
of that part are of the same kind: both real, or both illustrative (and then marked
illustrative, as everything made from the demonstration set is). Across real and
illustrative data the change is withheld, and the place where it would stand says why, with
the years named. Withheld rather than shown with a warning: a committee quotes numbers, and
"up 4 points" quoted without its footnote would state a change that never happened.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from countylines import ILLUSTRATIVE_NOTICE
from countylines.figures.words import and_list

ILLUSTRATIVE = "illustrative"
REAL = "real"
MANAGEMENT_INFORMATION = "Management information, not official statistics"

PART_WORDS = {"returns": "returns", "flows": "flows between forces"}


def statuses(year_sources: pd.DataFrame, kind: str = "returns") -> dict[int, str]:
    """{2017: 'illustrative', 2018: 'real'} for every year holding that part (year_sources.sql rows)."""
    if year_sources is None or year_sources.empty:
        return {}
    held = year_sources[year_sources["kind"] == kind]
    return {int(r.year): ILLUSTRATIVE if bool(r.illustrative) else REAL for r in held.itertuples(index=False)}


def frame_statuses(frame: pd.DataFrame) -> dict[int, str]:
    """The returns status of each year in rows of indicator figures (their ``illustrative`` column)."""
    if frame is None or frame.empty:
        return {}
    flags = frame.groupby("year")["illustrative"].agg(lambda values: bool(pd.Series(values).astype(bool).any()))
    return {int(year): ILLUSTRATIVE if flag else REAL for year, flag in flags.items()}


@dataclass(frozen=True)
class Comparison:
    """Whether a change from ``before`` to ``after`` may be worked out, and if not, why not."""

    before: int
    after: int
    before_status: str | None  # 'real', 'illustrative', or None when that part is not held
    after_status: str | None
    kind: str = "returns"

    @property
    def allowed(self) -> bool:
        return self.before_status is not None and self.before_status == self.after_status

    @property
    def illustrative(self) -> bool:
        return ILLUSTRATIVE in (self.before_status, self.after_status)

    def reason(self) -> str | None:
        """Why the change is withheld, in a sentence; None when it is allowed.

        'No change from 2017 to 2018 is given: the 2017 returns are the demonstration set
        (invented) and the 2018 returns are real, so a change between them would not be real.'
        """
        if self.allowed:
            return None
        span = f"No change from {self.before} to {self.after} is given"
        part = PART_WORDS.get(self.kind, self.kind)
        missing = [y for y, s in ((self.before, self.before_status), (self.after, self.after_status)) if s is None]
        if missing:
            file = "returns file" if self.kind == "returns" else "flows file"
            return f"{span}: no {file} has been imported for {and_list([str(y) for y in missing])}."
        return (
            f"{span}: the {self.before} {part} are {_status_words(self.before_status)} and the "
            f"{self.after} {part} are {_status_words(self.after_status)}, so a change between them "
            "would not be real."
        )

    def short(self) -> str | None:
        """The reason in a few words, for a card: 'No change from 2017 shown: 2017 is the demonstration set'."""
        if self.allowed:
            return None
        if self.before_status is None or self.after_status is None:
            missing = self.before if self.before_status is None else self.after
            return f"No change given: nothing held for {missing}"
        invented = self.before if self.before_status == ILLUSTRATIVE else self.after
        return f"No change from {self.before} shown: {invented} is the demonstration set"


def compare(year_statuses: dict[int, str], before: int, after: int, kind: str = "returns") -> Comparison:
    """The rule applied to two years of one part (``statuses()`` or ``frame_statuses()`` output)."""
    return Comparison(before, after, year_statuses.get(before), year_statuses.get(after), kind)


def _status_words(status: str | None) -> str:
    return "the demonstration set (invented)" if status == ILLUSTRATIVE else "real"


def status_text(status: str | None) -> str:
    return ILLUSTRATIVE_NOTICE if status == ILLUSTRATIVE else MANAGEMENT_INFORMATION


def mixed_status(year_statuses: dict[int, str], years) -> str:
    """The status line of a table spanning years: one status, or each year's where they differ.

    '2016 and 2017: Illustrative data, not real force returns; 2018: Management information, ...'
    """
    wanted = sorted({int(y) for y in years})
    by_status: dict[str, list[str]] = {}
    for year in wanted:
        by_status.setdefault(status_text(year_statuses.get(year)), []).append(str(year))
    if len(by_status) == 1:
        return next(iter(by_status))
    return "; ".join(f"{and_list(years_of)}: {text}" for text, years_of in by_status.items())


def year_label(year: int, year_statuses: dict[int, str], mixed: bool) -> str:
    """'2017 (illustrative)' where real and illustrative years sit together; else '2017'."""
    if mixed and year_statuses.get(year) == ILLUSTRATIVE:
        return f"{year} (illustrative)"
    return str(year)


def is_mixed(year_statuses: dict[int, str], years) -> bool:
    return len({year_statuses.get(int(y)) for y in years}) > 1
