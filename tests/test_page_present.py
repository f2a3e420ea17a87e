"""AppTest of the presenting screen on a temporary database built from the embedded default
(2016: 41 returns; 2017: 43 returns whose counts are the NCA 2017 printed counts, so
county lines activity is 38 of 43 = 88% and cuckooing 33 of 43 = 77%)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from conftest import use_store
from streamlit.testing.v1 import AppTest

from countylines import ILLUSTRATIVE_NOTICE

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PRESENT = "pages/present.py"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    use_store(patch, tmp_path_factory.mktemp("present") / "store")
    yield
    st.cache_resource.clear()
    st.cache_data.clear()
    patch.undo()


def open_present(**params: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(PRESENT)
    return at.run()


def shown(at: AppTest) -> str:
    kinds = ("title", "markdown", "caption", "info", "warning")
    parts = [str(e.value) for kind in kinds for e in getattr(at, kind)]
    parts += [str(getattr(e, "proto", e)) for e in at.get("html")]
    return "\n".join(parts)


def button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_opens_on_slide_one_with_the_quotable_figure(app_db):
    at = open_present()
    assert not at.exception
    text = shown(at)
    assert "of forces (38)" in text
    assert "County lines activity was reported by 88% of forces in 2017" in text
    assert "Slide 1 of 10" in text
    assert ILLUSTRATIVE_NOTICE in text
    assert button(at, "previous").disabled


def test_next_goes_to_slide_two_and_updates_the_link(app_db):
    at = open_present()
    button(at, "next").click().run()
    assert not at.exception
    assert at.query_params["slide"] == ["2"] or at.query_params["slide"] == "2"
    text = shown(at)
    assert "of forces (33)" in text and "Cuckooing" in text
    assert "Slide 2 of 10" in text
    button(at, "previous").click().run()
    assert "of forces (38)" in shown(at)


def test_slide_out_of_range_falls_back_with_a_notice(app_db):
    at = open_present(slide="99")
    assert not at.exception
    assert any("99" in str(i.value) and "Slide 1 of 10" in str(i.value) for i in at.info)
    assert "of forces (38)" in shown(at)


def test_year_and_slide_from_the_link(app_db):
    at = open_present(year="2016", slide="2")
    assert not at.exception
    text = shown(at)
    assert "Cuckooing was reported by 90% of forces in 2016" in text  # 37 of 41 = 90.2%
    assert "of forces (37)" in text
    assert "Slide 2 of 9" in text  # 2016 has no earlier year, so no 'biggest rise' slide


def test_last_slide_names_forces_with_no_return(app_db):
    at = open_present(year="2016", slide="9")
    assert "No return from Gwent and Lincolnshire for 2016" in shown(at)
    assert button(at, "next").disabled


def test_prepare_slides_offers_the_download_and_says_when_charts_are_missing(app_db, monkeypatch):
    from countylines.draw import images, pdf

    def no_browser(*args, **kwargs):
        raise RuntimeError("Chromium not found")

    def no_pdf(document):
        raise pdf.PdfError("The PDF needs Chromium on the server (apt-get install chromium).")

    monkeypatch.setattr(images, "render_png", no_browser)
    monkeypatch.setattr(pdf, "print_pdf", no_pdf)
    at = open_present()
    button(at, "next").click().run()
    assert not at.get("download_button")
    button(at, "prepare").click().run()
    assert not at.exception
    assert "Slide 2 of 10" in shown(at)  # preparing the pack does not move the slide
    message = " ".join(str(i.value) for i in at.info)
    assert "could not be drawn" in message and "The PDF needs Chromium" in message
    assert [b.label for b in at.get("download_button")] == ["Download slides (PowerPoint)"]


def test_prepare_slides_offers_powerpoint_and_pdf(app_db, monkeypatch):
    import io

    from PIL import Image

    from countylines.draw import images, pdf

    tiny = io.BytesIO()
    Image.new("RGB", (4, 2), "white").save(tiny, format="PNG")
    monkeypatch.setattr(images, "render_png", lambda *args, **kwargs: tiny.getvalue())
    monkeypatch.setattr(pdf, "print_pdf", lambda document: b"%PDF-1.7 " + document.encode()[:20])
    at = open_present()
    button(at, "prepare").click().run()
    assert not at.exception
    assert [b.label for b in at.get("download_button")] == [
        "Download slides (PowerPoint)",
        "Download slides (PDF)",
    ]
