"""Presenting mode: the slide the audience sees (a finding, its chart, base, source and status)
and the presenter's strip of controls, kept out of the shared picture, with its keys, and
the set-up dialog where the year, force and slides are chosen and the slides prepared.

The whole choice is in the URL: /present?year=2017&force=Staffordshire&slides=4,1,2&slide=2
(slides: the chosen slides' numbers in the order shown; slide: the position in that order).
Only the slide shown is drawn on a rerun; Prepare slides draws the chosen ones for the pack.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import streamlit as st

from countylines import ILLUSTRATIVE_NOTICE, catalogue
from countylines.draw import deck, force_slides, slides
from countylines.draw.slides import Finding
from countylines.figures import comparability, profile, questions
from countylines.screens import data, prepared, state, widgets

NO_FORCE = ""  # the force box's 'national slides only'


@dataclass(frozen=True)
class Show:
    """What is presented: the year, the force (code, or NO_FORCE) and its name."""

    year: int
    force: str
    force_name: str


# The strip: the presenter's controls as one element, its keys with it (static/present_strip.js),
# and presenting mode's style sheet (isolate_styles=False: the sheet styles the whole page).
# One element, not a dozen of Streamlit's: a rerun of a slide draws little besides the slide.
STRIP = st.components.v2.component(
    "countylines_present_strip",
    css=widgets.static_text("present.css"),
    js=widgets.static_text("present_strip.js"),
    isolate_styles=False,
)
STRIP_KEY = "present_strip"
CHOOSING = state.PRESENT_CHOOSING  # the set-up dialog is open (closed when Present is opened afresh)
REFRESH = "present_refresh"  # a choice in the dialog changes the slide behind it


def available(show: Show) -> list[Finding]:
    """Every slide that can be shown for the year (and force), charts not drawn: the force's
    own slides first, then the national findings. Made once per snapshot, year and force and
    shared (the findings are only read: a drawn slide is a new Finding)."""
    return data.view("present", show.year, show.force, build=lambda: _available(show))


def _available(show: Show) -> list[Finding]:
    year = show.year
    illustrative = data.is_illustrative(year)
    held = data.years()
    before_year = questions.previous_year(held, year)
    flows_held = year in data.flow_years()
    found = []
    if show.force:
        found += _force_findings(show, illustrative, flows_held)
    found += slides.findings(
        data.year_figures(year),
        year,
        illustrative=illustrative,
        exporters=data.exporter_reach(year),
        before=data.year_figures(before_year) if before_year else None,
        before_year=before_year,
        returns=data.force_returns(year),
        flows_held=flows_held,
        not_asked=comparability.not_asked_text(data.not_asked(year), year) or "",
        lazy=True,
    )
    return found


def _force_findings(show: Show, illustrative: bool, flows_held: bool) -> list[Finding]:
    year, code = show.year, show.force
    returned = bool(data.force_returns(year).set_index("code").loc[code, "returned"])
    indicators = catalogue.indicators()
    every_answer = data.year_answers(year)
    rows = None
    if returned:
        answers = data.force_profile(code).query("year == @year")
        rows = profile.answer_rows(data.year_figures(year), answers, indicators)
    return force_slides.findings(
        show.force_name,
        code,
        year,
        rows=rows,
        all_yes=profile.yes_counts(every_answer, indicators),
        flows=data.flows(year) if flows_held else None,
        illustrative=illustrative,
        lazy=True,
    )


# The presenter's choices, each kept in the URL -------------------------------------------


def _from_url(name: str, parse, options: list, default, label: str):
    """The value a link asks for, or the default with a notice when it is not available."""
    wanted = st.query_params.get(name)
    if wanted is None:
        return default
    try:
        value = parse(wanted)
    except (TypeError, ValueError):
        value = None
    if value in options:
        return value
    st.toast(f"The link asked for {label} “{str(wanted)[:40]}”, which is not available here.", icon="ℹ️")
    return default


def choose_year(held: list[int]) -> int:
    """The year: the link's, or the one the reader chose on another screen, or the newest held."""
    year = state.url_value("year", "Year", held, held[0], parse=int)
    state.keep_in_url("year", str(year))
    return year


