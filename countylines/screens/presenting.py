"""Presenting mode: the slide the audience sees (a finding, its chart, base, source and status)
and the presenter's strip of controls, kept out of the shared picture, with its keys.

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


def full_screen() -> None:
    """No sidebar, header or toolbar: the slide, and the strip that appears on hover or focus."""
    st.html(f"<style>{widgets.static_text('present.css')}</style>")  # read once per process


def presenter_keys() -> None:
    """→ / Page Down / Space next, ← / Page Up previous, Home / End first and last, Esc leaves.

    The script is the project's own file (no user input in it). It clicks the strip's own
    buttons, so a key does exactly what its button does, whatever control was used last:
    a select box gives the focus back once a value is chosen.
    """
    script = widgets.static_text("present_keys.js")
    st.html(f'<div class="cl-script"><script>{script}</script></div>', unsafe_allow_javascript=True)


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


def _box(key: str, label: str, options: list, value, format_func, container, on_change=None):
    """A select box showing ``value``, set through its state so the box and URL never differ."""
    st.session_state[key] = value
    return container.selectbox(
        label,
        options,
        key=key,
        format_func=format_func,
        label_visibility="collapsed",
        on_change=on_change,
        width=_WIDTHS.get(key, "stretch"),
    )


_WIDTHS = {"present_force": 180, "present_slide": 125}


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


def _start_again() -> None:
    """Another force offers other slides (its own come first): show them all, from the first."""
    for name in ("slides", "slide"):
        st.query_params.pop(name, None)
    for key in ("present_slides", "present_slide"):
        st.session_state.pop(key, None)


def choose_force(container) -> tuple[str, str]:
    """(code, name) of the force whose own slides come first, or (NO_FORCE, '')."""
    names = catalogue.force_names()
    options = [NO_FORCE, *names]
    if "present_force" in st.session_state and st.session_state["present_force"] in options:
        code = st.session_state["present_force"]
    else:
        code = _from_url("force", state.parse_force, options, NO_FORCE, "force")
    code = _box(
        "present_force",
        "Force for a local board",
        options,
        code,
        lambda c: names.get(c, "National only"),
        container,
        on_change=_start_again,
    )
    if code:
        state.set_param("force", names[code])
    else:
        st.query_params.pop("force", None)
    return code, names.get(code, "")


def _parse_numbers(text: str) -> list[int]:
    return [int(part) for part in str(text).split(",") if part.strip()]


def choose_slides(found: list[Finding], container) -> list[int]:
    """The chosen slides' numbers (1 = the first available) in the order they are shown."""
    options = list(range(1, len(found) + 1))
    if "present_slides" in st.session_state:
        chosen = [n for n in st.session_state["present_slides"] if n in options]
    else:
        try:
            chosen = [n for n in _parse_numbers(st.query_params.get("slides", "")) if n in options]
        except ValueError:
            chosen = []
    st.session_state["present_slides"] = chosen
    with container.popover("Slides", icon=":material/checklist:", key="present_choose"):
        picked = st.multiselect(
            "Slides, in the order they are shown (pick them in that order)",
            options,
            key="present_slides",
            format_func=lambda n: f"{n}. {found[n - 1].title}",
            placeholder="All slides, in their own order",
            on_change=_from_first,
        )
        st.caption("With none picked, every slide is shown in its own order.")
    if picked:
        state.set_param("slides", ",".join(str(n) for n in picked))
    else:
        st.query_params.pop("slides", None)  # every slide, in its own order
    return picked or options


def _from_first() -> None:
    st.session_state.pop("present_slide", None)
    st.query_params.pop("slide", None)


def _go(to: int) -> None:
    st.session_state["present_slide"] = to
    st.query_params["slide"] = str(to)


def choose_position(total: int, container) -> int:
    """The position in the chosen order, from the box, a button, a key or the link."""
    options = list(range(1, total + 1))
    if st.session_state.get("present_slide") in options:
        at = st.session_state["present_slide"]
    else:
        at = _from_url("slide", int, options, 1, "slide")
    at = _box("present_slide", "Slide", options, at, lambda n: f"Slide {n} of {total}", container)
    state.set_param("slide", str(at))
    return at


def step_buttons(at: int, total: int, container) -> None:
    """First, Previous, Next, Last: the buttons the keys press."""
    for key, label, icon, to, disabled in (
        ("present_first", "First", ":material/first_page:", 1, at <= 1),
        ("present_previous", "Previous", ":material/arrow_back:", at - 1, at <= 1),
        ("present_next", "Next", ":material/arrow_forward:", at + 1, at >= total),
        ("present_last", "Last", ":material/last_page:", total, at >= total),
    ):
        container.button(
            label,
            icon=icon,
            disabled=disabled,
            on_click=_go,
            args=(to,),
            key=key,
            type="primary" if key == "present_next" else "secondary",
        )


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
    if illustrative:
        st.html(f'<div class="cl-band" role="note">{ILLUSTRATIVE_NOTICE}</div>')
    st.title(finding.title, anchor=False)
    # A finding without a chart (no flows, a change withheld) is words alone: they take the width.
    left, right = st.columns([1.7, 3], vertical_alignment="center") if finding.figure is not None else (st, None)
    lines = html.escape(finding.base) + (f"<br>{html.escape(finding.note)}" if finding.note else "")
    left.html(
        (f'<div class="cl-number">{html.escape(finding.number)}</div>' if finding.number else "")
        + (f'<div class="cl-of">{html.escape(finding.of)}</div>' if finding.of else "")
        + f'<div class="cl-lines">{lines}</div>'
    )
    if finding.figure is not None:
        right.plotly_chart(
            prepared.figure(finding.figure),
            width="stretch",
            config={"displayModeBar": False, "staticPlot": True},
            key=f"slide_{finding.key}",
            alt=finding.alt,
            theme=None,
        )
    st.caption(f"{finding.source}. {finding.status}.")


def prepare_pack(show: Show, chosen: list[Finding], order: list[int], container) -> None:
    """Prepare slides: the chosen slides as PowerPoint and PDF, built once when clicked."""
    key = f"_deck_{show.year}_{show.force}_{','.join(map(str, order))}"
    if container.button(
        "Prepare slides",
        icon=":material/slideshow:",
        key="present_prepare",
        help="Prepare the chosen slides as PowerPoint and PDF",
    ):
        with container, st.spinner("Drawing the charts for the slides…"):  # in the strip, not the picture
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
    container.download_button(
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
        container.download_button(
            "PDF",
            pdf,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            key="present_pdf",
            on_click="ignore",
            help="Download the slides as PDF",
        )


def leave_link(year: int, container) -> None:
    """Back to the screen (and choices) the presenter came from: Esc presses it."""
    leave_to, leave_params = state.came_from(year)
    container.page_link(
        leave_to,
        label="Leave presenting mode",
        icon=":material/close:",
        query_params=leave_params,
        help="Leave presenting mode (Esc)",
    )
