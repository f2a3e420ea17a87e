"""National picture: headline NCA-style figures for a year, what changed, and every question."""

import streamlit as st

from countylines.draw import charts
from countylines.figures import questions, reconciliation, summary
from countylines.screens import data, state, themes, widgets

state.through_dashboard()

ARROWS = {"up": ":material/arrow_upward:", "down": ":material/arrow_downward:", "level": ":material/remove:"}
TOP = 12  # questions in the chart unless the reader asks for all


def headline_cards(cards: list[summary.Headline]) -> None:
    for start in range(0, len(cards), 4):
        for column, card in zip(st.columns(4), cards[start : start + 4], strict=False):
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


def bars(now, printed, year: int) -> None:
    st.subheader(f"Forces answering yes, England and Wales, {year}")
    show_all = st.toggle(f"Show all {len(now)} questions asked in {year}", value=False, key="national_all")
    themes.not_asked_note(year, None)
    shown = now if show_all else questions.sort_for_chart(now).head(TOP)
    lead = "Every question" if show_all else f"The {len(shown)} most reported questions"
    st.caption(themes.chart_caption(shown, printed, lead=f"{lead}, most reported first."))
    widgets.chart_with_table(
        charts.indicator_bars(shown, printed, year),
        questions.question_table(shown, printed),
        key="national_bars",
        year=year,
        base=themes.base_line(shown, year),
        title=f"National picture: percentage of force returns answering yes, {year}",
        notes=themes.chart_notes(shown),
    )


def printed_differences(published, now, year: int) -> None:
    if published.empty:
        return
    st.subheader("Where the printed report differs from count ÷ base")
    differences = reconciliation.printed_differences(
        reconciliation.reconcile(published, now, data.exporter_reach(year))
    )
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


def main() -> None:
    title, year, beside = themes.heading_and_year("National picture")
    if year is None:
        title.title("National picture")
        return
    themes.status(year, beside)
    now = themes.named_figures(year)
    if now.empty:
        title.title("National picture")
        st.info(f"No force returns are held for {year}; only flows between forces. Pick another year.")
        return
    title.title(summary.finding_title(now, year))

    before_year = questions.previous_year(data.years(), year)
    before = themes.named_figures(before_year) if before_year else None
    published = data.published_figures(year)
    printed = reconciliation.printed_by_indicator(published)
    returns = data.force_returns(year)

    st.subheader(f"Headline figures, {year}")
    comparison = summary.comparison_of(now, before, before_year)
    if comparison is not None and not comparison.allowed:
        st.caption(comparison.reason())  # once here; each card says it in short
    headline_cards(summary.headlines(now, before, before_year, printed))

    st.subheader("In brief")
    sentences = summary.written_summary(
        now,
        year,
        before,
        before_year,
        missing=returns.loc[~returns["returned"], "name"].tolist(),
        expected=len(returns),
    )
    st.markdown("\n".join(f"- {sentence}" for sentence in sentences))
    bars(now, printed, year)
    printed_differences(published, now, year)


main()
