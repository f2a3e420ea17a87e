"""The papers pack laid out once: pages of placed text and chart images, in inches on a 16:9
slide, which ``draw.deck`` writes as PowerPoint and ``draw.pdf`` prints as PDF, so both say
the same thing in the same place.

Text is sized to fit its box by measuring it with the metrics of Liberation Sans (drawn to
Arial's widths) when the font file is on the machine, else by a cautious average width.
Charts are redrawn at the size they are shown, with no text under 24 px (18 pt).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from countylines.draw.images import IMAGE_TEMPLATE
from countylines.draw.slides import DARK, TEXT, Finding, source_line
from countylines.figures import nca

WIDTH, HEIGHT = 13.333, 7.5  # inches, 16:9 (PowerPoint's widescreen)
BAND = (0.0, 0.0, WIDTH, 0.5)
TITLE = (0.6, 0.65, 12.133, 1.35)
NUMBER = (0.6, 2.05, 4.5, 1.85)
OF = (0.6, 3.95, 4.5, 1.05)
LINES = (0.6, 5.05, 4.5, 1.4)
CHART = (5.35, 2.05, 7.383, 4.4)
FOOTER = (0.6, 6.6, 11.1, 0.75)
PAGE_NUMBER = (11.8, 6.6, 0.933, 0.45)
BIG_TITLE = (0.6, 1.75, 12.133, 1.6)
SUBTITLE = (0.6, 3.45, 12.133, 1.05)
STATUS = (0.6, 4.55, 12.133, 0.85)
PREPARED = (0.6, 5.45, 12.133, 0.6)
BODY = (0.6, 2.05, 12.133, 4.4)
INSET_X, INSET_Y = 0.1, 0.05  # PowerPoint's default text insets, inches
LINE_HEIGHT = 1.2
PX_PER_INCH = 96  # CSS pixels, as plotly and kaleido count them
MIN_CHART_TEXT_PX = 24  # 18 pt when the image is shown at its slide size
PLUM = "#801650"

ABOUT_LINES = (
    "Each percentage is the number of forces answering yes divided by the base, "
    "rounded to a whole percent with halves rounded up (33 of 43 is 77%).",
    "Forces answering 'possible' are shown separately and never added to yes.",
    "The base is the number of force returns received for the year; questions asked only "
    "of forces answering yes to another question say so in their base line.",
)


@dataclass(frozen=True)
class Box:
    """Text in a rectangle: (left, top, width, height) in inches, size in points."""

    role: str  # title, subtitle, body, number, of, lines, footer, page, status, prepared
    text: str
    rect: tuple[float, float, float, float]
    size: float
    bold: bool = False
    colour: str = TEXT


@dataclass(frozen=True)
class Picture:
    image: bytes
    rect: tuple[float, float, float, float]
    alt: str


@dataclass
class Page:
    layout: str  # 'Title', 'Finding' or 'Words': the template's layout names
    boxes: list[Box] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    notes: str = ""

    def box(self, role: str) -> Box | None:
        return next((b for b in self.boxes if b.role == role), None)


# Fitting text ---------------------------------------------------------------------------------

FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/liberation-sans",
    "/usr/share/fonts/truetype/msttcorefonts",
)


@cache
def font_file(bold: bool) -> str | None:
    """A font with Arial's widths to measure text by, if the machine has one."""
    names = ("LiberationSans-Bold.ttf", "Arial_Bold.ttf") if bold else ("LiberationSans-Regular.ttf", "Arial.ttf")
    for folder in FONT_DIRS:
        for name in names:
            if (Path(folder) / name).is_file():
                return str(Path(folder) / name)
    return None


@cache
def _font(bold: bool, size: float):
    from PIL import ImageFont

    path = font_file(bold)
    return ImageFont.truetype(path, size=max(1, round(size * 10))) if path else None


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of one line of text set at ``size`` points."""
    font = _font(bold, size)
    if font is None:
        return len(text) * size * (0.62 if bold else 0.58)  # wider than Arial's average: safe
    return font.getlength(text) / 10


def wrapped(text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """The lines a text box shows: paragraphs split on newlines, words wrapped to the width."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if line and text_width(trial, size, bold) > width_pt:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def fits(text: str, rect, size: float, bold: bool = False) -> bool:
    width_pt = (rect[2] - 2 * INSET_X) * 72
    height_pt = (rect[3] - 2 * INSET_Y) * 72
    lines = wrapped(text, width_pt, size, bold)
    widest = max((text_width(line, size, bold) for line in lines), default=0)
    return widest <= width_pt and len(lines) * size * LINE_HEIGHT <= height_pt


def fitted(role: str, text: str, rect, size: float, smallest: float, bold=False, colour=TEXT) -> Box:
    """The box at the largest size from ``size`` down to ``smallest`` at which the text fits."""
    while size > smallest and not fits(text, rect, size, bold):
        size -= 1
    return Box(role, text, rect, size, bold, colour)


# Charts at slide size ---------------------------------------------------------------------


def slide_chart(fig, rect=CHART):
    """A copy of a finding's chart drawn at the size it is shown, every text at least 18 pt."""
    out = copy.deepcopy(fig)
    width, height = round(rect[2] * PX_PER_INCH), round(rect[3] * PX_PER_INCH)
    size = MIN_CHART_TEXT_PX
    out.update_layout(
        template=IMAGE_TEMPLATE,  # the same look whether or not Streamlit (and its theme) is loaded
        width=width,
        height=height,
        font={"size": size},
        margin={"l": 10, "r": 20, "t": 10, "b": 10},
        xaxis={"title": {"font": {"size": size}}, "tickfont": {"size": size}, "automargin": True},
        yaxis={"tickfont": {"size": size}, "automargin": True},
    )
    out.update_traces(textfont={"size": size + 2})
    ticks = out.layout.xaxis.tickvals
    if ticks and len(ticks) > 4:
        out.update_xaxes(tickvals=list(ticks)[::2])  # 0, 20, 40: room for 18 pt numbers
    if out.layout.xaxis.range:
        # Room for the labels beside the longest bar ("90% (37 of 41)") at the larger size.
        low, high = out.layout.xaxis.range
        out.update_xaxes(range=[low, high * 1.35])
    return out


