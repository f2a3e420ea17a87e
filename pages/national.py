"""National picture: headline NCA-style figures for a year, what changed, and every question."""

import pandas as pd
import streamlit as st

from countylines.draw import charts
from countylines.figures import questions, reconciliation, summary
from countylines.screens import data, state, themes, widgets

state.through_dashboard()

ARROWS = {"up": ":material/arrow_upward:", "down": ":material/arrow_downward:", "level": ":material/remove:"}
TOP = 12  # questions in the chart unless the reader asks for all


def headline_cards(cards: list[summary.Headline], per_row: int = 4) -> None:
    for start in range(0, len(cards), per_row):
        for column, card in zip(st.columns(per_row), cards[start : start + per_row], strict=False):
            with column.container(border=True):
                st.markdown(f"**{card.name}**", help=card.question)
                st.markdown(themes.figure_html(card.figure), unsafe_allow_html=True)
                if card.change:
                    # The words say up or down; the arrow only repeats them, in the text colour.
                    st.markdown(f"{ARROWS[card.direction]} {card.change[:1].upper()}{card.change[1:]}")
                    if card.why:
                        st.caption(f"Percent and count move apart: {card.why}.")
                elif card.withheld:
                    st.caption(card.withheld)
                st.caption(card.base)
                if card.possible:
                    st.caption(card.possible)
                if card.printed:
                    st.caption(card.printed)


def bars_view(year: int, show_all: bool) -> dict:
    """The chart of the year's questions (the top TOP, or all), built once per snapshot."""
    now = themes.named_figures(year)
    printed = reconciliation.printed_by_indicator(data.published_figures(year))
    shown = now if show_all else questions.sort_for_chart(now).head(TOP)
    lead = "Every question" if show_all else f"The {len(shown)} most reported questions"
    return {
        "caption": themes.chart_caption(shown, printed, lead=f"{lead}, most reported first."),
        "chart": themes.Chart(
            charts.indicator_bars(shown, printed, year),
            questions.question_table(shown, printed),
            key="national_bars",
            year=year,
            base=themes.base_line(shown, year),
            title=f"National picture: percentage of force returns answering yes, {year}",
            notes=themes.chart_notes(shown),
        ),
    }


def bars(asked: int, year: int) -> None:
    st.subheader(f"Forces answering yes, England and Wales, {year}")
    show_all = st.toggle(f"Show all {asked} questions asked in {year}", value=False, key="national_all")
    themes.not_asked_note(year, None)
    shown = data.view("national_bars", year, show_all, build=lambda: bars_view(year, show_all))
    st.caption(shown["caption"])
    shown["chart"].show()


def differences_view(year: int) -> pd.DataFrame | None:
    """The printed figures that are not count ÷ base (None: the NCA printed nothing for the year)."""
    published = data.published_figures(year)
    if published.empty:
        return None
    now = themes.named_figures(year)
    return reconciliation.printed_differences(reconciliation.reconcile(published, now, data.exporter_reach(year)))


def printed_differences(differences: pd.DataFrame | None, year: int) -> None:
    if differences is None:
        return
    st.subheader("Where the printed report differs from count ÷ base")
    if differences.empty:
        st.markdown(f"Every figure the NCA printed for {year} matches count ÷ base.")
        return
    st.caption(
        f"The NCA's {year} report prints {len(differences)} figures that are not its own count ÷ base "
        "(or, where no count was printed, not what the returns held here give). The figures on this "
        "dashboard are always count ÷ base, rounded half up; the printed figure is shown beside them."
    )
    widgets.table_and_downloads(
        differences,
        key="national_printed",
        year=year,
        base=f"Figures printed in the NCA report for {year}",
        title=f"Where the printed NCA report differs from count divided by base, {year}",
        expanded=True,
    )


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


def main() -> None:
    title, year, beside = themes.heading_and_year("National picture")
    if year is None:
        title.title("National picture")
        return
    themes.status(year, beside)
    shown = data.view("national", year, build=lambda: national_view(year))
    if shown is None:
        title.title("National picture")
        st.info(f"No force returns are held for {year}; only flows between forces. Pick another year.")
        return
    title.title(shown["title"])

    # The key figures beside the first chart, so a 1280x720 screen answers without scrolling:
    # the finding, the figures and the chart's first bars (a browser test checks it).
    figures, chart = st.columns([1, 2], gap="medium")
    with figures:
        st.subheader(f"Headline figures, {year}")
        if shown["reason"]:
            st.caption(shown["reason"])  # once here; each card says it in short
        headline_cards(shown["cards"], per_row=1)
    with chart:
        bars(shown["asked"], year)

    st.subheader("In brief")
    st.markdown("\n".join(f"- {sentence}" for sentence in shown["sentences"]))
    printed_differences(shown["differences"], year)


main()
