"""The shared Streamlit rendering of a theme screen, so each theme page is a few lines.

A theme screen: the finding as its title, the year (kept in the URL), the illustrative
banner and returns line, a sorted bar chart of the theme's questions with the NCA's
printed figures marked, what each question asked, and a trend across the years held.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from countylines import catalogue
from countylines.draw import charts, trend_chart
from countylines.figures import comparability, provenance, questions, reconciliation, summary, words
from countylines.screens import data, prepared, state, widgets


def named_figures(year: int | None = None) -> pd.DataFrame:
    """``data.year_figures`` with each question's short name in ``name``."""
    frame = data.year_figures(year)
    return questions.with_names(frame) if not frame.empty else frame


# The finding is a sentence, longer than a screen name: a smaller h1 keeps the first figures
# on a 1280x720 screen. Scoped to this module's keyed containers, so other screens are untouched;
# sent once a run with the router's style sheet (widgets.page_style).
STYLE = """
.st-key-cl_title h1 { font-size: 2rem; line-height: 1.2; padding-top: 0; }
.cl-figure { margin: 0 0 0.4rem 0; line-height: 1.25; }
.cl-figure .cl-percent { display: block; font-size: 2rem; font-weight: 700; line-height: 1.15; }
"""


def heading_and_year(eyebrow: str):
    """An eyebrow line, a title slot filled in later, then the year picker (from the URL)
    beside the returns line. Returns the title slot, the year and the slot beside the picker."""
    st.caption(eyebrow)
    title = st.container(key="cl_title")
    picker, beside = st.columns([1, 4], vertical_alignment="bottom")
    year = state.year_choice(container=picker)
    return title, year, beside


def status(year: int, beside) -> None:
    """The returns line beside the year picker, then the illustrative banner."""
    with beside:
        widgets.returns_line(year)
    widgets.status_banner(year)


def base_line(frame: pd.DataFrame, year: int) -> str:
    """'Base: 43 force returns, 2017' plus any conditional base, for the source line."""
    plain = frame[~questions.is_conditional(frame)]
    parts = []
    if not plain.empty:
        parts.append(f"Base: {int(plain['base'].max())} force returns, {year}")
    for _, row in frame[questions.is_conditional(frame)].iterrows():
        parts.append(f"{row['name']}: {int(row['base'])} {questions.base_words(row)}")
    return "; ".join(parts) or f"No returns held for {year}"


def chart_notes(frame: pd.DataFrame) -> str:
    notes = [
        "Percent is yes answers ÷ base, rounded half up as the NCA prints it. Possible answers "
        "are shown as a lighter, hatched segment and are never added into the percentage."
    ]
    for _, row in frame[questions.is_conditional(frame)].iterrows():
        notes.append(
            f"{row['name']} was asked only of forces reporting {str(row['base_label']).lower()}, "
            f"so its base is {int(row['base'])}, not every force return."
        )
    return " ".join(notes)


def chart_caption(frame: pd.DataFrame, printed: pd.DataFrame, lead: str = "") -> str:
    """What the bars, hatched segments and diamonds mean; only the marks the chart has."""
    parts = [lead or "Each bar is the share of force returns answering yes."]
    if (frame["possible"] > 0).any():
        parts.append("Hatched light segments are possible answers, not counted in the percentage.")
    if printed["indicator"].isin(frame["indicator"]).any():
        parts.append("Orange diamonds mark the figure the NCA printed in its report.")
    return " ".join(parts)


def span_source(years: list[int]) -> str:
    """One source line for years that may mix the demonstration set and real returns."""
    invented = [str(y) for y in years if data.is_illustrative(y)]
    real = [str(y) for y in years if not data.is_illustrative(y)]
    if invented and real:
        status = (
            f"illustrative demonstration data ({words.and_list(invented)}) and police force returns "
            f"({words.and_list(real)})"
        )
    else:
        status = "illustrative demonstration data" if invented else "police force returns"
    return f"Source: {status} to the National Crime Agency county lines collection, {min(years)} to {max(years)}"


