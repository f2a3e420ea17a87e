"""Presenting mode in a real browser, as a presenter with a clicker uses it: 2017 with
Staffordshire's own slides first, chosen from the controls, stepped through with the keys
at 1280x720, 1024x768 and 1024x670 (a 1024x768 projector with browser toolbars), and left
with Esc.

What the audience sees is checked on every slide: no sidebar, header or toolbar, the
presenter's strip transparent, no control of the dashboard on screen, the finding, chart,
source and status within the screen without scrolling, and the strip in the same place.
Screenshots: tests/screenshots/present_<width>x<height>_<slide>.png.
"""

from __future__ import annotations

import re

import pytest

from countylines import ILLUSTRATIVE_NOTICE

pytestmark = pytest.mark.browser

STRIP = "nav.cl-strip"  # the presenter's strip (static/present_strip.js)
# 3 slides of Staffordshire's own (answers, where it differs, lines) and the 10 national
# findings of 2017 (tests/test_slides.py): 13.
TOTAL = 13

# What the audience must not see: Streamlit's frame, and any control that is not in the strip.
SEEN = r"""() => {
  const strip = document.querySelector('nav.cl-strip');
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
      && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  };
  const frame = ['[data-testid="stSidebar"]', '[data-testid="stHeader"]', 'header', '[data-testid="stToolbar"]',
                 '[data-testid="stExpandSidebarButton"]', '[data-testid="stSidebarCollapsedControl"]']
    .filter((s) => [...document.querySelectorAll(s)].some(visible));
  const controls = [...document.querySelectorAll('button, input, select, textarea, a, [role="combobox"]')]
    .filter((el) => visible(el) && !(strip && strip.contains(el)))
    .map((el) => el.outerHTML.slice(0, 120));
  const main = document.querySelector('[data-testid="stMain"]');
  const texts = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let outside = '';
  while (texts.nextNode()) if (!strip.contains(texts.currentNode)) outside += texts.currentNode.textContent + ' ';
  const caption = [...main.querySelectorAll('[data-testid="stCaptionContainer"]')].pop();
  const title = main.querySelector('h1');
  const box = strip.getBoundingClientRect();
  return {
    frame, controls,
    strip_opacity: getComputedStyle(strip).opacity,
    strip_box: [box.left, box.top, box.width, box.height].map(Math.round),
    title_bottom: title.getBoundingClientRect().bottom,
    caption_bottom: caption ? caption.getBoundingClientRect().bottom : null,
    caption_text: caption ? caption.innerText : '',
    scrolls: (document.querySelector('[data-testid="stMain"]').scrollHeight
              > document.querySelector('[data-testid="stMain"]').clientHeight + 1)
             || document.documentElement.scrollHeight > innerHeight + 1,
    height: innerHeight,
    // Every slide number on screen: in the page outside the strip, and the strip's slide box.
    numbers: [...(outside.match(/Slide \d+ of \d+/g) || []),
              ...[...strip.querySelectorAll('select')].map((box) => box.selectedOptions[0].text)],
  };
}"""


def settled(page, wait_for_app, slide: int) -> None:
    page.wait_for_url(re.compile(rf"[?&]slide={slide}(&|$)"), timeout=20_000)
    wait_for_app(page)


def choose(page, wait_for_app) -> None:
    """The strip's Choose slides, with the pointer: the set-up dialog opens."""
    page.locator(STRIP).hover()
    page.get_by_role("button", name="Choose slides").click()
    page.get_by_role("dialog").wait_for()
    wait_for_app(page)


def pick(page, wait_for_app, box: str, option: str) -> None:
    """Chooses from one of the set-up dialog's select boxes with the pointer, as a presenter would."""
    page.locator(f".st-key-{box} [role='combobox']").click()
    page.keyboard.type(option[:6])  # a long list shows only the options near the top until searched
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def show_the_slides(page, wait_for_app) -> None:
    page.get_by_role("button", name="Show the slides").click()
    page.get_by_role("dialog").wait_for(state="detached")
    wait_for_app(page)


def audience_sees(page, slide: int, size: str, strip_boxes: dict) -> None:
    seen = page.evaluate(SEEN)
    where = f"slide {slide} at {size}"
    assert seen["frame"] == [], f"Streamlit's frame shows on {where}: {seen['frame']}"
    assert seen["controls"] == [], f"controls outside the strip on {where}: {seen['controls']}"
    assert seen["strip_opacity"] == "0", f"the strip shows on {where} while not hovered or focused"
    assert not seen["scrolls"], f"{where} needs scrolling"
    assert seen["caption_bottom"] is not None and seen["caption_bottom"] <= seen["height"], where
    assert "Source:" in seen["caption_text"] and ILLUSTRATIVE_NOTICE in seen["caption_text"], where
    # Never moves between slides: the same place on every slide at one size.
    assert strip_boxes.setdefault(size, seen["strip_box"]) == seen["strip_box"], f"the strip moved on {where}"
    # One slide number: the strip's own box (a select box shows its value in an input).
    assert seen["numbers"] == [f"Slide {slide} of {TOTAL}"], where


