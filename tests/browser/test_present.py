"""Presenting mode in a real browser: Next moves the slide and the link, and a later rerun
(preparing the PowerPoint pack) keeps the slide; AppTest cannot see this, because the browser
sends the select box's own value back with every rerun."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_next_then_prepare_keeps_the_slide(open_screen, page):
    open_screen("/present?slide=1")
    page.get_by_role("button", name="Next").focus()
    page.keyboard.press("Enter")  # reachable from the keyboard
    page.get_by_text("Slide 2 of 10").first.wait_for(timeout=15_000)
    assert re.search(r"[?&]slide=2\b", page.url)
    page.get_by_role("button", name="Prepare slides (PowerPoint and PDF)").click()
    page.get_by_role("button", name="Download slides (PowerPoint)").wait_for(timeout=90_000)
    page.get_by_role("button", name="Download slides (PDF)").wait_for(timeout=10_000)
    assert re.search(r"[?&]slide=2\b", page.url)
    assert page.get_by_text("of forces (33)").count() >= 1


def test_keys_move_the_slides_and_escape_leaves(open_screen, page, wait_for_app):
    open_screen("/present?year=2017&slide=1")
    page.locator('[data-testid="stMain"] h1').first.click()  # focus on the slide, as a presenter would
    page.keyboard.press("ArrowRight")
    page.get_by_text("Slide 2 of 10").first.wait_for(timeout=15_000)
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    page.get_by_text("Slide 3 of 10").first.wait_for(timeout=15_000)
    assert re.search(r"[?&]slide=3\b", page.url)
    page.keyboard.press("ArrowLeft")
    page.get_by_text("Slide 2 of 10").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"^[^?]*/(\?.*)?$"), timeout=15_000)  # the national picture, at /
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert "Headline figures" in page.locator('[data-testid="stMain"]').inner_text()
    assert page.recorder.external_requests() == []
