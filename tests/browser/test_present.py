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
    page.get_by_role("button", name="Prepare slides (PowerPoint)").click()
    page.get_by_role("button", name="Download slides (PowerPoint)").wait_for(timeout=60_000)
    assert re.search(r"[?&]slide=2\b", page.url)
    assert page.get_by_text("of forces (33)").count() >= 1
