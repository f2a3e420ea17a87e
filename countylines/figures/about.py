"""What the 'Definitions and about the data' screen says: the glossary, the NCA reports'
own caveats, the sources and method, the years held and when they were last updated.
Pure: no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from countylines.figures import nca
from countylines.settings import DATA_DIR, load_settings

STATUS = nca.status_text(False)  # "Management information, not official statistics"


@dataclass(frozen=True)
class Report:
    year: int
    title: str
    published: str
    collected: str
    counts: str


REPORTS = {
    2016: Report(
        2016,
        "County Lines Gang Violence, Exploitation and Drug Supply 2016",
        "November 2016",
        "January to June 2016",
        "It prints percentages of police areas without saying how many areas answered, "
        "so its counts and bases are not known.",
    ),
    2017: Report(
        2017,
        "County Lines Violence, Exploitation and Drug Supply 2017",
        "November 2017",
        "October 2016 to June 2017",
        "All 43 territorial forces sent a return; most figures are printed with their count, "
        "as in “77% of forces (33)”.",
    ),
}


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
    """One row per year held: returns received of expected, who is missing, files, kind, when, by whom.

    year_sources: queries/year_sources.sql rows; returns: year -> queries/force_returns.sql rows.
    """
    rows = []
    for year in sorted(returns, reverse=True):
        forces = returns[year]
        received = int(forces["returned"].sum())
        missing = forces.loc[~forces["returned"], "name"].tolist()
        held = year_sources[year_sources["year"] == year]
        by_kind = {row.kind: row for row in held.itertuples(index=False)}
        main = by_kind.get("returns")
        illustrative = bool(held["illustrative"].any())
        rows.append(
            {
                "Year": str(year),
                "Returns received": f"{received} of {len(forces)}",
                "No return from": ", ".join(missing) if missing else "none",
                "Data": "Illustrative (invented)" if illustrative else "Real force returns",
                "Files": "; ".join(row.file_name for row in by_kind.values()) or "not held",
                "Imported": f"{_date(main.imported_at)} by {main.imported_by}" if main is not None else "",
            }
        )
    return pd.DataFrame(rows, columns=["Year", "Returns received", "No return from", "Data", "Files", "Imported"])


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
