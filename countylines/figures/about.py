"""What the 'Definitions and about the data' screen says: the glossary, the NCA reports'
own caveats, the sources and method, the years held and when they were last updated.
Pure: no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from countylines.figures import comparability, nca
from countylines.settings import DATA_DIR, load_settings

STATUS = nca.status_text(False)  # "Management information, not official statistics"


@dataclass(frozen=True)
class Report:
    year: int
    title: str
    published: str
    collected: str
    counts: str


def _reports() -> dict[int, Report]:
    """The NCA reports from data/reports.csv: when each was collected and how it printed figures."""
    return {
        int(r.year): Report(int(r.year), r.title, r.published, r.collected, r.measured)
        for r in comparability.reports().itertuples(index=False)
    }


REPORTS = _reports()


@cache
def glossary() -> pd.DataFrame:
    """data/glossary.csv: term, definition, source_ref, in the order written."""
    return pd.read_csv(DATA_DIR / "glossary.csv", dtype=str, keep_default_na=False)


@cache
def limitations() -> pd.DataFrame:
    """data/limitations.csv: the NCA reports' own caveats with their paragraph references."""
    frame = pd.read_csv(DATA_DIR / "limitations.csv", dtype=str, keep_default_na=False)
    frame["year"] = frame["year"].astype(int)
    return frame


