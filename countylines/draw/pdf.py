"""The papers pack as PDF, one 16:9 page per slide: the pages of ``draw.pack`` written as
one HTML document and printed by the machine's Chromium (its own print to PDF, the browser
kaleido already needs). Nothing is fetched: the images are inside the document."""

from __future__ import annotations

import base64
import html
import subprocess
import tempfile
from pathlib import Path

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw import images, pack
from countylines.draw.palette import DARK_PINK

TIMEOUT_S = 90
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # Chromium refuses to run as root otherwise (servers, containers)
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-pdf-header-footer",
)


class PdfError(RuntimeError):
    """The PDF could not be printed; the message is one sentence for a user."""


STYLE = f"""
@page {{ size: {pack.WIDTH}in {pack.HEIGHT}in; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: Arial, "Liberation Sans", Helvetica, sans-serif; color: {pack.TEXT}; }}
.page {{ position: relative; width: {pack.WIDTH}in; height: {pack.HEIGHT}in; overflow: hidden;
         break-after: page; }}
.page:last-child {{ break-after: auto; }}
.box {{ position: absolute; box-sizing: border-box; margin: 0; line-height: {pack.LINE_HEIGHT};
        padding: {pack.INSET_Y}in {pack.INSET_X}in; font-weight: normal; }}
.band {{ position: absolute; left: 0; top: 0; width: {pack.WIDTH}in; height: {pack.BAND[3]}in;
         background: {DARK_PINK}; color: #fff; font-weight: 700; font-size: 18pt;
         display: flex; align-items: center; justify-content: center; }}
.chart {{ position: absolute; }}
.page-number {{ text-align: right; }}
"""


def pack_html(pages: list[pack.Page], illustrative: bool, title: str, author: str = "") -> str:
    """Every page as a 16:9 section, text placed and sized as on the slides."""
    body = "\n".join(_page_html(page, n, len(pages), illustrative) for n, page in enumerate(pages, start=1))
    return (
        '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="author" content="{html.escape(author)}">'
        f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>"
    )


def _page_html(page: pack.Page, number: int, total: int, illustrative: bool) -> str:
    parts = [f'<section class="page" aria-label="Slide {number} of {total}">']
    if illustrative:
        notice = html.escape(f"{ILLUSTRATIVE_NOTICE} (an invented demonstration set)")
        parts.append(f'<div class="band" role="note">{notice}</div>')
    for box in page.boxes:
        tag = "h1" if box.role == "title" else "p"
        lines = "<br>".join(html.escape(line) for line in box.text.split("\n"))
        weight = "700" if box.bold else "400"
        extra = " page-number" if box.role == "page" else ""
        parts.append(
            f'<{tag} class="box{extra}" style="{_position(box.rect)} font-size: {box.size}pt; '
            f'font-weight: {weight}; color: {box.colour};">{lines}</{tag}>'
        )
    for picture in page.pictures:
        data = base64.b64encode(picture.image).decode("ascii")
        parts.append(
            f'<img class="chart" style="{_position(picture.rect)}" alt="{html.escape(picture.alt)}" '
            f'src="data:image/png;base64,{data}">'
        )
    parts.append("</section>")
    return "\n".join(parts)


def _position(rect) -> str:
    left, top, width, height = rect
    return f"left: {left}in; top: {top}in; width: {width}in; height: {height}in;"


def print_pdf(document: str) -> bytes:
    """The HTML document printed to PDF by Chromium (headless, offline, as it lays out)."""
    chromium = images.chromium_path()
    if chromium is None:
        raise PdfError("The PDF needs Chromium on the server (apt-get install chromium).")
    with tempfile.TemporaryDirectory(prefix="countylines-pdf-") as folder:
        source = Path(folder) / "pack.html"
        target = Path(folder) / "pack.pdf"
        source.write_text(document, encoding="utf-8")
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfError(f"Chromium could not print the PDF ({type(error).__name__}).") from error
        if not target.is_file() or not target.read_bytes().startswith(b"%PDF"):
            raise PdfError("Chromium did not print the PDF.")
        return target.read_bytes()