def choose_force() -> tuple[str, str]:
    """(code, name) of the force whose own slides come first, or (NO_FORCE, '')."""
    names = catalogue.force_names()
    code = _from_url("force", state.parse_force, [NO_FORCE, *names], NO_FORCE, "force")
    if code:
        state.set_param("force", names[code])
    else:
        st.query_params.pop("force", None)
    return code, names.get(code, "")


def _parse_numbers(text: str) -> list[int]:
    return [int(part) for part in str(text).split(",") if part.strip()]


def choose_slides(found: list[Finding]) -> list[int]:
    """The picked slides' numbers (1 = the first available) in the order they are shown; none
    picked: every slide, in its own order (?slides= is left out)."""
    options = range(1, len(found) + 1)
    try:
        picked = [n for n in _parse_numbers(st.query_params.get("slides", "")) if n in options]
    except ValueError:
        picked = []
    if picked:
        state.set_param("slides", ",".join(str(n) for n in picked))
    else:
        st.query_params.pop("slides", None)
    return picked


def choose_position(total: int) -> int:
    """The position in the chosen order (1 = the first), from the link; 0 when nothing is shown."""
    if not total:
        st.query_params.pop("slide", None)
        return 0
    at = _from_url("slide", int, list(range(1, total + 1)), 1, "slide")
    state.set_param("slide", str(at))
    return at


# The strip and the set-up dialog -----------------------------------------------------------


def strip(at: int, total: int) -> str | None:
    """The presenter's strip; what it asked for on this run besides a slide ("leave"), if any."""
    result = STRIP(
        key=STRIP_KEY,
        data={"at": at, "total": total},
        on_go_change=_go,
        on_action_change=_act,
        height=0,  # fixed to the bottom of the screen: it takes no room above the slide
    )
    return result.action


def _go() -> None:
    """A button, the slide box or a key asked for a slide (its number in the chosen order)."""
    to = getattr(st.session_state.get(STRIP_KEY), "go", None)
    if isinstance(to, int) and to >= 1:
        st.query_params["slide"] = str(to)


def _act() -> None:
    if getattr(st.session_state.get(STRIP_KEY), "action", None) == "choose":
        st.session_state[CHOOSING] = True


def leave(year: int) -> None:
    """Back to the screen (and choices) the presenter came from: Esc or the strip's button."""
    st.session_state.pop(CHOOSING, None)
    leave_to, leave_params = state.came_from(year)
    st.switch_page(leave_to, query_params=leave_params)


def choosing() -> bool:
    return bool(st.session_state.get(CHOOSING))


def _closed() -> None:
    st.session_state.pop(CHOOSING, None)


def _refresh() -> None:
    st.session_state[REFRESH] = True


def _year_chosen() -> None:
    state.choose("year", st.session_state["present_year"])
    _refresh()


def _force_chosen() -> None:
    """Another force offers other slides (its own come first): show them all, from the first."""
    code = st.session_state["present_force"]
    if code:
        st.query_params["force"] = catalogue.force_names()[code]
    else:
        st.query_params.pop("force", None)
    for name in ("slides", "slide"):
        st.query_params.pop(name, None)
    _refresh()


def _slides_chosen() -> None:
    picked = st.session_state["present_slides"]
    if picked:
        st.query_params["slides"] = ",".join(str(n) for n in picked)
    else:
        st.query_params.pop("slides", None)
    st.query_params.pop("slide", None)  # from the first of them
    _refresh()


@st.dialog("Choose the slides", width="large", on_dismiss=_closed)
def choose(held: list[int], show: Show, found: list[Finding], picked: list[int], order: list[int]) -> None:
    """The presenter's set-up: the year, a force for a local board, the slides and their order,
    and the chosen slides prepared as PowerPoint and PDF. It stays open while choices are made;
    each one redraws the slide behind it."""
    if st.session_state.pop(REFRESH, False):
        st.rerun()  # the whole screen, not only the dialog: the slide behind it follows
    names = catalogue.force_names()
    st.session_state["present_year"] = show.year
    st.session_state["present_force"] = show.force
    st.session_state["present_slides"] = picked
    left, right = st.columns(2)
    left.selectbox("Year", held, key="present_year", on_change=_year_chosen)
    right.selectbox(
        "Force for a local board (its own slides come first)",
        [NO_FORCE, *names],
        key="present_force",
        format_func=lambda c: names.get(c, "National only"),
        on_change=_force_chosen,
    )
    st.multiselect(
        "Slides, in the order they are shown (pick them in that order)",
        list(range(1, len(found) + 1)),
        key="present_slides",
        format_func=lambda n: f"{n}. {found[n - 1].title}",
        placeholder="All slides, in their own order",
        on_change=_slides_chosen,
    )
    st.caption("With none picked, every slide is shown in its own order.")
    with st.container(horizontal=True, vertical_alignment="center"):
        if order:
            prepare_pack(show, [found[n - 1] for n in order], order)
        if st.button("Show the slides", type="primary", icon=":material/slideshow:", key="present_done"):
            _closed()
            st.rerun()


