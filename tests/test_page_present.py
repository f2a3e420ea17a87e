"""AppTest of the presenting screen on a temporary database built from the embedded default
(2016: 41 returns; 2017: 43 returns whose counts are the NCA 2017 printed counts, so
county lines activity is 38 of 43 = 88% and cuckooing 33 of 43 = 77%).

Staffordshire's 2017 row of data/illustrative/returns.csv, counted by hand: yes to 19 of
the 39 questions (imprisonment is blank: it is asked only of forces reporting cuckooing,
and Staffordshire answered no to cuckooing). data/illustrative/flows.csv: lines into
Staffordshire in 2017 from 3 forces (Metropolitan Police, number not given; Merseyside 14;
West Midlands 17: 31 where given), none out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from conftest import use_store
from streamlit.testing.v1 import AppTest
from strip import can, press, send, where

from countylines import ILLUSTRATIVE_NOTICE
from countylines.screens import data

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
    """What the audience sees: the slide's words (the strip's controls are not in it)."""
    kinds = ("title", "markdown", "caption", "info", "warning")
    parts = [str(e.value) for kind in kinds for e in getattr(at, kind)]
    parts += [str(getattr(e, "proto", e)) for e in at.get("html")]
    return "\n".join(parts)


def button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def choose(at: AppTest) -> AppTest:
    """The strip's Choose slides: the set-up dialog opens."""
    send(at, "action", "choose")
    assert not at.exception
    return at


def test_opens_on_slide_one_with_the_quotable_figure(app_db):
    at = open_present()
    assert not at.exception
    text = shown(at)
    assert "of forces (38)" in text
    assert "County lines activity was reported by 88% of forces in 2017" in text
    assert where(at) == "Slide 1 of 10"
    assert "Slide 1 of 10" not in text  # one slide number: the presenter's box, not the picture
    assert ILLUSTRATIVE_NOTICE in text
    assert not can(at, "previous") and not can(at, "first") and can(at, "next")
    assert not at.button and not at.selectbox  # the strip is one element; nothing else to press
    assert param(at, "slides") is None  # every slide, in its own order


def test_next_goes_to_slide_two_and_updates_the_link(app_db):
    at = open_present()
    press(at, "next")
    assert not at.exception
    assert param(at, "slide") == "2"
    text = shown(at)
    assert "of forces (33)" in text and "Cuckooing" in text
    assert where(at) == "Slide 2 of 10"
    press(at, "previous")
    assert "of forces (38)" in shown(at)
    press(at, "last")
    assert where(at) == "Slide 10 of 10" and not can(at, "next")
    send(at, "go", 4)  # the slide box
    assert where(at) == "Slide 4 of 10" and param(at, "slide") == "4"
    press(at, "first")
    assert where(at) == "Slide 1 of 10" and "of forces (38)" in shown(at)


def test_slide_out_of_range_falls_back_with_a_notice(app_db):
    at = open_present(slide="99")
    assert not at.exception
    assert any("99" in str(t.value) for t in at.toast)
    assert "of forces (38)" in shown(at)
    assert where(at) == "Slide 1 of 10"


def test_year_and_slide_from_the_link(app_db):
    at = open_present(year="2016", slide="2")
    assert not at.exception
    text = shown(at)
    assert "Cuckooing was reported by 90% of forces in 2016" in text  # 37 of 41 = 90.2%
    assert "of forces (37)" in text
    assert where(at) == "Slide 2 of 9"  # 2016 has no earlier year, so no 'biggest rise' slide


def test_last_slide_names_forces_with_no_return(app_db):
    at = open_present(year="2016", slide="9")
    assert "No return from Gwent and Lincolnshire for 2016" in shown(at)
    assert not can(at, "next")