def chart_images(findings: list[Finding], render) -> tuple[dict[int, bytes], str | None]:
    """Each finding's chart as a PNG at slide size, by finding number; or none and why."""
    images: dict[int, bytes] = {}
    try:
        for n, finding in enumerate(findings):
            if finding.figure is None:
                continue
            image = render(slide_chart(finding.figure))
            _check_png(image)
            images[n] = bytes(image)
    except Exception as error:  # kaleido, Chromium or a renderer given by a test
        return {}, f"{type(error).__name__}: {str(error)[:200]}"
    return images, None


def _check_png(image) -> None:
    """A whole PNG, or ValueError: a damaged image would stop the deck being written."""
    import io

    from PIL import Image

    if not isinstance(image, bytes | bytearray) or not bytes(image).startswith(b"\x89PNG"):
        raise ValueError("the chart renderer gave no PNG image")
    with Image.open(io.BytesIO(bytes(image))) as opened:
        opened.verify()


# Pages ------------------------------------------------------------------------------------


def footer_text(year: int, illustrative: bool) -> str:
    return f"{source_line(year, illustrative)}. Status: {nca.status_text(illustrative)}."


def pages(
    findings: list[Finding],
    year: int,
    illustrative: bool,
    images: dict[int, bytes],
    problem: str | None = None,
    prepared_by: str = "",
    today: dt.date | None = None,
    place: str = "",
) -> list[Page]:
    """Title page, a note if the charts could not be drawn, one page per finding, About."""
    out = [_title_page(year, illustrative, prepared_by, today or dt.date.today(), place)]
    if problem is not None:
        out.append(
            _words_page(
                "These slides have no chart images",
                "The chart images could not be drawn on the machine that made this pack "
                "(plotly's kaleido and a Chromium browser are needed). Every figure, base and "
                "source is still given in words.",
                year,
                illustrative,
                notes=f"The charts could not be drawn: {problem}",
            )
        )
    for n, finding in enumerate(findings):
        out.append(_finding_page(finding, year, illustrative, images.get(n)))
    status = nca.status_text(illustrative)
    about = "\n".join([*ABOUT_LINES, f"{source_line(year, illustrative)}.", f"Status: {status}."])
    if illustrative:
        about += f"\n{ILLUSTRATIVE_ABOUT}"
    out.append(_words_page("About these figures", about, year, illustrative, notes=about))
    for number, page in enumerate(out, start=1):
        page.boxes.append(fitted("page", f"{number} / {len(out)}", PAGE_NUMBER, 14, 10, colour="#505A5F"))
    return out


ILLUSTRATIVE_ABOUT = (
    "These figures come from an invented demonstration set shaped like the NCA reports; "
    "no force's answers in them are real."
)


def _footer(year: int, illustrative: bool) -> Box:
    return fitted("footer", footer_text(year, illustrative), FOOTER, 14, 10, colour="#3D3D3D")


def pack_title(year: int, place: str = "") -> str:
    """The pack's name: the year, and the force when it is a local board's pack."""
    return f"County lines threat picture, {year}" + (f": {place}" if place else "")


def _title_page(year: int, illustrative: bool, prepared_by: str, today: dt.date, place: str = "") -> Page:
    kind = "an illustrative demonstration set" if illustrative else "police force returns"
    prepared = f"Prepared {today:%d %B %Y}" + (f" by {prepared_by}" if prepared_by else "")
    status = nca.status_text(illustrative)
    page = Page("Title", notes=f"{pack_title(year, place)}. Status: {status}. {prepared}.")
    page.boxes += [
        fitted("title", pack_title(year, place), BIG_TITLE, 44, 32, bold=True),
        fitted("subtitle", f"Findings from {kind} to the National Crime Agency", SUBTITLE, 28, 20),
        fitted(
            "status", f"Status: {status}", STATUS, 24, 18, bold=illustrative, colour=PLUM if illustrative else TEXT
        ),
        fitted("prepared", prepared, PREPARED, 18, 14),
        _footer(year, illustrative),
    ]
    return page


def _words_page(title: str, body: str, year: int, illustrative: bool, notes: str = "") -> Page:
    page = Page("Words", notes=notes)
    page.boxes += [
        fitted("title", title, TITLE, 32, 24, bold=True),
        fitted("body", body, BODY, 22, 14),
        _footer(year, illustrative),
    ]
    return page


def _finding_page(finding: Finding, year: int, illustrative: bool, image: bytes | None) -> Page:
    page = Page("Finding", notes=finding.speaker_notes())
    lines = "\n".join([finding.base] + ([finding.note] if finding.note else []))
    page.boxes += [
        fitted("title", finding.title, TITLE, 32, 22, bold=True),
        fitted("number", finding.number, NUMBER, 110, 60, bold=True, colour=DARK),
        fitted("of", finding.of, OF, 28, 18),
        fitted("lines", lines, LINES, 18, 12),
        _footer(year, illustrative),
    ]
    if image is not None:
        page.pictures.append(Picture(image, CHART, finding.alt or finding.title))
    return page