@dataclass(frozen=True)
class Chart:
    """A chart as a screen shows it (``widgets.chart_with_table``'s arguments), built once."""

    fig: object
    table: pd.DataFrame
    key: str
    year: int
    base: str
    title: str
    notes: str = ""
    source: str | None = None
    years: list[int] | None = None

    def show(self) -> None:
        widgets.chart_with_table(
            self.fig,
            self.table,
            key=self.key,
            year=self.year,
            base=self.base,
            title=self.title,
            notes=self.notes,
            source=self.source,
            years=self.years,
        )


def question_lines(frame: pd.DataFrame, missing: pd.DataFrame | None = None, year: int | None = None) -> list[str]:
    """What each question asked, and any question of the theme the year did not ask."""
    lines = [
        f"**{row.name}**: {row.question} ({row.source_ref})"
        for row in frame.sort_values("sort_order").itertuples()
    ]
    if missing is not None and not missing.empty:
        for row in missing.itertuples(index=False):
            asked_in = ", ".join(str(y) for y in row.asked_in)
            lines.append(f"**{row.label}**: not asked in {year} (asked in {asked_in}).")
    return lines


def questions_expander(lines: list[str]) -> None:
    with st.expander("What each question asked"):
        st.markdown("\n\n".join(lines))  # one element, a paragraph a question


def not_asked_note(year: int, indicators) -> None:
    """Names the questions (of these) the year's returns file did not ask, where they would be missed."""
    key = tuple(indicators) if indicators is not None else None
    text = data.view(
        "not_asked_text",
        year,
        key,
        build=lambda: comparability.not_asked_text(data.not_asked(year, indicators), year),
    )
    if text:
        st.info(text, icon=":material/info:")


def theme_view(themes: tuple[str, ...], heading: str, key: str, year: int) -> dict | None:
    """Everything the theme screen shows for a year, built once per snapshot (None: not asked)."""
    figures = named_figures(year)
    frame = figures[figures["theme"].isin(themes)] if not figures.empty else figures
    if frame.empty:
        return None
    printed = reconciliation.printed_by_indicator(data.published_figures(year))
    theme_ids = catalogue.indicators().query("theme in @themes")["id"].tolist()
    return {
        "title": summary.finding_title(frame, year),
        "ids": tuple(theme_ids),
        "caption": chart_caption(frame, printed),
        "chart": Chart(
            charts.indicator_bars(frame, printed, year),
            questions.question_table(frame, printed),
            key=f"{key}_bars",
            year=year,
            base=base_line(frame, year),
            title=f"{heading}: percentage of force returns answering yes, {year}",
            notes=chart_notes(frame),
        ),
        "questions": question_lines(frame, data.not_asked(year, theme_ids), year),
        "line_counts": line_count_view(year) if "scope" in themes else None,
    }


def render_theme(themes: list[str], heading: str, key: str) -> None:
    """The whole theme screen for the questions of ``themes``."""
    title, year, beside = heading_and_year(f"Theme: {heading}")
    if year is None:
        title.title(heading)
        return
    status(year, beside)
    shown = data.view(
        "theme", tuple(themes), heading, key, year, build=lambda: theme_view(tuple(themes), heading, key, year)
    )
    if shown is None:
        title.title(heading)
        st.info(f"The {year} returns did not ask about {heading.lower()}. Pick another year.")
        return
    title.title(shown["title"])
    st.subheader(f"Forces answering yes, England and Wales, {year}")
    not_asked_note(year, shown["ids"])
    st.caption(shown["caption"])
    shown["chart"].show()
    questions_expander(shown["questions"])
    if shown["line_counts"] is not None:
        line_counts(year, shown["line_counts"])
    render_trend(themes, heading, key)


def trend_view(themes: tuple[str, ...], heading: str, key: str) -> dict | None:
    """The trend across every year held, built once per snapshot (None: fewer than two years)."""
    every = named_figures(None)
    frames = every[every["theme"].isin(themes)] if not every.empty else every
    held = sorted(int(y) for y in frames["year"].unique()) if not frames.empty else []
    if len(held) < 2:
        return None
    notes = trend_notes(frames, held)
    definitions = comparability.changes_for(frames["indicator"].unique(), held)
    said = [text for _, text in notes]
    if not definitions.empty:
        said.append(comparability.change_note(definitions))
    bases = [(y, questions.returns_base(frames[frames["year"] == y])) for y in held]
    base = "; ".join(f"{b} force returns in {y}" for y, b in bases if b is not None)
    gaps = [text for text in (widgets.no_return_text(y) for y in held) if text]
    if gaps:  # a comparison names who is missing from each year's base, as a single year does
        base += ". " + "; ".join([gaps[0], *(gap[:1].lower() + gap[1:] for gap in gaps[1:])])
    return {
        "title": questions.trend_title(frames),
        "caption": f"Percentage of force returns answering yes, England and Wales, {held[0]} to {held[-1]}",
        "notes": notes,
        "chart": Chart(
            trend_chart.trend_dots(frames),
            questions.trend_table(frames),
            key=f"{key}_trend",
            year=held[-1],
            base=f"Base: {base}",
            title=f"{heading}: percentage of force returns answering yes, {held[0]} to {held[-1]}",
            notes=" ".join(said),
            source=span_source(held),
            years=held,
        ),
        "definitions": definition_lines(definitions),
    }