def test_presenting_2017_for_staffordshire_with_the_keys(page, app_url, wait_for_app, screenshot):
    # Long: one presenter's walk from the force profile, through every slide, and back.
    page.goto(app_url + "/force?force=Staffordshire&year=2016", wait_until="domcontentloaded")
    wait_for_app(page)
    page.get_by_role("link", name="Present").click()  # the sidebar, which drops the URL's choices
    wait_for_app(page)
    assert page.locator(STRIP).evaluate("e => getComputedStyle(e).opacity") == "0"
    # The set-up: the year and the force, each picked with the pointer; each redraws the slide.
    choose(page, wait_for_app)
    pick(page, wait_for_app, "present_year", "2017")
    pick(page, wait_for_app, "present_force", "Staffordshire")
    assert re.search(r"[?&]year=2017\b", page.url) and re.search(r"[?&]force=Staffordshire\b", page.url)
    assert page.get_by_role("dialog").is_visible()  # it stays open while choices are made
    show_the_slides(page, wait_for_app)
    # A slide, from the strip's slide box.
    page.locator(STRIP).hover()
    page.locator(f"{STRIP} select").select_option(label=f"Slide 2 of {TOTAL}")
    settled(page, wait_for_app, 2)
    assert "Staffordshire differs from most forces" in page.locator("h1").first.inner_text()
    page.mouse.move(5, 5)  # the pointer leaves the strip; the slide box gave the focus back

    strip_boxes: dict = {}
    titles = {}
    forward = list(range(2, TOTAL + 1))
    for slide in forward:
        if slide > 2:
            page.keyboard.press("ArrowRight")
            settled(page, wait_for_app, slide)
        titles[slide] = page.locator("h1").first.inner_text()
        for width, height in ((1280, 720), (1024, 768), (1024, 670)):
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(400)
            audience_sees(page, slide, f"{width}x{height}", strip_boxes)
            screenshot(page, f"present_{width}x{height}_{slide:02d}")
        page.set_viewport_size({"width": 1280, "height": 720})
    assert page.locator(f"{STRIP} .cl-next").is_disabled()
    page.keyboard.press("ArrowRight")  # at the last slide, nothing happens
    page.wait_for_timeout(500)
    assert re.search(rf"[?&]slide={TOTAL}\b", page.url)
    for slide in reversed(range(1, TOTAL)):
        page.keyboard.press("ArrowLeft")
        settled(page, wait_for_app, slide)
        if slide in titles:
            assert page.locator("h1").first.inner_text() == titles[slide]
    assert page.locator("h1").first.inner_text().startswith("Staffordshire answered yes to")
    audience_sees(page, 1, "1280x720", strip_boxes)
    screenshot(page, "present_1280x720_01")
    assert len(set(titles.values())) == len(titles)  # every slide a different finding

    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"/force\?"), timeout=20_000)
    wait_for_app(page)
    assert re.search(r"[?&]force=Staffordshire\b", page.url)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.recorder.external_requests() == []
    assert page.recorder.page_errors == []


def test_keys_work_after_every_control(open_screen, page, wait_for_app):
    """After the slide box, a button and the set-up dialog, the keys still move the slides."""
    open_screen("/present?year=2017&slide=1")
    page.locator(STRIP).hover()
    page.locator(f"{STRIP} select").select_option(label="Slide 3 of 10")
    settled(page, wait_for_app, 3)
    page.keyboard.press("PageDown")
    settled(page, wait_for_app, 4)
    page.locator(f"{STRIP} [data-go=previous]").click()
    settled(page, wait_for_app, 3)
    page.mouse.move(5, 5)  # the clicked button keeps the focus, but the strip leaves the picture
    page.wait_for_timeout(400)
    assert page.locator(STRIP).evaluate("e => getComputedStyle(e).opacity") == "0"
    page.keyboard.press("Space")  # with the Previous button focused, Space still goes forward
    settled(page, wait_for_app, 4)
    page.keyboard.press("End")
    settled(page, wait_for_app, 10)
    page.keyboard.press("Home")
    settled(page, wait_for_app, 1)
    page.keyboard.press("PageUp")  # at the first slide, nothing happens
    page.wait_for_timeout(500)
    assert re.search(r"[?&]slide=1\b", page.url)
    choose(page, wait_for_app)
    page.keyboard.press("ArrowRight")  # the open dialog keeps the keys: the slide stays
    page.wait_for_timeout(500)
    assert re.search(r"[?&]slide=1\b", page.url)
    page.keyboard.press("Escape")  # closes the dialog, and does not leave presenting mode
    page.get_by_role("dialog").wait_for(state="detached")
    page.wait_for_timeout(500)
    assert re.search(r"/present\?", page.url)
    page.keyboard.press("ArrowRight")
    settled(page, wait_for_app, 2)


