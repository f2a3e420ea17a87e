"""Findings for presenting and the PowerPoint deck, on the embedded default database.

Hand-known figures (the NCA 2017 printed counts, base 43): county lines activity 38 of 43
(88.37 -> 88%), cuckooing 33 of 43 (76.74 -> 77%), Metropolitan Police exporting into 28
of 43 forces (65.12 -> 65%), Merseyside 18 of 43 (41.86 -> 42%). 2016: 41 returns, none
from Gwent or Lincolnshire.
"""

from __future__ import annotations

import io
import os

import pytest
from pptx import Presentation

from countylines import ILLUSTRATIVE_NOTICE, store
from countylines.draw import deck, slides
from countylines.figures import nca


@pytest.fixture(scope="module")
def year_2017(default_db):
    now = nca.add_labels(store.indicator_figures(default_db, 2017))
    before = nca.add_labels(store.indicator_figures(default_db, 2016))
    return slides.findings(
        now,
        2017,
        illustrative=True,
        exporters=store.exporter_reach(default_db, 2017),
        before=before,
        before_year=2016,
        returns=store.force_returns(default_db, 2017),
    )


@pytest.fixture(scope="module")
def year_2016(default_db):
    return slides.findings(
        nca.add_labels(store.indicator_figures(default_db, 2016)),
        2016,
        illustrative=True,
        exporters=store.exporter_reach(default_db, 2016),
        returns=store.force_returns(default_db, 2016),
    )


def by_key(found, key):
    return next(f for f in found if f.key == key)


def no_images(fig):
    raise RuntimeError("no browser here")


def deck_text(data: bytes) -> list[str]:
    presentation = Presentation(io.BytesIO(data))
    out = []
    for slide in presentation.slides:
        out.append("\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))
    return out


def test_first_finding_is_county_lines_activity(year_2017):
    first = year_2017[0]
    assert first.key == "county_lines_activity"
    assert (first.number, first.of) == ("88%", "of forces (38)")
    assert first.title == "County lines activity was reported by 88% of forces in 2017"
    assert first.base == "Base: 43 force returns, 2017"


def test_cuckooing_finding_quotes_count_and_base(year_2017):
    cuckooing = by_key(year_2017, "cuckooing")
    assert cuckooing.quote == "77% of forces (33)"
    assert "77%" in cuckooing.title
    assert cuckooing.status == ILLUSTRATIVE_NOTICE
    assert "illustrative" in cuckooing.source


def test_exporting_hubs_are_metropolitan_police_then_merseyside(year_2017):
    hubs = [f for f in year_2017 if f.key.startswith("hub_")]
    assert [h.title for h in hubs] == [
        "Metropolitan Police: exporting hub for lines into 65% of forces (28)",
        "Merseyside: exporting hub for lines into 42% of forces (18)",
    ]


def test_question_bars_keep_possible_apart_and_start_at_zero(year_2017):
    fig = by_key(year_2017, "cuckooing").figure
    bar = fig.data[0]
    assert bar.y[0] == "Yes" and bar.x[0] == 33
    assert sum(bar.x) == 43  # yes, possible and the rest make up the base; none added into yes
    assert fig.layout.xaxis.range[0] == 0
    assert fig.layout.meta["alt"].startswith("Cuckooing: 33 of 43")


def test_biggest_rise_is_one_finding_with_both_years(year_2017):
    rises = [f for f in year_2017 if f.key.startswith("rise_")]
    assert len(rises) == 1
    assert rises[0].title.startswith("Biggest rise since 2016: ")
    assert "41 in 2016" in rises[0].base
    assert list(rises[0].figure.data[0].y) == ["2016", "2017"]


def test_returns_finding_names_forces_with_no_return(year_2016, year_2017):
    assert year_2016[-1].title == "No return from Gwent and Lincolnshire for 2016"
    assert year_2016[-1].quote == "2 of 43 forces made no return"
    assert year_2017[-1].title == "All 43 forces made a return for 2017"
    assert not any(f.key.startswith("rise_") for f in year_2016)  # no earlier year given


def test_deck_has_title_findings_and_about_slides_each_marked_illustrative(year_2017):
    data, message = deck.build_pptx(year_2017, 2017, True, render=no_images)
    presentation = Presentation(io.BytesIO(data))
    assert presentation.slide_width * 9 == presentation.slide_height * 16  # 16:9
    texts = deck_text(data)
    # title + no-images note + one per finding + about
    assert len(texts) == len(year_2017) + 3
    assert all(ILLUSTRATIVE_NOTICE in text for text in texts)
    assert "County lines threat picture, 2017" in texts[0]
    assert "no chart images" in texts[1]
    for finding, text in zip(year_2017, texts[2:-1], strict=True):
        assert finding.title in text
        assert finding.number in text and finding.of in text
    assert "About these figures" in texts[-1]
    assert "halves rounded up" in texts[-1]
    # The last slide's source and status follow the data (issue 8): never "Management
    # information" or "police force returns" under an illustrative band.
    assert f"Status: {ILLUSTRATIVE_NOTICE}." in texts[-1]
    assert "Management information" not in texts[-1] and "police force returns to" not in texts[-1]
    assert message and "could not be drawn" in message


def test_deck_type_is_large(year_2017):
    data, _ = deck.build_pptx(year_2017[:1], 2017, False, render=no_images)
    slide = Presentation(io.BytesIO(data)).slides[2]
    sizes = {
        run.text: run.font.size.pt
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert sizes[year_2017[0].title] >= 28
    assert sizes["88%"] >= 96


def test_deck_of_real_returns_never_says_illustrative(default_db):
    real = slides.findings(
        nca.add_labels(store.indicator_figures(default_db, 2017)),
        2017,
        illustrative=False,
        exporters=store.exporter_reach(default_db, 2017),
    )
    data, message = deck.build_pptx(real, 2017, False, render=lambda fig: b"")  # bad images
    texts = deck_text(data)
    assert not any("llustrative" in text for text in texts)
    assert all("Management information" in t for t in texts[-1:])
    assert message  # the empty images could not be placed, so the deck says so


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="kaleido needs Chromium at /usr/bin/chromium")
def test_deck_with_chart_images(year_2017):
    data, message = deck.build_pptx(year_2017[:2], 2017, True)
    assert message is None
    presentation = Presentation(io.BytesIO(data))
    assert len(presentation.slides) == 4
    pictures = [s for slide in presentation.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 2
