"""One finding per screen or slide, for presenting at board meetings and the papers pack.

Pure: DataFrames in, findings (words, a big number and a small plotly figure) out, and
``build_pptx`` turns findings into a PowerPoint deck (python-pptx, chart images by kaleido).
The figures follow the house rules: count ÷ base rounded half up, possible never added in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from countylines import ILLUSTRATIVE_NOTICE
from countylines.figures import nca, questions, summary
from countylines.figures.words import and_list, capital

# The questions shown one per slide, in the order a board hears them.
QUESTIONS = (
    "county_lines_activity",
    "cuckooing",
    "child_exploitation",
    "vulnerable_people",
    "knives",
    "firearms",
)
HUBS = 2  # the biggest exporting hubs get a slide each (Metropolitan Police, Merseyside)

DARK, LIGHT, GREY, TEXT = "#12436D", "#ADD1F1", "#BFBFBF", "#3D3D3D"
MANAGEMENT_INFORMATION = "Management information, not official statistics"
FONT = "Arial"


@dataclass(frozen=True)
class Finding:
    """One screen: a sentence, the number to quote and the lines that make it honest."""

    key: str
    title: str  # 'Cuckooing was reported by 77% of forces in 2017'
    number: str  # '77%'
    of: str  # 'of forces (33)'
    base: str  # 'Base: 43 force returns, 2017'
    source: str
    status: str  # the illustrative notice, or management information
    figure: go.Figure | None
    note: str = ""  # e.g. '2 more forces answered possible (not counted in the figure)'

    @property
    def quote(self) -> str:
        return f"{self.number} {self.of}"


def source_line(year: int, illustrative: bool) -> str:
    kind = "illustrative demonstration data" if illustrative else "police force returns"
    return f"Source: {kind} to the National Crime Agency county lines collection, {year}"


def _split(label: str) -> tuple[str, str]:
    """'77% of forces (33)' -> ('77%', 'of forces (33)')."""
    number, _, rest = label.partition(" ")
    return number, rest


def bars(rows: list[tuple[str, float, str, str]], xmax: float, axis: str, alt: str) -> go.Figure:
    """A few large horizontal bars from zero, each labelled directly: (name, value, text, colour)."""
    names = [r[0] for r in rows]
    fig = go.Figure(
        go.Bar(
            x=[r[1] for r in rows],
            y=names,
            orientation="h",
            marker={"color": [r[3] for r in rows], "line": {"color": DARK, "width": 1}},
            text=[r[2] for r in rows],
            textposition="outside",
            textfont={"size": 22, "color": TEXT, "family": FONT},
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        height=60 + 62 * len(rows),
        margin={"l": 10, "r": 10, "t": 10, "b": 50},
        showlegend=False,
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"size": 20, "color": TEXT, "family": FONT},
        bargap=0.3,
        meta={"alt": alt},
    )
    step = 25 if xmax >= 100 else 10
    ticks = list(range(0, int(xmax) + 1, step))
    fig.update_xaxes(
        range=[0, xmax * 1.3], tickvals=ticks, title_text=axis, showgrid=False, zeroline=True, zerolinecolor=TEXT
    )
    fig.update_yaxes(type="category", autorange="reversed", automargin=True, ticksuffix="  ")
    return fig


def _answer_bars(row, name: str) -> go.Figure:
    base = int(row["base"])
    count, possible = int(row["count"]), int(row["possible"])
    other = base - count - possible
    rows = [("Yes", count, nca.short_label(count, base), DARK)]
    if possible:
        rows.append(("Possible (not counted)", possible, f"{possible} of {base}", LIGHT))
    rows.append(("No or not known", other, f"{other} of {base}", GREY))
    alt = (
        f"{name}: {count} of {base} forces answered yes"
        + (f", {possible} possible (not counted)" if possible else "")
        + f" and {other} no or not known."
    )
    return bars(rows, base, "Forces", alt)


def question_finding(row, name: str, year: int, illustrative: bool) -> Finding:
    phrase = questions.subject(row["indicator"], name)
    verb = "were" if questions.SUBJECTS.get(row["indicator"], ("", False))[1] else "was"
    number, of = _split(str(row["label"]))
    possible = int(row["possible"])
    note = ""
    if possible:
        noun = "force" if possible == 1 else "forces"
        note = f"{possible} more {noun} answered possible (not counted in the figure)"
    return Finding(
        key=str(row["indicator"]),
        title=f"{capital(phrase)} {verb} reported by {number} of forces in {year}",
        number=number,
        of=of,
        base=str(row["base_text"]),
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        figure=_answer_bars(row, name),
        note=note,
    )


def hub_finding(hub, year: int, illustrative: bool) -> Finding:
    count, base = int(hub["count"]), int(hub["base"])
    label = nca.nca_label(count, base)
    number, of = _split(label)
    name = str(hub["name"])
    rows = [
        (f"Lines from {name}", count, nca.short_label(count, base), DARK),
        ("No lines from them reported", base - count, f"{base - count} of {base}", GREY),
    ]
    alt = f"{count} of {base} forces reported county lines coming from {name}."
    return Finding(
        key=f"hub_{hub['code']}",
        title=f"{name}: exporting hub for lines into {label}",
        number=number,
        of=of,
        base=nca.base_text(base, year),
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        figure=bars(rows, base, "Forces", alt),
    )


def rise_finding(now: pd.DataFrame, before: pd.DataFrame, year: int, before_year: int, illustrative: bool):
    plain = now[~questions.is_conditional(now)]
    moved = summary.changes(plain, before)
    moved = moved[moved["points"].notna() & (moved["points"] > 0)]
    if moved.empty:
        return None
    top = moved.sort_values(["points", "forces"], ascending=[False, False], kind="stable").iloc[0]
    phrase = questions.subject(top["indicator"], top["name"])
    number, of = _split(str(top["label"]))
    was = nca.short_label(int(top["count_before"]), int(top["base_before"]))
    rows = [
        (str(before_year), int(top["percent_before"]), was, GREY),
        (str(year), int(top["percent"]), str(top["short_label"]), DARK),
    ]
    alt = f"{capital(phrase)} rose from {was} of forces in {before_year} to {top['short_label']} in {year}."
    return Finding(
        key=f"rise_{top['indicator']}",
        title=f"Biggest rise since {before_year}: {phrase}, {top['change']}",
        number=number,
        of=of,
        base=f"{top['base_text']}; {int(top['base_before'])} in {before_year}",
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        figure=bars(rows, 100, "Percent of forces answering yes", alt),
    )


def returns_finding(returns: pd.DataFrame, year: int, illustrative: bool) -> Finding:
    expected = len(returns)
    made = int(returns["returned"].sum())
    missing = returns.loc[~returns["returned"].astype(bool), "name"].tolist()
    if missing:
        title = f"No return from {and_list(missing)} for {year}"
        number, of = str(len(missing)), f"of {expected} forces made no return"
    else:
        title = f"All {expected} forces made a return for {year}"
        number, of = str(made), f"of {expected} forces made a return"
    rows = [("Made a return", made, f"{made} of {expected}", DARK)]
    if missing:
        rows.append(("No return", len(missing), f"{len(missing)} of {expected}", GREY))
    alt = f"{made} of {expected} expected forces made a return for {year}."
    return Finding(
        key="returns",
        title=title,
        number=number,
        of=of,
        base=f"Expected: {expected} territorial police forces in England and Wales, {year}",
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        figure=bars(rows, expected, "Forces", alt),
        note="Forces with no return are left out of every base." if missing else "",
    )


def findings(
    now: pd.DataFrame,
    year: int,
    *,
    illustrative: bool,
    exporters: pd.DataFrame | None = None,
    before: pd.DataFrame | None = None,
    before_year: int | None = None,
    returns: pd.DataFrame | None = None,
) -> list[Finding]:
    """The year's findings, one per slide.

    now/before: rows of ``ui.year_figures`` (names are added here); exporters:
    ``ui.exporter_reach``; returns: ``ui.force_returns`` (all expected forces).
    """
    out: list[Finding] = []
    if now is None or now.empty:
        return out
    named = questions.with_names(now).set_index("indicator", drop=False)
    for indicator in QUESTIONS:
        if indicator in named.index:
            row = named.loc[indicator]
            out.append(question_finding(row, str(row["name"]), year, illustrative))
    if exporters is not None and not exporters.empty:
        ranked = exporters.sort_values("count", ascending=False, kind="stable")
        for _, hub in ranked.head(HUBS).iterrows():
            if int(hub["count"]) > 0:
                out.append(hub_finding(hub, year, illustrative))
    if before is not None and not before.empty and before_year is not None:
        earlier = questions.with_names(before)
        rise = rise_finding(named.reset_index(drop=True), earlier, year, before_year, illustrative)
        if rise is not None:
            out.append(rise)
    if returns is not None and not returns.empty:
        out.append(returns_finding(returns, year, illustrative))
    return out


# PowerPoint -------------------------------------------------------------------------------


def render_png(fig: go.Figure) -> bytes:
    """The chart as a PNG (kaleido drives the machine's Chromium)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts is ignored if using a server"
        return fig.to_image(format="png", width=1200, height=600)


ABOUT_LINES = (
    "Each percentage is the number of forces answering yes divided by the base, "
    "rounded to a whole percent with halves rounded up (33 of 43 is 77%).",
    "Forces answering 'possible' are shown separately and never added to yes.",
    "The base is the number of force returns received for the year; questions asked only "
    "of forces answering yes to another question say so in their base line.",
    "Source: police force returns to the National Crime Agency county lines collection.",
    f"Status: {MANAGEMENT_INFORMATION}.",
)


def build_pptx(findings: list[Finding], year: int, illustrative: bool, render=None) -> tuple[bytes, str | None]:
    """A 16:9 deck: a title slide, one slide per finding, and 'About these figures'.

    Returns (the .pptx bytes, a message or None). When chart images cannot be drawn
    (kaleido or Chromium missing or failing) the deck is built without them, a note slide
    says so and the message says so too: it never raises for that.
    """
    from pptx import Presentation
    from pptx.util import Emu, Inches

    render = render or render_png
    images: dict[int, bytes] = {}
    problem = None
    started = False
    if render is render_png:
        try:  # one browser for every image instead of one each
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            started = True
        except Exception:
            started = False
    try:
        for n, finding in enumerate(findings):
            if finding.figure is None:
                continue
            try:
                image = render(finding.figure)
                if not isinstance(image, bytes | bytearray) or not bytes(image).startswith(b"\x89PNG"):
                    raise ValueError("the chart renderer gave no PNG image")
                images[n] = bytes(image)
            except Exception as error:
                problem = f"{type(error).__name__}: {str(error)[:200]}"
                images = {}
                break
    finally:
        if started:
            try:
                import kaleido

                kaleido.stop_sync_server(silence_warnings=True)
            except Exception:
                pass

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, 16:9
    blank = deck.slide_layouts[6]
    status = nca.status_text(illustrative)

    def slide():
        page = deck.slides.add_slide(blank)
        if illustrative:
            _band(page, ILLUSTRATIVE_NOTICE)
        return page

    first = slide()
    _text(first, f"County lines threat picture, {year}", 0.8, 2.2, 11.7, 1.4, 44, bold=True)
    _text(first, "Findings from police force returns to the National Crime Agency", 0.8, 3.6, 11.7, 0.8, 28)
    _text(first, status, 0.8, 4.5, 11.7, 0.8, 24)

    message = None
    if problem is not None:
        message = (
            "The chart images could not be drawn (kaleido and Chromium are needed), "
            f"so the slides have no charts. {problem}"
        )
        note = slide()
        _text(note, "These slides have no chart images", 0.8, 1.0, 11.7, 1.0, 32, bold=True)
        _text(
            note,
            "The chart images could not be drawn on the machine that made this deck "
            "(plotly's kaleido and a Chromium browser are needed). Every figure, base and "
            "source is still given in words.",
            0.8,
            2.2,
            11.7,
            2.0,
            24,
        )

    for n, finding in enumerate(findings):
        page = slide()
        _text(page, finding.title, 0.6, 0.75, 12.1, 1.3, 30, bold=True)
        _text(page, finding.number, 0.6, 2.0, 5.0, 1.9, 110, bold=True, colour=DARK)
        _text(page, finding.of, 0.6, 3.9, 5.2, 0.8, 30)
        lines = [finding.base] + ([finding.note] if finding.note else [])
        _text(page, "\n".join(lines), 0.6, 4.8, 5.2, 1.2, 16)
        _text(page, f"{finding.source}. {status}.", 0.6, 6.1, 12.1, 0.6, 14)
        if n in images:
            page.shapes.add_picture(io.BytesIO(images[n]), Inches(5.9), Inches(2.1), width=Inches(7.0))

    about = slide()
    _text(about, "About these figures", 0.6, 0.75, 12.1, 1.0, 32, bold=True)
    _text(about, "\n".join(ABOUT_LINES), 0.6, 1.9, 12.1, 4.6, 20)

    out = io.BytesIO()
    deck.save(out)
    return out.getvalue(), message


def _text(page, text, left, top, width, height, size, bold=False, colour=TEXT):
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    box = page.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for n, line in enumerate(str(text).split("\n")):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    return box


def _band(page, text):
    """A dark band across the top of the slide carrying the illustrative notice."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches, Pt

    band = page.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(13.333), Inches(0.55))
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor.from_string("801650")
    band.line.fill.background()
    frame = band.text_frame
    run = frame.paragraphs[0].add_run()
    run.text = f"{text} (an invented demonstration set)"
    run.font.size = Pt(18)
    run.font.bold = True
    run.font.name = FONT
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    return band