def _on_screen(finding: Finding) -> Finding:
    """The finding with its chart drawn for the screen: taller than in the pack (the screen has
    the room) and room on the right for the label of the longest bar in a column narrower than
    a slide."""
    finding = finding.drawn()
    if finding.figure is not None:
        figure = finding.figure
        figure.update_layout(height=min(max(int(figure.layout.height or 300), 280), 360))
        if figure.layout.xaxis.range:
            low, high = figure.layout.xaxis.range
            figure.update_xaxes(range=[low, high * 1.2])
    return finding


def show_slide(show: Show, finding: Finding, illustrative: bool) -> None:
    """What the audience sees: the finding, its number, chart, base, source and status.
    Its chart is drawn once per snapshot, year, force and slide, and shared."""
    finding = data.view("present_slide", show.year, show.force, finding.key, build=lambda: _on_screen(finding))
    band = f'<div class="cl-band" role="note">{ILLUSTRATIVE_NOTICE}</div>' if illustrative else ""
    title = f"<h1>{html.escape(finding.title)}</h1>"
    lines = html.escape(finding.base) + (f"<br>{html.escape(finding.note)}" if finding.note else "")
    words = (
        (f'<div class="cl-number">{html.escape(finding.number)}</div>' if finding.number else "")
        + (f'<div class="cl-of">{html.escape(finding.of)}</div>' if finding.of else "")
        + f'<div class="cl-lines">{lines}</div>'
    )
    if finding.figure is None:  # words alone (no flows, a change withheld): they take the width
        st.html(band + title + words)
    else:
        st.html(band + title)
        row = st.container(horizontal=True, vertical_alignment="center", gap="medium")
        row.html(words, width=_WORDS_WIDTH)
        row.plotly_chart(
            prepared.figure(finding.figure),
            width="stretch",
            config={"displayModeBar": False, "staticPlot": True},
            key=f"slide_{finding.key}",
            alt=finding.alt,
            theme=None,
        )
    st.caption(f"{finding.source}. {finding.status}.")


_WORDS_WIDTH = 400  # px: the number, what it is of, and its base, beside the chart


def prepare_pack(show: Show, chosen: list[Finding], order: list[int]) -> None:
    """Prepare slides: the chosen slides as PowerPoint and PDF, built once when clicked."""
    key = f"_deck_{show.year}_{show.force}_{','.join(map(str, order))}"
    if st.button(
        "Prepare slides",
        icon=":material/slideshow:",
        key="present_prepare",
        help="Prepare the chosen slides as PowerPoint and PDF",
    ):
        with st.spinner("Drawing the charts for the slides…"):
            drawn = [finding.drawn() for finding in chosen]
            st.session_state[key] = deck.build_pack(
                drawn, show.year, data.is_illustrative(show.year), place=show.force_name if show.force else ""
            )
        if st.session_state[key][2]:  # said once, when made: not again on every slide
            st.toast(st.session_state[key][2], icon="ℹ️", duration="long")
    if key not in st.session_state:
        return
    pptx, pdf, _ = st.session_state[key]
    stem = (
        f"county_lines_{show.year}" + (f"_{show.force_name.replace(' ', '_')}" if show.force else "") + "_slides"
    )
    st.download_button(
        "PowerPoint",
        pptx,
        file_name=f"{stem}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/download:",
        key="present_pptx",
        on_click="ignore",
        help="Download the slides as PowerPoint",
    )
    if pdf is not None:
        st.download_button(
            "PDF",
            pdf,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            key="present_pdf",
            on_click="ignore",
            help="Download the slides as PDF",
        )
