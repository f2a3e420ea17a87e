"""The papers pack as others open it: the .pptx converted by LibreOffice Impress and the PDF
printed by Chromium, each rendered with poppler (pdfinfo, pdftotext, pdfimages, pdftoppm).

One short pack (title, three findings of the 2016 demo set, About: five pages) and one
soffice conversion, so the whole check takes seconds. Rendered pages are saved to
tests/screenshots/pack/ to be looked at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from countylines import ILLUSTRATIVE_NOTICE, store
from countylines.draw import deck, images, pack, pdf, slides
from countylines.figures import nca

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "tests" / "screenshots" / "pack"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdfimages", "pdftoppm"))
REQUIRED = os.environ.get("COUNTYLINES_REQUIRE_BROWSER") == "1"
PAGES = 5
TITLES = [
    "County lines threat picture, 2016",
    "Cuckooing was reported by 90% of forces in 2016",
    "Metropolitan Police: exporting hub for lines into 76% of forces (31)",
    "No return from Gwent and Lincolnshire for 2016",
    "About these figures",
]


def missing(what: str, install: str) -> None:
    message = (
        f"{what} is not installed, so this rendering check cannot run. Install it with: apt-get install {install}"
    )
    if REQUIRED:
        pytest.fail(message + " (COUNTYLINES_REQUIRE_BROWSER=1 requires it)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def short_pack(default_db, tmp_path_factory):
    if not images.images_available():
        missing("Chromium", "chromium")
    if not POPPLER:
        missing("poppler (pdfinfo, pdftotext, pdfimages, pdftoppm)", "poppler-utils")
    found = slides.findings(
        nca.add_labels(store.indicator_figures(default_db, 2016)),
        2016,
        illustrative=True,
        exporters=store.exporter_reach(default_db, 2016),
        returns=store.force_returns(default_db, 2016),
    )
    chosen = [f for f in found if f.key in ("cuckooing", "hub_E23000001", "returns")]
    pages, message = deck.prepare(chosen, 2016, True, author="Tests")
    assert message is None
    folder = tmp_path_factory.mktemp("pack")
    pptx = folder / "pack.pptx"
    pptx.write_bytes(deck.write_pptx(pages, 2016, True, "Tests"))
    # A slide the presenter adds to the pack in PowerPoint, on the Words layout.
    added = folder / "added.pptx"
    presentation = Presentation(str(pptx))
    words = next(layout for layout in presentation.slide_layouts if layout.name == "Words")
    presentation.slides.add_slide(words).shapes.title.text = "Our own slide"
    presentation.save(str(added))
    printed = folder / "chromium.pdf"
    printed.write_bytes(pdf.print_pdf(pdf.pack_html(pages, True, "County lines threat picture, 2016")))
    return pages, pptx, printed, folder


@pytest.fixture(scope="module")
def impress_pdf(short_pack):
    """The pack, and the pack with a slide the presenter added, both through LibreOffice at once."""
    if SOFFICE is None:
        missing("LibreOffice Impress (soffice)", "libreoffice-impress")
    _, pptx, _, folder = short_pack
    profile = folder / "soffice-profile"  # its own profile: another soffice may be running
    lossless = 'pdf:impress_pdf_Export:{"UseLosslessCompression":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", lossless, "--outdir", str(folder / "impress"), str(pptx), str(folder / "added.pptx")],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    out = folder / "impress" / "pack.pdf"
    assert out.is_file() and (folder / "impress" / "added.pdf").is_file(), "LibreOffice did not convert the decks"
    return out


def info(path: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def page_text(path: Path, number: int) -> str:
    args = ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"]
    return " ".join(subprocess.run(args, capture_output=True, text=True, check=True).stdout.split())


def images_by_page(path: Path) -> dict[int, int]:
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    counts: dict[int, int] = {}
    for line in listing.splitlines()[2:]:
        fields = line.split()
        if fields and fields[2] == "image":  # not the soft masks that come with them
            counts[int(fields[0])] = counts.get(int(fields[0]), 0) + 1
    return counts


def words(path: Path, number: int) -> list[tuple[str, float, float, float, float]]:
    args = ["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, text)]


def rendered(path: Path, name: str) -> list[Path]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "96", "-png", str(path), str(SHOTS / name)], check=True, timeout=120)
    return sorted(SHOTS.glob(f"{name}-*.png"))


def check_pdf(path: Path, pages, name: str) -> None:
    """What the eye would check on each page, asserted."""
    facts = info(path)
    assert int(facts["Pages"]) == PAGES
    width, height = (float(v) for v in re.findall(r"[\d.]+", facts["Page size"])[:2])
    assert width / height == pytest.approx(16 / 9, abs=0.002)
    chart_pages = images_by_page(path)
    for number, page in enumerate(pages, start=1):
        text = page_text(path, number)
        assert TITLES[number - 1] in text, (name, number, text[:200])
        assert ILLUSTRATIVE_NOTICE in text  # the status, on every page
        assert "Source: illustrative demonstration data" in text
        assert "Management information" not in text
        if page.pictures:
            assert chart_pages.get(number, 0) >= 1, (name, number)
        _words_stay_in_their_boxes(path, number, page, width / pack.WIDTH)
    for number, png in enumerate(rendered(path, name), start=1):
        if pages[number - 1].pictures:
            _chart_is_drawn(png, pages[number - 1].pictures[0].rect)


def _words_stay_in_their_boxes(path: Path, number: int, page, points_per_inch: float) -> None:
    """Every word that belongs to one box only is laid out inside that box: nothing spills."""
    band = pack.Box("band", f"{ILLUSTRATIVE_NOTICE} (an invented demonstration set)", pack.BAND, 18)
    boxes = [*page.boxes, band]
    owners: dict[str, set[int]] = {}
    for n, box in enumerate(boxes):
        for word in box.text.split():
            owners.setdefault(word, set()).add(n)
    tolerance = 3  # points
    for word, x0, y0, x1, y1 in words(path, number):
        owner = owners.get(word)
        if not owner or len(owner) != 1:
            continue
        left, top, width, height = (v * points_per_inch for v in boxes[next(iter(owner))].rect)
        assert left - tolerance <= x0 and x1 <= left + width + tolerance, (number, word)
        # pdftotext's word box spans the font's whole bounding box, deeper than the line:
        # the baseline (about 0.78 of the way down) is what must sit inside the box.
        baseline = y0 + 0.78 * (y1 - y0)
        assert top - tolerance <= y0 and baseline <= top + height + tolerance, (number, word)


def _chart_is_drawn(png: Path, rect) -> None:
    """The chart's area holds a drawing: dark-blue bars and grey, not an empty box."""
    with Image.open(png) as image:
        scale = image.width / pack.WIDTH
        left, top, width, height = (round(v * scale) for v in rect)
        area = image.convert("RGB").crop((left, top, left + width, top + height))
        pixels = list(area.get_flattened_data())
    inked = sum(1 for p in pixels if sum(p) < 600) / len(pixels)
    dark_blue = sum(1 for r, g, b in pixels if b > r + 30 and r < 60) / len(pixels)
    assert inked > 0.03 and dark_blue > 0.01, (png.name, inked, dark_blue)


def test_libreoffice_impress_shows_every_slide_whole(short_pack, impress_pdf):
    pages, *_ = short_pack
    check_pdf(impress_pdf, pages, "impress")


def test_a_slide_the_presenter_adds_carries_the_illustrative_band(short_pack, impress_pdf):
    added = impress_pdf.parent / "added.pdf"
    assert int(info(added)["Pages"]) == PAGES + 1
    text = page_text(added, PAGES + 1)
    assert "Our own slide" in text and f"{ILLUSTRATIVE_NOTICE} (an invented demonstration set)" in text
    band_words = [w for w in words(added, PAGES + 1) if w[0] == "Illustrative"]
    assert band_words and band_words[0][2] < pack.BAND[3] * 72  # across the top, where the band is


def test_the_pdf_pack_shows_every_page_whole(short_pack):
    pages, _, printed, _ = short_pack
    check_pdf(printed, pages, "chromium")
    assert info(printed)["Title"].strip() == "County lines threat picture, 2016"
