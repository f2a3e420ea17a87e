"""What the national and force profile screens show, built once per published snapshot
(through ``data.view``) and shared by every session: figures, tables and words, no elements."""

from __future__ import annotations

import pandas as pd

from countylines import catalogue
from countylines.draw import charts, profile_chart
from countylines.figures import comparability, nca, profile, provenance, questions, reconciliation, summary
from countylines.screens import data, themes

TOP = 12  # questions in the national chart unless the reader asks for all
NOTES = (
    "Imprisonment or modern slavery is a percentage of the forces reporting cuckooing only. "
    "Possible answers are not added to yes."
)


def bars_view(year: int, show_all: bool) -> dict:
    """The chart of the year's questions (the top TOP, or all), built once per snapshot."""
    now = themes.named_figures(year)
    printed = reconciliation.printed_by_indicator(data.published_figures(year))
    shown = now if show_all else questions.sort_for_chart(now).head(TOP)
    lead = "Every question" if show_all else f"The {len(shown)} most reported questions"
    return {
        "caption": themes.chart_caption(shown, printed, lead=f"{lead}, most reported first."),
        "chart": themes.Chart(
            charts.indicator_bars(shown, printed, year, narrow=True),
            questions.question_table(shown, printed),
            key="national_bars",
            year=year,
            base=themes.base_line(shown, year),
            title=f"National picture: percentage of force returns answering yes, {year}",
            notes=themes.chart_notes(shown),
        ),
    }


def differences_view(year: int) -> pd.DataFrame | None:
    """The printed figures that are not count ÷ base (None: the NCA printed nothing for the year)."""
    published = data.published_figures(year)
    if published.empty:
        return None
    now = themes.named_figures(year)
    return reconciliation.printed_differences(reconciliation.reconcile(published, now, data.exporter_reach(year)))


def national_view(year: int) -> dict | None:
    """The headline, cards and sentences for a year, built once per snapshot (None: no returns)."""
    now = themes.named_figures(year)
    if now.empty:
        return None
    before_year = questions.previous_year(data.years(), year)
    before = themes.named_figures(before_year) if before_year else None
    printed = reconciliation.printed_by_indicator(data.published_figures(year))
    returns = data.force_returns(year)
    comparison = summary.comparison_of(now, before, before_year)
    return {
        "title": summary.finding_title(now, year),
        "asked": len(now),
        "reason": comparison.reason() if comparison is not None and not comparison.allowed else "",
        "cards": summary.headlines(now, before, before_year, printed),
        "sentences": summary.written_summary(
            now,
            year,
            before,
            before_year,
            missing=returns.loc[~returns["returned"], "name"].tolist(),
            expected=len(returns),
        ),
        "differences": differences_view(year),
    }


def answers_view(code: str, name: str, year: int) -> dict:
    """The force's answers beside all forces for a year, built once per snapshot."""
    returns = data.force_returns(year)
    this_force = returns.set_index("code").loc[code]
    shown = {"returned": bool(this_force["returned"]), "lines_count": this_force["lines_count"]}
    if not shown["returned"]:
        return shown
    indicators = catalogue.indicators()
    every_answer = data.year_answers(year)
    region = catalogue.forces().set_index("code").loc[code, "region"]
    in_region = profile.region_counts(every_answer, catalogue.forces(), region, indicators)
    national = data.year_figures(year)
    rows = profile.answer_rows(national, data.force_profile(code).query("year == @year"), indicators, in_region)
    base = nca.base_text(int(returns["returned"].sum()), year)
    title = profile.chart_title(name, rows)
    shown.update(
        headline=profile.headline(name, year, rows, profile.yes_counts(every_answer, indicators)),
        base=base,
        words=rows[profile.COLUMNS],
        grouped=profile.grouped_by_theme(rows),
        title=title,
        chart=themes.Chart(
            profile_chart.comparison_chart(rows, name, year),
            profile.chart_table(rows, name),
            key="profile_chart",
            year=year,
            base=base,
            title=title,
            notes=NOTES,
        ),
    )
    return shown


def history_view(code: str, name: str) -> dict:
    """The force's answers across every year held, built once per snapshot."""
    held_years = data.years()
    returned_by_year = {y: bool(data.force_returns(y).set_index("code").loc[code, "returned"]) for y in held_years}
    asked = data.year_figures(None)[["year", "indicator"]]
    indicators = catalogue.indicators()
    history = profile.across_years(
        data.force_profile(code), returned_by_year, asked, indicators, catalogue.themes()
    )
    statuses = data.part_statuses()
    return {
        "held": list(held_years),
        "missing": [str(y) for y, made in returned_by_year.items() if not made],
        "table": history.rename(columns={str(y): provenance.year_label(y, statuses, True) for y in held_years}),
        "definitions": themes.definition_lines(comparability.changes_for(catalogue.indicator_ids(), held_years)),
    }