def render_trend(themes: list[str], heading: str, key: str) -> None:
    """A dot chart across every year held, when more than one year asked these questions.

    What it stands on is said beside it: years of the demonstration set are marked and never
    joined to real years (provenance's rule), and the NCA's changes of definition or of unit
    between reports are named with the reports' own words.
    """
    shown = data.view("trend", tuple(themes), heading, key, build=lambda: trend_view(tuple(themes), heading, key))
    if shown is None:
        return
    st.subheader(shown["title"])
    st.caption(shown["caption"])
    show_notes(shown["notes"])
    shown["chart"].show()
    definition_changes(shown["definitions"])


def definition_lines(definitions: pd.DataFrame) -> tuple[str, list[str]] | None:
    """The expander's label and lines for the NCA's changes of definition (None: no change)."""
    if definitions.empty:
        return None
    label = f"Questions the NCA measured differently between years ({len(definitions)})"
    return label, comparability.change_lines(definitions)


def definition_changes(definitions: tuple[str, list[str]] | None, expanded: bool = True) -> None:
    """The NCA's changes of definition between reports, in the reports' own words."""
    if definitions is None:
        return
    label, lines = definitions
    with st.expander(label, expanded=expanded):
        st.markdown("\n".join(f"- {line}" for line in lines))


def trend_notes(frames: pd.DataFrame, held: list[int]) -> list[tuple[str, str]]:
    """What a reader must know before reading across years, as (how it is shown, words)."""
    notes = []
    statuses = provenance.frame_statuses(frames)
    if provenance.is_mixed(statuses, held):
        invented = [y for y in held if statuses[y] == provenance.ILLUSTRATIVE]
        real = [y for y in held if statuses[y] != provenance.ILLUSTRATIVE]
        text = (
            f"{words.and_list([str(y) for y in invented])} {'is' if len(invented) == 1 else 'are'} the "
            f"demonstration set (invented) and {words.and_list([str(y) for y in real])} real returns: no change "
            "is worked out between them, and no line joins them ('|' in the labels)."
        )
        notes.append(("warning", text))
    base = questions.base_note(frames)
    if base:
        notes.append(("info", f"{base} Compare percentages rather than numbers of forces."))
    measure = comparability.measure_note(held)
    if measure:
        notes.append(("caption", measure))
    return notes


def show_notes(notes: list[tuple[str, str]]) -> None:
    for kind, text in notes:
        if kind == "warning":
            st.warning(text, icon=":material/info:")
        elif kind == "info":
            st.markdown(f":material/info: {text}")
        else:
            st.caption(text)


def line_count_view(year: int) -> pd.DataFrame:
    return comparability.line_count_rows(data.published_figures(year), data.line_totals(year), data.flows(year))


def line_counts(year: int, table: pd.DataFrame) -> None:
    """The report's numbers of lines as printed, beside what the returns held give."""
    if table.empty:
        return
    st.subheader(f"Numbers of county lines: printed and from the returns, {year}")
    st.table(prepared.table(table), hide_index=True, border="horizontal")
    if data.is_illustrative(year):
        st.caption(
            f"The {year} returns and flows held are illustrative: the right-hand column is from invented data."
        )


def figure_html(figure: str) -> str:
    """'77% of forces (33)' with the percent set large; a screen reader reads the same words."""
    percent, _, rest = html.escape(figure).partition(" ")
    return f"<p class='cl-figure'><span class='cl-percent'>{percent}</span> {rest}</p>"
