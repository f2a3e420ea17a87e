"""National picture: headline NCA-style figures for a year, what changed, and every question."""

import pandas as pd
import streamlit as st

from countylines.figures import summary
from countylines.screens import data, state, themes, views, widgets

state.through_dashboard()

ARROWS = {"up": ":material/arrow_upward:", "down": ":material/arrow_downward:", "level": ":material/remove:"}


def headline_cards(cards: list[summary.Headline]) -> None:
    """The headline figures, one bordered card each, stacked beside the first chart.

    Each card is one Markdown element (name, figure, change, then its notes in small type):
    half the elements of a name, figure and notes drawn apart, on every rerun."""
    for card in cards:
        with st.container(border=True):
            parts = [f"**{card.name}**", themes.figure_html(card.figure)]
            notes = []
            if card.change:
                # The words say up or down; the arrow only repeats them, in the text colour.
                parts.append(f"{ARROWS[card.direction]} {card.change[:1].upper()}{card.change[1:]}")
                if card.why:
                    notes.append(f"Percent and count move apart: {card.why}.")
            elif card.withheld:
                notes.append(card.withheld)
            notes += [text for text in (card.base, card.possible, card.printed) if text]
            parts.append("  \n".join(widgets.small(text) for text in notes))
            st.markdown("\n\n".join(parts), help=card.question, unsafe_allow_html=True)


def bars(asked: int, year: int) -> None:
    st.subheader(f"Forces answering yes, England and Wales, {year}")
    show_all = st.toggle(f"Show all {asked} questions asked in {year}", value=False, key="national_all")
    themes.not_asked_note(year, None)
    shown = data.view("national_bars", year, show_all, build=lambda: views.bars_view(year, show_all))
    st.caption(shown["caption"])
    shown["chart"].show()


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


def main() -> None:
    title, year, beside = themes.heading_and_year("National picture")
    if year is None:
        title.title("National picture")
        return
    themes.status(year, beside)
    shown = data.view("national", year, build=lambda: views.national_view(year))
    if shown is None:
        title.title("National picture")
        st.info(f"No force returns are held for {year}; only flows between forces. Pick another year.")
        return
    title.title(shown["title"])

    # The key figures beside the first chart, so a 1280x720 screen answers without scrolling:
    # the finding, the figures and the chart's first bars (a browser test checks it).
    figures, chart = st.columns([1, 2.2], gap="medium")
    with figures:
        st.subheader(f"Headline figures, {year}")
        if shown["reason"]:
            st.caption(shown["reason"])  # once here; each card says it in short
        headline_cards(shown["cards"])
    with chart:
        bars(shown["asked"], year)

    st.subheader("In brief")
    st.markdown("\n".join(f"- {sentence}" for sentence in shown["sentences"]))
    printed_differences(shown["differences"], year)


main()