def test_a_force_for_a_local_board_comes_first(app_db):
    at = open_present(year="2017", force="Staffordshire")
    assert not at.exception
    text = shown(at)
    assert "Staffordshire answered yes to 19 of the 39 questions in 2017" in text
    assert where(at) == "Slide 1 of 13"  # its 3 slides, then the 10 national ones
    press(at, "next")
    assert "Staffordshire differs from most forces" in shown(at)
    press(at, "next")
    text = shown(at)
    assert "Lines into and out of Staffordshire, 2017" in text
    assert "from 3 forces (31 lines where the number was given)" in text
    assert "no lines going out from Staffordshire are recorded" in text
    press(at, "next")
    assert "County lines activity was reported by 88% of forces in 2017" in shown(at)
    assert param(at, "force") == "Staffordshire"


def test_choosing_a_force_starts_its_slides_from_the_first(app_db):
    at = open_present(year="2017", slides="2,1", slide="2")
    choose(at).selectbox(key="present_force").set_value("E23000015").run()  # data/forces.csv: Staffordshire
    assert not at.exception
    assert param(at, "force") == "Staffordshire"
    assert param(at, "slides") is None and where(at) == "Slide 1 of 13"
    assert "Staffordshire answered yes to 19" in shown(at)


def test_slides_chosen_and_ordered_in_the_link(app_db):
    at = open_present(year="2017", slides="2,1,99", slide="1")
    assert not at.exception
    assert choose(at).multiselect(key="present_slides").value == [2, 1]  # 99 is not a slide of 2017
    assert "Cuckooing was reported by 77% of forces in 2017" in shown(at)
    assert where(at) == "Slide 1 of 2"
    press(at, "next")
    assert "County lines activity was reported by 88% of forces in 2017" in shown(at)
    assert param(at, "slides") == "2,1" and param(at, "slide") == "2"


def test_picking_slides_writes_them_into_the_link(app_db):
    at = open_present(year="2017", slide="4")
    choose(at).multiselect(key="present_slides").set_value([3, 1]).run()
    assert not at.exception
    assert param(at, "slides") == "3,1" and where(at) == "Slide 1 of 2"
    assert "Exploitation of children" in shown(at)


def test_only_the_slide_shown_is_drawn(app_db, monkeypatch):
    from countylines.draw import slides

    drawn = []
    real = slides.bars

    def counted(rows, *args, **kwargs):
        drawn.append(rows[0][0])
        return real(rows, *args, **kwargs)

    monkeypatch.setattr(slides, "bars", counted)
    data._views.clear()  # what earlier tests drew of this snapshot is shared: start empty
    at = open_present(year="2017", force="Staffordshire", slide="4")
    assert not at.exception
    assert drawn == ["Yes"]  # county lines activity's bars, and no other slide's
    again = open_present(year="2017", force="Staffordshire", slide="4")  # another session
    assert not again.exception and "activity" in shown(again)
    assert drawn == ["Yes"]  # drawn once for the snapshot, year, force and slide, and shared


def test_prepare_slides_offers_the_download_and_says_when_charts_are_missing(app_db, monkeypatch):
    from countylines.draw import images, pdf

    def no_browser(*args, **kwargs):
        raise RuntimeError("Chromium not found")

    def no_pdf(document):
        raise pdf.PdfError("The PDF needs Chromium on the server (apt-get install chromium).")

    monkeypatch.setattr(images, "render_png", no_browser)
    monkeypatch.setattr(pdf, "print_pdf", no_pdf)
    at = open_present()
    press(at, "next")
    assert not at.get("download_button")
    choose(at)
    button(at, "present_prepare").click().run()
    assert not at.exception
    assert where(at) == "Slide 2 of 10"  # preparing the pack does not move the slide
    message = " ".join(str(t.value) for t in at.toast)
    assert "could not be drawn" in message and "The PDF needs Chromium" in message
    assert [b.label for b in at.get("download_button")] == ["PowerPoint"]
    press(at, "next")  # the pack stays ready, said once
    assert [b.label for b in at.get("download_button")] == ["PowerPoint"]
    assert not at.toast


