"""Every registered screen in a real Chromium at 1280x720, served by a real Streamlit.

Each URL is loaded once per session (the `visit` fixture in conftest.py); the tests check
what that load recorded: errors, where every request went, horizontal scrolling and the
illustrative notice. Screenshots land in tests/screenshots/<screen>.png.
"""

from __future__ import annotations

import base64

import pytest

from countylines import ILLUSTRATIVE_NOTICE
from countylines.settings import ROOT

pytestmark = pytest.mark.browser

WIDTH = 1280
# Screens that show no figures, so need no illustrative notice: definitions and caveats,
# and the import screen (a form for files; it shows no figures until one is previewed).
NOT_DATA_SCREENS = {"about", "import"}
DEEP_LINKS = {
    "deeplink_national_2016": "/?year=2016",
    "deeplink_force_staffordshire_2017": "/force?force=Staffordshire&year=2017",
}


def _visit_screen(visit, screen):
    return visit(screen["url"], screen["name"])


# Every screen ---------------------------------------------------------------------------


def test_screen_loads_without_errors(visit, screen):
    seen = _visit_screen(visit, screen)
    assert not seen.exceptions, f"{screen['url']} shows an exception box: {seen.exceptions}"
    assert not seen.page_errors, f"{screen['url']} raised JavaScript errors: {seen.page_errors}"
    assert not seen.console_errors, f"{screen['url']} logged console errors: {seen.console_errors}"


def test_screen_requests_stay_on_this_machine(visit, screen):
    seen = _visit_screen(visit, screen)
    assert seen.requests, "no request was recorded at all: the recorder is broken"
    assert not seen.external, f"{screen['url']} requested URLs beyond localhost: {seen.external}"


def test_screen_has_no_horizontal_scroll_at_1280(visit, screen):
    widths = _visit_screen(visit, screen).widths
    assert widths["document_scroll"] <= WIDTH, f"{screen['url']} scrolls sideways: {widths}"
    assert widths["main_scroll"] is not None, "no [data-testid=stMain] element"
    assert widths["main_scroll"] <= widths["main_client"], f"{screen['url']} main area scrolls sideways: {widths}"


def test_data_screen_says_data_are_illustrative(visit, screen):
    if screen["url_path"] in NOT_DATA_SCREENS:
        pytest.skip(f"{screen['url']} shows no figures")
    seen = _visit_screen(visit, screen)
    assert seen.notice_visible, (
        f"{screen['url']} does not show '{ILLUSTRATIVE_NOTICE}' in its main area; it shows: "
        f"{seen.main_text[:300]!r}"
    )


def test_screen_passes_axe_wcag_aa(visit, screen):
    """axe-core finds no WCAG 2.2 A or AA violation in what the app draws (conftest.py)."""
    found = _visit_screen(visit, screen).accessibility
    assert found == [], "\n".join(found)


def test_screen_screenshot_saved(visit, screen):
    shot = _visit_screen(visit, screen).screenshot
    assert shot.is_file() and shot.stat().st_size > 10_000, f"screenshot {shot} missing or blank"


# Deep links -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", DEEP_LINKS)
def test_deep_link_loads_locally_without_errors(visit, name):
    path = DEEP_LINKS[name]
    seen = visit(path, name)
    assert not seen.external, f"{path} requested URLs beyond localhost: {seen.external}"
    assert not seen.exceptions, f"{path} shows an exception box: {seen.exceptions}"
    assert not seen.page_errors, f"{path} raised JavaScript errors: {seen.page_errors}"
    assert not seen.console_errors, f"{path} logged console errors: {seen.console_errors}"
    assert not seen.accessibility, "\n".join(seen.accessibility)


def test_deep_link_year_2016_shows_2016(visit):
    # 2016 in the illustrative set: Gwent and Lincolnshire made no return, so 41 of 43.
    seen = visit(DEEP_LINKS["deeplink_national_2016"], "deeplink_national_2016")
    assert "41 of 43" in seen.main_text, seen.main_text[:400]
    assert "Gwent" in seen.main_text and "Lincolnshire" in seen.main_text


def test_deep_link_force_shows_that_force(visit):
    seen = visit(DEEP_LINKS["deeplink_force_staffordshire_2017"], "deeplink_force_staffordshire_2017")
    assert "Staffordshire" in seen.main_text, seen.main_text[:400]


# Keyboard -------------------------------------------------------------------------------

