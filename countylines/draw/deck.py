"""The PowerPoint pack: a 16:9 deck of findings (python-pptx), chart images drawn by kaleido
with the machine's Chromium, and a deck without images that says so when that fails."""

from __future__ import annotations

import io

import plotly.graph_objects as go

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw.slides import DARK, FONT, MANAGEMENT_INFORMATION, TEXT, Finding
from countylines.figures import nca


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
    # Long: the deck's pages laid out in order, one short block per page.
    from pptx import Presentation
    from pptx.util import Emu, Inches

    images, problem = _chart_images(findings, render or render_png)

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


def _chart_images(findings: list[Finding], render) -> tuple[dict[int, bytes], str | None]:
    """Each finding's chart as a PNG, by finding number; or none and why, if any one fails."""
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
    return images, problem


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
