"""A narrow window (800 px wide, a laptop's split screen or a tablet): the sidebar starts
closed, no word is broken in two ("Vulnerabl e"), and no box cuts its text (the year box
reading "201", a download button "Do..."). Checked on the National picture, a theme, the
Force profile and Maps, with every visible expander opened. URLs in code boxes (the force
profile's link) are left out: a link has no spaces to wrap at.
Screenshots: tests/screenshots/narrow_<screen>.png.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NARROW = {"width": 800, "height": 720}

# Every place a word's letters fall on two lines, and every input, button label or
# paragraph narrower than its own text.
BROKEN = r"""() => {
  // Text broken inside a word: two letters of one word on different lines, or a box that
  // cuts its own text (an input or button narrower than what it holds).
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest('pre, code, svg, script, style, .sr-only')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    let lastTop = null, lastWordChar = false;
    for (let i = 0; i < text.length; i++) {
      const isWord = /[\p{L}\p{N}]/u.test(text[i]);
      if (!isWord) { lastWordChar = false; lastTop = null; continue; }
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rects = range.getClientRects();
      if (!rects.length) { lastWordChar = false; continue; }
      const top = rects[0].top;
      if (lastWordChar && lastTop !== null && Math.abs(top - lastTop) > 4) {
        const start = Math.max(0, text.lastIndexOf(' ', i) + 1);
        const end = text.indexOf(' ', i);
        out.push('word broken: ' + text.slice(start, end < 0 ? undefined : end));
      }
      lastTop = top; lastWordChar = true;
    }
  }
  for (const el of main.querySelectorAll('input, button, button *, [data-testid="stMarkdownContainer"] p')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1) out.push('cut: ' + (el.value || el.textContent).slice(0, 60));
  }
  return out;
}"""


@pytest.mark.parametrize(
    "path",
    ["/?year=2017", "/exploitation?year=2017", "/force?force=Staffordshire&year=2017", "/maps?year=2017"],
    ids=["national", "theme", "force", "maps"],
)
def test_a_narrow_window_closes_the_sidebar_and_breaks_no_word(page, app_url, wait_for_app, screenshot, path):
    page.set_viewport_size(NARROW)
    page.goto(app_url + path, wait_until="domcontentloaded")
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.wait_for(state="attached")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stSidebar\"]').getAttribute('data-collapsed') === 'true'",
        timeout=10_000,
    )
    for summary in page.locator('[data-testid="stMain"] details summary').all():
        if summary.is_visible():
            summary.click()
    page.wait_for_timeout(1500)
    name = path.strip("/").split("?")[0] or "national"
    screenshot(page, f"narrow_{name}")
    assert page.evaluate(BROKEN) == []
    main = page.locator('[data-testid="stMain"]').bounding_box()
    assert main["width"] >= NARROW["width"] - 20  # the figures have the window's width


def test_a_wide_window_keeps_the_sidebar_open_after_a_narrow_one(page, app_url, wait_for_app):
    """Closing it for a narrow window is not stored as the reader's choice."""
    page.set_viewport_size(NARROW)
    page.goto(app_url + "/?year=2017", wait_until="domcontentloaded")
    wait_for_app(page)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stSidebar\"]').getAttribute('data-collapsed') === 'true'",
        timeout=10_000,
    )
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_url + "/?year=2017", wait_until="domcontentloaded")
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "false"
    assert page.locator('[data-testid="stSidebar"]').is_visible()
