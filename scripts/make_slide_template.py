"""Writes data/templates/slides_template.pptx, the master the papers pack is built on.

python-pptx ships a 4:3 "Office Theme" template whose properties name its author ("Steve
Canny", 2013) and say "On-screen Show (4:3)". This script starts from it and makes the
pack's own: 16:9 (13.333 x 7.5 in), Arial, the Analysis Function colours, and three
layouts named for what the pack puts on them, with their placeholders where
``countylines.draw.pack`` places text:

- Title: the pack's title and subtitle;
- Finding: one finding's title (the chart, number and base are placed beside it);
- Words: a title and a body of text.

A council may restyle the file in PowerPoint (a logo on the master, say) as long as the
three layout names stay. Run from the repository root:

    .venv/bin/python scripts/make_slide_template.py
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from countylines.draw import pack  # noqa: E402  (the package lives beside scripts/)
from countylines.draw.palette import DARK_BLUE, DARK_GREY, DARK_PINK, LIGHT_PURPLE, ORANGE, TEXT, TURQUOISE  # noqa: E402

OUT = ROOT / "data" / "templates" / "slides_template.pptx"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
KEEP = {"Title Slide": "Title", "Title Only": "Finding", "Title and Content": "Words"}
FOOTERS = {
    PP_PLACEHOLDER.DATE: (0.6, 7.0, 3.0, 0.4),
    PP_PLACEHOLDER.FOOTER: (3.8, 7.0, 7.9, 0.4),
    PP_PLACEHOLDER.SLIDE_NUMBER: pack.PAGE_NUMBER,
}
PLACES = {
    "master": {PP_PLACEHOLDER.TITLE: pack.TITLE, PP_PLACEHOLDER.BODY: pack.BODY},
    "Title": {PP_PLACEHOLDER.CENTER_TITLE: pack.BIG_TITLE, PP_PLACEHOLDER.SUBTITLE: pack.SUBTITLE},
    "Finding": {PP_PLACEHOLDER.TITLE: pack.TITLE},
    "Words": {PP_PLACEHOLDER.TITLE: pack.TITLE, PP_PLACEHOLDER.OBJECT: pack.BODY},
}
THEME_COLOURS = {
    "dk1": TEXT,
    "dk2": DARK_BLUE,
    "accent1": DARK_BLUE,
    "accent2": TURQUOISE,
    "accent3": DARK_PINK,
    "accent4": ORANGE,
    "accent5": DARK_GREY,
    "accent6": LIGHT_PURPLE,
}


def place(shape, rect) -> None:
    left, top, width, height = rect
    shape.left, shape.top, shape.width, shape.height = Inches(left), Inches(top), Inches(width), Inches(height)


def place_placeholders(shapes, places: dict) -> None:
    for shape in shapes:
        kind = shape.placeholder_format.type
        rect = places.get(kind) or FOOTERS.get(kind)
        if rect:
            place(shape, rect)


def left_aligned(element) -> None:
    """Every paragraph style in an element aligned left, with no space before paragraphs."""
    for level in element.iter():
        if re.fullmatch(rf"{re.escape(A)}lvl\dpPr", level.tag) and level.get("algn") == "ctr":
            level.set("algn", "l")


def restyle_master(master) -> None:
    """Titles 32 pt bold left in the text colour; body 22 pt without bullets or spacing."""
    styles = master._element.find(f"{P}txStyles")
    title = styles.find(f"{P}titleStyle/{A}lvl1pPr")
    title.set("algn", "l")
    title_run = title.find(f"{A}defRPr")
    title_run.set("sz", "3200")
    title_run.set("b", "1")
    body = styles.find(f"{P}bodyStyle/{A}lvl1pPr")
    body.set("marL", "0")
    body.set("indent", "0")
    for bullet in body.findall(f"{A}buFont") + body.findall(f"{A}buChar"):
        body.remove(bullet)
    body.find(f"{A}spcBef/{A}spcPct").set("val", "0")
    body.find(f"{A}defRPr").set("sz", "2200")
    if body.find(f"{A}buNone") is None:
        from lxml import etree

        body.insert(list(body).index(body.find(f"{A}defRPr")), etree.Element(f"{A}buNone"))


def restyle_theme(presentation) -> None:
    """Arial for headings and text, the Analysis Function colours, a name of its own."""
    theme = presentation.slide_master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"', r'\1Arial"', xml)
    xml = re.sub(r'<a:theme ([^>]*)name="[^"]*"', r'<a:theme \1name="County lines"', xml)
    for slot, colour in THEME_COLOURS.items():
        xml = re.sub(
            rf"<a:{slot}>.*?</a:{slot}>",
            f'<a:{slot}><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:{slot}>',
            xml,
            flags=re.DOTALL,
        )
    theme._blob = xml.encode("utf-8")


def drop_leftovers(presentation) -> None:
    """The 4:3 thumbnail and the printer settings of the python-pptx template."""
    package = presentation.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel.rId)
    for rel in list(presentation.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            presentation.part.drop_rel(rel.rId)


def blank_properties(presentation) -> None:
    """No author of anyone's: the pack sets its own title, author and dates when it is made."""
    core = presentation.core_properties
    for name in ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category"):
        setattr(core, name, "")
    core.revision = 1
    core.created = core.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def build() -> Presentation:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(12192000), Emu(6858000)  # 16:9
    layouts = presentation.slide_layouts
    for layout in list(layouts):
        if layout.name not in KEEP:
            layouts.remove(layout)
    for layout in layouts:
        name = KEEP[layout.name]
        layout._element.cSld.set("name", name)
        place_placeholders(layout.placeholders, PLACES[name])
        left_aligned(layout._element)
    master = presentation.slide_master
    place_placeholders(master.placeholders, PLACES["master"])
    restyle_master(master)
    restyle_theme(presentation)
    drop_leftovers(presentation)
    blank_properties(presentation)
    return presentation


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    build().save(OUT)
    print(f"Wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
