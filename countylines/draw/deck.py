"""The PowerPoint pack: the pages of ``draw.pack`` written on the pack's own 16:9 template
(data/templates/slides_template.pptx, made by scripts/make_slide_template.py).

Each finding's title sits in the layout's title placeholder, each chart carries its figure's
written description as alt text, each slide has speaker notes, and the file's properties
name the pack, its author (a setting) and when it was made. With illustrative data the
notice is a band on the slide master, so a slide the presenter adds carries it too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from xml.sax.saxutils import escape

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw import images, pack
from countylines.draw.palette import DARK_PINK
from countylines.draw.slides import FONT, Finding
from countylines.figures import nca
from countylines.settings import DATA_DIR

TEMPLATE = DATA_DIR / "templates" / "slides_template.pptx"
APPLICATION = "County lines threat picture dashboard"
CHART_SCALE = 2.5  # image pixels per CSS pixel: sharp on a projector and in print
NO_IMAGES = "The chart images could not be drawn (kaleido and Chromium are needed), so the slides have no charts."


def prepare(
    findings: list[Finding], year: int, illustrative: bool, render=None, author: str = "", place: str = ""
) -> tuple[list[pack.Page], str | None]:
    """The pack's pages with their chart images drawn once, and a message if they could not be."""
    from countylines.settings import DEFAULT_AUTHOR

    images_by_finding, problem = _draw_charts(findings, render)
    message = f"{NO_IMAGES} {problem}" if problem else None
    by = "" if author == DEFAULT_AUTHOR else author  # "Prepared ... by" only a name someone set
    return (
        pack.pages(findings, year, illustrative, images_by_finding, problem, prepared_by=by, place=place),
        message,
    )


def build_pptx(
    findings: list[Finding], year: int, illustrative: bool, render=None, author: str | None = None
) -> tuple[bytes, str | None]:
    """A 16:9 deck: a title slide, one slide per finding, and 'About these figures'.

    Returns (the .pptx bytes, a message or None). When chart images cannot be drawn the
    deck is built without them, a slide says so and the message says so too: it never
    raises for that.
    """
    author = _author(author)
    pages, message = prepare(findings, year, illustrative, render, author)
    return write_pptx(pages, year, illustrative, author), message


def build_pack(
    findings: list[Finding],
    year: int,
    illustrative: bool,
    render=None,
    author: str | None = None,
    place: str = "",
) -> tuple[bytes, bytes | None, str | None]:
    """The deck and the same pages as PDF, charts drawn once: (pptx, pdf or None, message).

    place names the force of a local board's pack, on its title page and in its properties.
    """
    from countylines.draw import pdf

    author = _author(author)
    pages, message = prepare(findings, year, illustrative, render, author, place)
    deck = write_pptx(pages, year, illustrative, author, place)
    try:
        printed = pdf.print_pdf(pdf.pack_html(pages, illustrative, pack.pack_title(year, place), author))
    except pdf.PdfError as error:
        return (
            deck,
            None,
            " ".join(part for part in (message, f"{error} The PowerPoint file has every slide.") if part),
        )
    return deck, printed, message


def write_pptx(
    pages: list[pack.Page], year: int, illustrative: bool, author: str | None = None, place: str = ""
) -> bytes:
    from pptx import Presentation

    deck = Presentation(str(TEMPLATE))
    layouts = {layout.name: layout for layout in deck.slide_layouts}
    if illustrative:
        _master_band(deck.slide_master)
    for page in pages:
        slide = deck.slides.add_slide(layouts[page.layout])
        for box in page.boxes:
            _fill(_shape_for(slide, box), box)
        for placeholder in list(slide.placeholders):
            if not placeholder.has_text_frame or not placeholder.text_frame.text:
                placeholder._element.getparent().remove(placeholder._element)  # no "Click to add"
        for picture in page.pictures:
            _picture(slide, picture)
        slide.notes_slide.notes_text_frame.text = page.notes
    _properties(deck, year, illustrative, _author(author), len(pages), place)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _author(author: str | None) -> str:
    if author is not None:
        return author
    from countylines.settings import load_settings

    return load_settings().author