def test_prepare_slides_builds_the_chosen_slides_as_powerpoint_and_pdf(app_db, monkeypatch):
    import io

    from PIL import Image
    from pptx import Presentation

    from countylines.draw import images, pdf

    tiny = io.BytesIO()
    Image.new("RGB", (4, 2), "white").save(tiny, format="PNG")
    monkeypatch.setattr(images, "render_png", lambda *args, **kwargs: tiny.getvalue())
    monkeypatch.setattr(pdf, "print_pdf", lambda document: b"%PDF-1.7 " + document.encode()[:20])
    at = open_present(year="2017", force="Staffordshire", slides="4,1")
    choose(at)
    button(at, "present_prepare").click().run()
    assert not at.exception
    assert [b.label for b in at.get("download_button")] == ["PowerPoint", "PDF"]
    deck = Presentation(io.BytesIO(at.session_state["_deck_2017_E23000015_4,1"][0]))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    # Title slide naming the force of this local board's pack, the chosen two in their order,
    # then 'About these figures'.
    assert titles[0] == "County lines threat picture, 2017: Staffordshire"
    assert deck.core_properties.title == "County lines threat picture, 2017: Staffordshire"
    assert titles[1] == "County lines activity was reported by 88% of forces in 2017"
    assert titles[2] == "Staffordshire answered yes to 19 of the 39 questions in 2017"
    assert len(deck.slides) == 4


def test_a_force_without_a_return_says_so_first(app_db):
    at = open_present(year="2016", force="Gwent")  # no 2016 return from Gwent (or Lincolnshire)
    assert not at.exception
    assert "Gwent made no return for 2016" in shown(at)
    assert where(at) == "Slide 1 of 11"  # no return, its lines, then the 9 national slides of 2016
    press(at, "next")
    assert "Lines into and out of Gwent, 2016" in shown(at)


def test_choosing_another_year_redraws_the_slide_behind_the_open_dialog(app_db):
    at = choose(open_present(year="2017", slide="2"))
    assert at.selectbox(key="present_year").value == 2017
    at.selectbox(key="present_year").set_value(2016).run()
    assert not at.exception
    assert param(at, "year") == "2016"
    assert "Cuckooing was reported by 90% of forces in 2016" in shown(at)  # 37 of 41, the slide behind
    assert where(at) == "Slide 2 of 9"
    assert at.selectbox(key="present_year").value == 2016  # the dialog stays open for more choices
    button(at, "present_done").click().run()  # Show the slides
    assert not at.exception and not at.selectbox and not at.button
    assert "of forces (37)" in shown(at)


def test_leaving_returns_to_the_screen_and_choices_it_came_from(app_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params["force"] = "Staffordshire"
    at.query_params["year"] = "2016"
    at.switch_page("pages/force.py").run()
    assert not at.exception
    at.query_params.clear()  # the sidebar link to Present carries no choices
    at.switch_page(PRESENT).run()
    assert not at.exception and where(at).startswith("Slide 1 of ")
    send(at, "action", "leave")  # the strip's Leave presenting mode, or Esc
    assert not at.exception
    assert param(at, "force") == "Staffordshire" and param(at, "year") == "2016"
    assert not at.get("bidi_component")  # the force profile, with its sidebar
    assert any("Staffordshire" in str(t.value) for t in at.title)


def test_presenting_opened_again_starts_with_the_set_up_dialog_closed(app_db):
    """Left with the dialog open (the browser's Back button), presenting mode opened again
    shows the slide, not the dialog the presenter left behind."""
    at = choose(open_present(year="2017"))
    assert at.selectbox(key="present_year").value == 2017
    at.switch_page("pages/national.py").run()  # Back, in the browser
    assert not at.exception
    at.switch_page(PRESENT).run()
    assert not at.exception
    assert not at.selectbox and not at.button  # the slide and its strip only
    assert "of forces (38)" in shown(at)
