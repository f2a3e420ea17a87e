"""The PowerPoint pack as a file: its own 16:9 master, real properties, a title placeholder per
finding, alt text, speaker notes, charts drawn at slide size, nothing overlapping, no text
overflowing, and a status that follows the data on every slide.

Hand-known (embedded default, NCA 2017 printed counts): cuckooing 33 of 43 (77%), 2016: 41
returns, none from Gwent or Lincolnshire.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from countylines import ILLUSTRATIVE_NOTICE, store
from countylines.draw import deck, pack, slides
from countylines.figures import nca

EMU_PER_INCH = 914400
MANAGEMENT = "Management information, not official statistics"


def tiny_png(width=8, height=4) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


class Recorder:
    """Stands in for kaleido: keeps each figure it is asked to draw and returns a small PNG."""

    def __init__(self):
        self.figures = []

    def __call__(self, fig):
        self.figures.append(fig)
        return tiny_png()


def findings_for(db, year, illustrative=True, before_year=None):
    return slides.findings(
        nca.add_labels(store.indicator_figures(db, year)),
        year,
        illustrative=illustrative,
        exporters=store.exporter_reach(db, year),
        before=nca.add_labels(store.indicator_figures(db, before_year)) if before_year else None,
        before_year=before_year,
        returns=store.force_returns(db, year),
    )


@pytest.fixture(scope="module")
def demo_2016(default_db):
    found = findings_for(default_db, 2016)
    recorder = Recorder()
    data, message = deck.build_pptx(found, 2016, True, render=recorder, author="Community Safety Team")
    return found, Presentation(io.BytesIO(data)), data, recorder, message


@pytest.fixture(scope="module")
def real_2017(default_db):
    found = findings_for(default_db, 2017, illustrative=False, before_year=2016)
    data, _ = deck.build_pptx(found, 2017, False, render=Recorder(), author="Analyst")
    return found, Presentation(io.BytesIO(data)), data


def inches(shape) -> tuple[float, float, float, float]:
    return tuple(v / EMU_PER_INCH for v in (shape.left, shape.top, shape.width, shape.height))


def overlap(a, b) -> bool:
    return (
        a[0] < b[0] + b[2] - 1e-6
        and b[0] < a[0] + a[2] - 1e-6
        and a[1] < b[1] + b[3] - 1e-6
        and b[1] < a[1] + a[3] - 1e-6
    )


def all_text(presentation) -> str:
    parts = [s.text_frame.text for s in presentation.slide_master.shapes if s.has_text_frame]
    for slide in presentation.slides:
        parts += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


# The template and the file's properties -----------------------------------------------------


def test_master_and_layouts_are_16_9_and_named_for_the_pack(demo_2016):
    _, presentation, _, _, _ = demo_2016
    assert (presentation.slide_width, presentation.slide_height) == (Emu(12192000), Emu(6858000))
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    assert [layout.name for layout in presentation.slide_layouts] == ["Title", "Words", "Finding"]
    for layout in presentation.slide_layouts:
        assert layout._element.get("showMasterSp") != "0"  # every layout shows the master's band
        for shape in layout.placeholders:
            left, top, width, height = inches(shape)
            assert left >= 0 and left + width <= 13.34 and top + height <= 7.5, (layout.name, shape.name)
    assert [s.name for s in presentation.slide_master.shapes if not s.is_placeholder] == ["Illustrative band"]


def test_a_slide_the_presenter_adds_carries_the_illustrative_band(demo_2016):
    _, presentation, _, _, _ = demo_2016
    [band] = [s for s in presentation.slide_master.shapes if s.name == "Illustrative band"]
    assert ILLUSTRATIVE_NOTICE in band.text_frame.text
    assert inches(band)[:2] == (0, 0) and inches(band)[2] == pytest.approx(13.333, abs=0.01)


def test_file_properties_are_this_packs(demo_2016, monkeypatch):
    _, presentation, data, _, _ = demo_2016
    core = presentation.core_properties
    assert core.title == "County lines threat picture, 2016"
    assert core.author == core.last_modified_by == "Community Safety Team"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs((now - core.created).total_seconds()) < 600 and core.modified == core.created
    assert core.category == ILLUSTRATIVE_NOTICE
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "<PresentationFormat>Widescreen</PresentationFormat>" in app
    assert f"<Slides>{len(presentation.slides)}</Slides>" in app
    text = data.decode("latin-1")
    assert "Steve Canny" not in text and "4:3" not in app
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_author_comes_from_the_setting(default_db, monkeypatch):
    monkeypatch.setenv("COUNTYLINES_AUTHOR", "Safer Staffordshire Partnership")
    data, _ = deck.build_pptx(findings_for(default_db, 2016)[:1], 2016, True, render=Recorder())
    assert Presentation(io.BytesIO(data)).core_properties.author == "Safer Staffordshire Partnership"


# What each slide holds -------------------------------------------------------------------


def test_each_finding_is_in_its_slides_title_placeholder(demo_2016):
    found, presentation, _, _, _ = demo_2016
    finding_slides = list(presentation.slides)[1:-1]
    assert len(finding_slides) == len(found)
    for finding, slide in zip(found, finding_slides, strict=True):
        assert slide.slide_layout.name == "Finding"
        assert slide.shapes.title is not None and slide.shapes.title.text == finding.title
        # No empty placeholder left to show "Click to add text".
        assert all(p.text_frame.text for p in slide.placeholders)
    assert next(iter(presentation.slides)).shapes.title.text == "County lines threat picture, 2016"
    assert list(presentation.slides)[-1].shapes.title.text == "About these figures"


def test_every_chart_has_its_figures_own_description_as_alt_text(demo_2016):
    found, presentation, _, _, _ = demo_2016
    for finding, slide in zip(found, list(presentation.slides)[1:-1], strict=True):
        [picture] = [s for s in slide.shapes if s.shape_type == 13]
        alt = picture._element.nvPicPr.cNvPr.get("descr")
        assert alt == finding.figure.layout.meta["alt"] and alt != "image.png"
    cuckooing = slides_by_title(presentation, "Cuckooing was reported by 90% of forces in 2016")
    [picture] = [s for s in cuckooing.shapes if s.shape_type == 13]
    assert picture._element.nvPicPr.cNvPr.get("descr").startswith("Cuckooing: 37 of 41 forces answered yes")


def slides_by_title(presentation, title):
    return next(s for s in presentation.slides if s.shapes.title is not None and s.shapes.title.text == title)


def test_speaker_notes_give_base_source_status_paragraph_and_caveats(demo_2016):
    _, presentation, _, _, _ = demo_2016
    notes = slides_by_title(presentation, "Cuckooing was reported by 90% of forces in 2016").notes_slide
    text = notes.notes_text_frame.text
    assert "Quote: 90% of forces (37)." in text
    assert "Base: 41 force returns, 2016." in text
    assert (
        "Source: illustrative demonstration data to the National Crime Agency county lines collection, 2016."
        in text
    )
    assert f"Status: {ILLUSTRATIVE_NOTICE}." in text
    # The question's paragraph in data/indicators.csv.
    assert "NCA paragraph where this question is reported: NCA 2017 para 6.1." in text
    assert "Question asked: " in text
    assert "No 2016 return from Gwent and Lincolnshire: outside every 2016 base." in text
    assert "invented demonstration set" in text
    assert "Chart: Cuckooing: 37 of 41 forces answered yes" in text
    assert all(slide.notes_slide.notes_text_frame.text for slide in presentation.slides)


def test_charts_are_drawn_at_the_size_they_are_shown_with_text_of_18_pt_or_more(demo_2016):
    _, presentation, _, recorder, _ = demo_2016
    _left, _top, width, height = pack.CHART
    for fig in recorder.figures:
        # 96 CSS px an inch: 24 px is 18 pt when the picture is shown at its size on the slide.
        assert (fig.layout.width, fig.layout.height) == (round(width * 96), round(height * 96))
        sizes = [fig.layout.font.size, fig.layout.xaxis.tickfont.size, fig.layout.yaxis.tickfont.size]
        sizes += [trace.textfont.size for trace in fig.data if trace.textfont.size is not None]
        assert min(sizes) >= 24, sizes
    for slide in list(presentation.slides)[1:-1]:
        [picture] = [s for s in slide.shapes if s.shape_type == 13]
        assert inches(picture) == pytest.approx(pack.CHART, abs=0.01)


def test_nothing_on_a_slide_overlaps_anything_else_or_leaves_the_slide(demo_2016, real_2017):
    for presentation in (demo_2016[1], real_2017[1]):
        band = [inches(s) for s in presentation.slide_master.shapes if s.name == "Illustrative band"]
        for number, slide in enumerate(presentation.slides, start=1):
            boxes = [(s.name, inches(s)) for s in slide.shapes]
            for n, (name, box) in enumerate(boxes):
                assert box[0] >= 0 and box[1] >= 0 and box[0] + box[2] <= 13.334 and box[1] + box[3] <= 7.5
                for other_name, other in boxes[n + 1 :] + [("band", b) for b in band]:
                    assert not overlap(box, other), f"slide {number}: {name} overlaps {other_name}"


def test_no_text_overflows_its_box_at_its_size(demo_2016, real_2017):
    """Measured with Liberation Sans (Arial's widths) where installed, at 1.2 line spacing."""
    for presentation in (demo_2016[1], real_2017[1]):
        for number, slide in enumerate(presentation.slides, start=1):
            for shape in slide.shapes:
                if not shape.has_text_frame or not shape.text_frame.text:
                    continue
                runs = [r for p in shape.text_frame.paragraphs for r in p.runs]
                size, bold = runs[0].font.size.pt, bool(runs[0].font.bold)
                assert pack.fits(shape.text_frame.text, inches(shape), size, bold), (number, shape.text_frame.text)


def test_the_2016_no_return_slide_keeps_its_lines_apart(demo_2016):
    _, presentation, _, _, _ = demo_2016
    slide = slides_by_title(presentation, "No return from Gwent and Lincolnshire for 2016")
    shapes = {s.name: inches(s) for s in slide.shapes}
    assert shapes["Number"][1] + shapes["Number"][3] <= shapes["Of"][1]
    assert shapes["Of"][1] + shapes["Of"][3] <= shapes["Lines"][1]


# Status follows the data -----------------------------------------------------------------


def test_every_slide_of_demo_data_says_illustrative_and_so_does_about(demo_2016):
    _, presentation, _, _, _ = demo_2016
    for slide in presentation.slides:
        footer = next(s for s in slide.shapes if s.name == "Footer")
        assert "Source: illustrative demonstration data" in footer.text_frame.text
        assert f"Status: {ILLUSTRATIVE_NOTICE}." in footer.text_frame.text
    about = list(presentation.slides)[-1]
    body = "\n".join(s.text_frame.text for s in about.shapes if s.has_text_frame)
    assert (
        "Source: illustrative demonstration data to the National Crime Agency county lines collection, 2016."
        in body
    )
    assert f"Status: {ILLUSTRATIVE_NOTICE}." in body
    assert "police force returns to the National" not in body and MANAGEMENT not in body


def test_a_deck_of_real_returns_never_says_illustrative(real_2017):
    _, presentation, _data = real_2017
    text = all_text(presentation)
    assert not re.search("llustrative|demonstration", text)
    assert not [s for s in presentation.slide_master.shapes if s.name == "Illustrative band"]
    for slide in presentation.slides:
        footer = next(s for s in slide.shapes if s.name == "Footer")
        assert f"Status: {MANAGEMENT}." in footer.text_frame.text
        assert "Source: police force returns to the National Crime Agency" in footer.text_frame.text
    assert presentation.core_properties.category == MANAGEMENT


def test_a_deck_without_images_says_so_and_is_still_whole(default_db):
    def no_browser(fig):
        raise RuntimeError("no browser here")

    found = findings_for(default_db, 2016)[:2]
    data, message = deck.build_pptx(found, 2016, True, render=no_browser, author="")
    presentation = Presentation(io.BytesIO(data))
    assert message and "could not be drawn" in message
    assert [s.shapes.title.text for s in presentation.slides][:2] == [
        "County lines threat picture, 2016",
        "These slides have no chart images",
    ]
    assert not [s for slide in presentation.slides for s in slide.shapes if s.shape_type == 13]