DESCRIBE_FOCUS = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {text: 'body', selectbox: null, download: false};
  const box = el.closest('[data-testid="stSelectbox"]');
  const label = box ? (box.querySelector('label') || {}).innerText || '' : null;
  const tid = (el.closest('[data-testid]') || {}).getAttribute?.('data-testid') || '';
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || '').replace(/\s+/g, ' ').slice(0, 50);
  return {
    text: `${el.tagName.toLowerCase()}[${tid}] ${name}`.trim(),
    selectbox: label,
    download: !!el.closest('[data-testid="stDownloadButton"]'),
  };
}"""


def test_keyboard_reaches_year_and_download_on_national(open_screen, screenshot):
    page = open_screen("/")
    path: list[str] = []
    reached_year = reached_download = False
    for _ in range(80):
        page.keyboard.press("Tab")
        focus = page.evaluate(DESCRIBE_FOCUS)
        path.append(focus["text"])
        reached_year |= bool(focus["selectbox"]) and focus["selectbox"].strip().startswith("Year")
        reached_download |= focus["download"]
        if reached_year and reached_download:
            break
    screenshot(page, "keyboard_national")
    trail = "\n  ".join(path)
    print(f"Focus after each Tab on /:\n  {trail}")  # shown with -s, or when the test fails
    assert reached_year, f"Tab never reached the Year select box. Focus went:\n  {trail}"
    assert reached_download, f"Tab never reached a download button. Focus went:\n  {trail}"


def test_glossary_terms_open_by_keyboard_and_a_search_opens_what_it_finds(open_screen, screenshot):
    """About's terms are native disclosure widgets in one element: Tab reaches each title,
    Enter opens it, and a search shows only the terms found, already open."""
    page = open_screen("/about")
    terms = page.locator("details.cl-disclosure")
    terms.first.wait_for(state="visible", timeout=30_000)
    every = terms.count()
    assert every > 10
    assert not any(terms.nth(i).evaluate("d => d.open") for i in range(every))
    page.get_by_label("Find a word", exact=True).focus()
    for _ in range(every + 5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Cuckooing":
            break
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY", "Tab never reached a term"
    page.keyboard.press("Enter")
    cuckooing = page.locator("details.cl-disclosure", has_text="Cuckooing").first
    assert cuckooing.evaluate("d => d.open")
    assert "takes over the home of a vulnerable person" in cuckooing.inner_text()
    screenshot(page, "about_glossary_keyboard")
    page.get_by_label("Find a word", exact=True).fill("plugging")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('details.cl-disclosure').length < 5", timeout=30_000)
    found = page.locator("details.cl-disclosure")
    assert found.count() >= 1 and all(found.nth(i).evaluate("d => d.open") for i in range(found.count()))
    assert "Plugging" in found.first.inner_text()


def test_abouts_contents_line_leads_to_each_section_below_the_header(open_screen):
    """Each link of About's "On this page" line names a section heading on the page (the
    headings are written into their Markdown, which Streamlit gives an anchor from its words),
    and following one puts that heading in view, clear of the header bar."""
    page = open_screen("/about")
    contents = page.locator('[data-testid="stMain"] p', has_text="On this page:").locator("a")
    targets = [contents.nth(i).get_attribute("href") for i in range(contents.count())]
    assert len(targets) == 6
    headings = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('h3')].map(h => [h.id, h.innerText]))"
    )
    assert [headings.get(target[1:]) for target in targets] == [
        "Words used on this dashboard",
        "Where the figures come from",
        "How the figures are made",
        "Limitations: the NCA reports' own caveats",
        "Where the printed report and the figures here differ",
        "Updates, revisions and contact",
    ]
    contents.nth(3).click()
    heading = page.locator("h3", has_text="Limitations: the NCA reports' own caveats")
    page.wait_for_function("location.hash === '#limitations-the-nca-reports-own-caveats'")
    page.wait_for_timeout(500)
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    header = page.locator('[data-testid="stHeader"]').bounding_box()["height"]
    assert header <= top < 720 / 2, (header, top)  # the header bar is at the top of the window


def test_national_answers_in_the_first_screen(open_screen):
    """At 1280x720 the finding, the first key figure and the first chart start above the fold."""
    page = open_screen("/?year=2017")
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(state="visible", timeout=30_000)
    finding = page.locator('[data-testid="stMain"] h1').first.bounding_box()
    figure = page.locator(".cl-figure").first.bounding_box()
    chart = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
    assert finding["y"] + finding["height"] < 720
    # The screen's name line above the finding shows: not under Streamlit's header bar.
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    name = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    assert name.inner_text().strip() == "National picture"
    assert name.bounding_box()["y"] >= header["y"] + header["height"] - 1, (name.bounding_box(), header)
    assert figure["y"] + figure["height"] < 720, figure
    assert chart["y"] < 720, f"the first chart starts {chart['y']:.0f} px down, below a 720 px screen"


def test_the_tab_shows_the_dashboards_own_icon_from_the_page_itself(open_screen):
    """The favicon is static/favicon.png written into the page (no request, no CDN, no file
    registered with the media store on every run)."""
    page = open_screen("/")
    icon = "document.querySelector('link[rel~=\"icon\"]')"
    page.wait_for_function(f"{icon}?.href.startsWith('data:')", timeout=30_000)
    href = page.evaluate(f"{icon}.href")
    assert href.startswith("data:image/png;base64,")
    assert base64.b64decode(href.split(",", 1)[1]) == (ROOT / "static" / "favicon.png").read_bytes()
