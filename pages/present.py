"""Presenting mode: one finding per screen in large type for meeting-room screens, and the
same findings as PowerPoint slides for the papers pack. ?year= and ?slide= link to a slide.
Keys: → / Page Down next, ← / Page Up previous (what presentation clickers send), Esc leaves.
"""

import html

import streamlit as st

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw import deck, slides
from countylines.figures import comparability, questions
from countylines.screens import data, presenting, state

state.through_dashboard()

presenting.full_screen()

held = data.years()
if not held:
    st.warning("There are no returns in the database yet. Import a returns file to begin.")
    st.page_link("pages/import.py", label="Import returns", icon=":material/upload_file:")
    st.stop()

top = st.columns([1.1, 3, 1.4], vertical_alignment="bottom")
year = state.url_choice("year", "Year", held, held[0], parse=int, container=top[0])
illustrative = data.is_illustrative(year)
before_year = questions.previous_year(held, year)
findings = slides.findings(
    data.year_figures(year),
    year,
    illustrative=illustrative,
    exporters=data.exporter_reach(year),
    before=data.year_figures(before_year) if before_year else None,
    before_year=before_year,
    returns=data.force_returns(year),
    flows_held=year in data.flow_years(),
    not_asked=comparability.not_asked_text(data.not_asked(year), year) or "",
)
if not findings:
    st.warning(f"No findings are held for {year}.")
    st.stop()
total = len(findings)


def _go(to: int) -> None:
    st.query_params["slide"] = str(to)
    # The select box must move too: the browser would otherwise send back its old value
    # on the next rerun (AppTest does not, so tests/browser covers it).
    st.session_state["url_slide"] = to


number = state.url_choice(
    "slide",
    "Slide",
    range(1, total + 1),
    1,
    format_func=lambda n: f"Slide {n} of {total}",
    parse=int,
    container=top[2],
)
leave_to, leave_params = state.came_from(year)
top[1].page_link(leave_to, label="Leave presenting mode", icon=":material/close:", query_params=leave_params)
finding = findings[number - 1]

if illustrative:
    st.html(f'<div class="cl-band" role="note">{ILLUSTRATIVE_NOTICE}</div>')
# A finding without a chart (no flows, a change withheld) is words alone: they take the width.
left, right = st.columns([2, 3], vertical_alignment="center") if finding.figure is not None else (st, None)

left.title(finding.title, anchor=False)
left.html(
    f'<div class="cl-number">{html.escape(finding.number)}</div>'
    f'<div class="cl-of">{html.escape(finding.of)}</div>'
    f'<div class="cl-lines">{html.escape(finding.base)}'
    + (f"<br>{html.escape(finding.note)}" if finding.note else "")
    + "</div>"
)
if finding.figure is not None:
    alt = (finding.figure.layout.meta or {}).get("alt")
    right.plotly_chart(
        finding.figure,
        width="stretch",
        config={"displayModeBar": False, "staticPlot": True},
        key=f"slide_{finding.key}",
        alt=alt,
        theme=None,
    )
st.caption(f"{finding.source}. {finding.status}.")

back, where, forward, pack = st.columns([1, 1, 1, 2], vertical_alignment="center")
back.button(
    "Previous",
    icon=":material/arrow_back:",
    disabled=number <= 1,
    on_click=_go,
    args=(number - 1,),
    width="stretch",
    key="previous",
)
where.markdown(f"**Slide {number} of {total}**")
where.caption("Keys: → next, ← previous, Esc leaves")
forward.button(
    "Next",
    icon=":material/arrow_forward:",
    disabled=number >= total,
    on_click=_go,
    args=(number + 1,),
    width="stretch",
    type="primary",
    key="next",
)

wanted = pack.button("Prepare slides (PowerPoint and PDF)", icon=":material/slideshow:", key="prepare")
deck_key = f"_deck_{year}"
if wanted:
    with st.spinner("Drawing the charts for the slides…"):
        st.session_state[deck_key] = deck.build_pack(findings, year, illustrative)
if deck_key in st.session_state:
    pptx, pdf, message = st.session_state[deck_key]
    if message:
        st.info(message)
    stem = f"county_lines_{year}_slides"
    pack.download_button(
        "Download slides (PowerPoint)",
        pptx,
        file_name=f"{stem}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/download:",
        key="download_pptx",
        on_click="ignore",
    )
    if pdf is not None:
        pack.download_button(
            "Download slides (PDF)",
            pdf,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            key="download_pdf",
            on_click="ignore",
        )

presenting.presenter_keys()  # last, so its element adds no space above the slide