def _draw_charts(findings: list[Finding], render) -> tuple[dict[int, bytes], str | None]:
    """Every chart through one kaleido browser when kaleido draws them, instead of one each."""
    if render is not None:
        return pack.chart_images(findings, render)
    started = False
    try:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True, **images.KALEIDO_OPTIONS)
        started = True
    except Exception:
        started = False
    try:
        return pack.chart_images(
            findings, lambda fig: images.render_png(fig, fig.layout.width, fig.layout.height, scale=CHART_SCALE)
        )
    finally:
        if started:
            with contextlib.suppress(Exception):
                kaleido.stop_sync_server(silence_warnings=True)


# Shapes -------------------------------------------------------------------------------------

PLACEHOLDER_ROLES = {"title": (0,), "subtitle": (1,), "body": (1,)}


def _shape_for(slide, box: pack.Box):
    """The layout's placeholder for a title, subtitle or body; a new text box for the rest."""
    from pptx.util import Inches

    for idx in PLACEHOLDER_ROLES.get(box.role, ()):
        try:
            shape = slide.placeholders[idx]
        except KeyError:
            continue
        _place(shape, box.rect)
        return shape
    left, top, width, height = box.rect
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    shape.name = box.role.capitalize()
    return shape


def _place(shape, rect) -> None:
    from pptx.util import Inches

    left, top, width, height = rect
    shape.left, shape.top, shape.width, shape.height = Inches(left), Inches(top), Inches(width), Inches(height)


def _fill(shape, box: pack.Box) -> None:
    """The box's text at its fitted size, top-aligned, wrapped, never auto-shrunk."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Inches, Pt

    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = Inches(pack.INSET_X)
    frame.margin_top = frame.margin_bottom = Inches(pack.INSET_Y)
    for n, line in enumerate(box.text.split("\n")):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.RIGHT if box.role == "page" else PP_ALIGN.LEFT
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(0)
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(box.size)
        run.font.bold = box.bold
        run.font.name = FONT
        run.font.color.rgb = RGBColor.from_string(box.colour.lstrip("#").upper())


def _picture(slide, picture: pack.Picture) -> None:
    from pptx.util import Inches

    left, top, width, height = picture.rect
    shape = slide.shapes.add_picture(
        io.BytesIO(picture.image), Inches(left), Inches(top), Inches(width), Inches(height)
    )
    shape.name = "Chart"
    # The chart's alt text is its figure's written description, not "image.png".
    shape._element.nvPicPr.cNvPr.set("descr", picture.alt)


def _master_band(master) -> None:
    """The illustrative notice across the top of the slide master, so every layout, and any
    slide a presenter adds, carries it."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR
    from pptx.oxml.shapes.autoshape import CT_Shape
    from pptx.shapes.autoshape import Shape
    from pptx.util import Emu, Inches, Pt

    tree = master.shapes._spTree
    ids = [int(x) for x in tree.xpath("//p:cNvPr/@id")]
    _left, _top, width, height = pack.BAND
    element = CT_Shape.new_autoshape_sp(
        max(ids, default=1) + 1,
        "Illustrative band",
        "rect",
        Emu(0),
        Emu(0),
        Inches(width),
        Inches(height),
    )
    tree.append(element)
    band = Shape(element, master.shapes)
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor.from_string(DARK_PINK.lstrip("#"))
    band.line.fill.background()
    frame = band.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    run = frame.paragraphs[0].add_run()
    run.text = f"{ILLUSTRATIVE_NOTICE} (an invented demonstration set)"
    run.font.size = Pt(18)
    run.font.bold = True
    run.font.name = FONT
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _properties(deck, year: int, illustrative: bool, author: str, slides: int, place: str = "") -> None:
    """Title, author and dates of this pack (not the template's), and what kind of show it is."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)  # written as UTC
    status = nca.status_text(illustrative)
    core = deck.core_properties
    core.title = pack.pack_title(year, place)
    core.subject = "Findings from police force returns to the National Crime Agency county lines collection"
    core.author = core.last_modified_by = author
    core.created = core.modified = now
    core.revision = 1
    core.category = status
    core.content_status = "Illustrative" if illustrative else "Management information"
    core.keywords = "county lines; National Crime Agency; police force returns"
    core.comments = f"{status}." + (
        " An invented demonstration set, not real force returns." if illustrative else ""
    )
    core.language = "en-GB"
    for part in deck.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _app_xml(slides)


def _app_xml(slides: int) -> bytes:
    """Extended properties: this program, widescreen, and the true slide count."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(APPLICATION)}</Application>"
        "<PresentationFormat>Widescreen</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{slides}</Notes><HiddenSlides>0</HiddenSlides>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode()