def test_the_strip_is_reachable_and_named_for_the_keyboard(open_screen, page, wait_for_app):
    """Tab reaches every control of the strip, which then shows; each has a name to read out."""
    open_screen("/present?year=2017&slide=2")
    strip = page.locator(STRIP)
    assert strip.get_attribute("aria-label") == "Presenter's controls"
    # Accessible names, as a screen reader reads them (the icons are hidden from it).
    for name in ("Choose slides", "First", "Previous", "Next", "Last", "Leave presenting mode"):
        assert strip.get_by_role("button", name=name, exact=True).count() == 1, name
    assert strip.get_by_role("combobox", name="Slide", exact=True).count() == 1
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('nav.cl-strip')"):
            break
    assert page.evaluate("() => !!document.activeElement.closest('nav.cl-strip')")
    page.wait_for_timeout(400)
    assert page.locator(STRIP).evaluate("e => getComputedStyle(e).opacity") == "1"  # shown while focused
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # First, then Previous...: Enter presses the focused button
    page.wait_for_timeout(300)
    wait_for_app(page)
    assert re.search(r"[?&]slide=1\b", page.url)


def test_chosen_slides_in_their_order_from_the_link(open_screen, page, wait_for_app):
    open_screen("/present?year=2017&slides=2,1&slide=1")
    assert page.locator("h1").first.inner_text().startswith("Cuckooing was reported")
    page.keyboard.press("ArrowRight")
    settled(page, wait_for_app, 2)
    assert page.locator("h1").first.inner_text().startswith("County lines activity was reported")
    box = page.locator(f"{STRIP} select")
    assert box.evaluate("b => b.selectedOptions[0].text") == "Slide 2 of 2"
    assert re.search(r"[?&]slides=2%2C1\b|[?&]slides=2,1\b", page.url)


def test_next_then_prepare_keeps_the_slide(open_screen, page, wait_for_app):
    open_screen("/present?slide=1")
    page.locator(STRIP).hover()
    page.locator(f"{STRIP} .cl-next").focus()
    page.keyboard.press("Enter")  # reachable from the keyboard
    settled(page, wait_for_app, 2)
    choose(page, wait_for_app)
    page.get_by_role("button", name="Prepare slides").click()
    page.get_by_role("button", name="PowerPoint", exact=True).wait_for(timeout=120_000)
    page.get_by_role("button", name="PDF", exact=True).wait_for(timeout=10_000)
    assert re.search(r"[?&]slide=2\b", page.url)
    assert page.get_by_text("of forces (33)").count() >= 1


def test_slides_picked_in_order_then_keys_and_escape(open_screen, page, wait_for_app):
    """The set-up dialog: two slides picked in the order wanted; Esc closes the dialog (the strip
    leaves the picture again), and only then leaves presenting mode."""
    open_screen("/present?year=2017")
    choose(page, wait_for_app)
    page.locator('.st-key-present_slides [role="combobox"]').click()
    page.get_by_role("option", name=re.compile(r"^5\. ")).click()
    wait_for_app(page)
    page.locator('.st-key-present_slides [role="combobox"]').click()
    page.get_by_role("option", name=re.compile(r"^2\. ")).click()
    wait_for_app(page)
    assert re.search(r"[?&]slides=5%2C2(&|$)|[?&]slides=5,2(&|$)", page.url)
    page.get_by_role("dialog").get_by_text("Choose the slides", exact=True).click()  # the list closes
    page.wait_for_timeout(300)
    assert page.get_by_role("dialog").is_visible()
    page.keyboard.press("Escape")  # the dialog: it closes, and presenting mode stays
    page.get_by_role("dialog").wait_for(state="detached")
    page.mouse.move(5, 5)
    page.wait_for_timeout(500)
    assert page.locator(STRIP).evaluate("e => getComputedStyle(e).opacity") == "0"
    assert re.search(r"/present\?", page.url)
    assert page.locator("h1").first.inner_text().startswith("Knives were reported")  # slide 5 of 2017
    page.keyboard.press("ArrowRight")
    settled(page, wait_for_app, 2)
    assert page.locator("h1").first.inner_text().startswith("Cuckooing was reported")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"^[^?]*/(\?.*)?$"), timeout=20_000)  # the national picture