def search_glossary(terms: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """Terms whose name or definition contains the text (case ignored); all terms if blank."""
    wanted = (text or "").strip().lower()
    if not wanted:
        return terms
    hit = terms["term"].str.lower().str.contains(wanted, regex=False) | terms[
        "definition"
    ].str.lower().str.contains(wanted, regex=False)
    return terms[hit]


def term_title(term: str) -> str:
    """'cuckooing' -> 'Cuckooing'; leaves the rest of the term as written."""
    term = term.strip()
    if term.startswith('"'):
        return term[0] + term[1:2].upper() + term[2:]
    return term[:1].upper() + term[1:]


def source_ref_text(source_ref: str) -> str:
    return f"Source: {source_ref}" if source_ref else "Source: this dashboard's own explanation"


def report_lines() -> list[str]:
    """One sentence per NCA report: title, when published, when collected, what it prints."""
    return [
        f"**{r.year}**: National Crime Agency, *{r.title}* ({r.published}). "
        f"Information collected {r.collected}. {r.counts}"
        for r in REPORTS.values()
    ]


ILLUSTRATIVE_TEXT = (
    "The data shipped with this dashboard (the embedded default) are **illustrative, not real force "
    "returns**. They are invented force-level answers whose national counts reproduce the counts "
    "printed in the NCA 2017 report, and whose 2016 figures roughly follow the percentages printed "
    "in the NCA 2016 report (with 41 invented returns, so that the screens can show forces with no "
    "return). No force's answers here are its own. Every screen and download made from them says so. "
    "Real returns replace them year by year when they are imported."
)


def method_lines() -> list[str]:
    """How each figure is made, in plain English."""
    return [
        "**Percentages.** Each figure is the number of forces answering yes divided by the base, "
        "as a whole percent rounded half up (12.5% shows as 13%, never 12%). It is printed as the "
        "NCA prints it, with its count: “77% of forces (33)”.",
        "**The base** is the forces that made a return that year. For a follow-on question the "
        "base is only the forces that answered yes to the question it follows: imprisonment or "
        "modern slavery is a percentage of the forces reporting cuckooing, and is labelled that way "
        "(“21% of forces reporting cuckooing (7)”).",
        "**Possible and not known answers** are counted and shown separately. They are never added "
        "to the yes count, so a percentage is always of forces that confirmed it.",
        "**Forces with no return** are named on every screen and left out of the base; they are not "
        "counted as no.",
        "**Change on the previous year** is given in percentage points and in numbers of forces, "
        "because the base can change from year to year.",
        "**Lines between forces** (exporter → importer) come from the flows file for each year. A "
        "number of lines is shown only where a force gave one.",
    ]


REVISIONS_TEXT = (
    "Importing a year replaces that whole year in one step: its returns, and separately its flows. "
    "Nothing is merged or edited in place. Every file ever accepted is kept unchanged and listed with "
    "who imported it and when, so an earlier version can always be found. A correction is made by "
    "importing the corrected year again. The NCA's printed figures are reloaded from the shipped "
    "reference file at every start."
)


def contact() -> str:
    """The contact from configuration (COUNTYLINES_CONTACT or secrets), else a reminder to set one."""
    return load_settings().contact


def last_update(year_sources: pd.DataFrame) -> str | None:
    """The latest import time, as '22 November 2026 at 01:55', or None if nothing is held."""
    if year_sources.empty:
        return None
    latest = pd.to_datetime(year_sources["imported_at"]).max()
    return f"{latest.day} {latest:%B %Y} at {latest:%H:%M}"


def years_table(year_sources: pd.DataFrame, returns: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """One row per year held: returns received of expected, who is missing, and for each part
    (returns, flows) whether it is real or illustrative, its file, when and by whom imported.

    year_sources: queries/year_sources.sql rows; returns: year -> queries/force_returns.sql rows.
    """
    rows = []
    for year in sorted(returns, reverse=True):
        forces = returns[year]
        received = int(forces["returned"].sum())
        missing = forces.loc[~forces["returned"], "name"].tolist()
        held = year_sources[year_sources["year"] == year]
        by_kind = {row.kind: row for row in held.itertuples(index=False)}
        rows.append(
            {
                "Year": str(year),
                "Returns received": f"{received} of {len(forces)}",
                "No return from": ", ".join(missing) if missing else "none",
                "Returns": _part(by_kind.get("returns"), "returns"),
                "Flows": _part(by_kind.get("flows"), "flows"),
            }
        )
    return pd.DataFrame(rows, columns=["Year", "Returns received", "No return from", "Returns", "Flows"])


def _part(row, kind: str) -> str:
    """'Real: returns_2018.csv, imported 2 December 2026 10:04 by ana', or that none was imported."""
    if row is None:
        return f"No {kind} file imported"
    status = "Illustrative (invented)" if bool(row.illustrative) else "Real"
    return f"{status}: {row.file_name}, imported {_date(row.imported_at)} by {row.imported_by}"


def _date(value) -> str:
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%B %Y} {stamp:%H:%M}"


def reconciliation_table(reconciled: pd.DataFrame) -> pd.DataFrame:
    """reconciliation.reconcile() output for people: what was printed, what count ÷ base gives, and the check."""
    if reconciled.empty:
        return pd.DataFrame(columns=["Paragraph", "What the report printed", "From the returns held", "Check"])

    def held(row) -> str:
        if pd.isna(row.data_count):
            return "not held"
        return f"{row.data_percent}% ({row.data_count} of {row.data_base})"

    return pd.DataFrame(
        {
            "Paragraph": reconciled["source_ref"],
            "What the report printed": reconciled["statement"],
            "From the returns held": [held(r) for r in reconciled.itertuples(index=False)],
            "Check": reconciled["check"],
        }
    )


def disagreement_lines(reconciled: pd.DataFrame) -> list[str]:
    """'NCA 2017 para 2.3: “18% of force returns (8) ...” — printed 18% but 8 of 43 is 19%.'"""
    return [
        f"**{row.source_ref}**: “{row.statement}” — {row.check}."
        for row in disagreements(reconciled).itertuples(index=False)
    ]


def disagreements(reconciled: pd.DataFrame) -> pd.DataFrame:
    """The rows where the printed figure and count ÷ base (or the returns held) differ."""
    if reconciled.empty:
        return reconciled
    return reconciled[~reconciled["agrees"].astype(bool)]


def section(title: str) -> str:
    """A section's heading in Markdown, written into the element that follows it on the About
    screen: one element, not two (a heading of its own is one more for Streamlit to draw on
    every rerun). Streamlit gives it the anchor the contents line links to: its words, lower
    case, joined by hyphens (#limitations-the-nca-reports-own-caveats)."""
    return f"### {title}\n\n"
