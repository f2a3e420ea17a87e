"""The first real year, walked in Chromium as a new user would: the shipped database, then a real
(not illustrative) 2018 returns file imported with the command line before the server starts,
with no flows file and no cannabis column (tests/fixtures/returns_2018_real.csv).

Worked by hand from the fixture: 5 returns (Norfolk, Kent, Staffordshire, Merseyside, Gwent),
38 forces with none; knives 5 of 5 = 100%, county lines activity 4 of 5 = 80%, cuckooing 3 of
5 = 60%. The shipped 2016 and 2017 are the demonstration set, with flows; 2018 has none. In
the demonstration 2016, Gwent and Lincolnshire made no return.

Every screen is asserted on what it shows: no change between the invented 2017 and the real
2018 is stated, cannabis's absence is said where it would be missed, no map of lines claims
that none were found in 2018. Screenshots: tests/screenshots/real_2018_*.png.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from conftest import store_env
from openpyxl import load_workbook
from pptx import Presentation

from tests.browser.conftest import ROOT, streamlit_server

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "returns_2018_real.csv"
THEMES = {
    "Scope and scale": "scope",
    "Drugs": "drugs",
    "Violence and weapons": "violence",
    "Cuckooing and premises": "cuckooing",
    "Exploitation": "exploitation",
    "Transport": "transport",
    "Business model": "business_model",
}
MAP_KINDS = {
    "Flows: who sends lines where": "flows",
    "Importers: forces lines come from": "importers",
    "Exporters: forces lines go to": "exporters",
    "Change between two years": "change",
}
WITHHELD = "No change from 2017 shown: 2017 is the demonstration set"
NOT_ASKED = "Not asked in 2018: cannabis (asked in 2016 and 2017)."
NO_FLOWS = "No flows file has been imported for 2018"
INVENTED = "Illustrative data, not real force returns"


@pytest.fixture(scope="module")
def real_2018_url(tmp_path_factory):
    """A server on the shipped database after the analyst's command-line import of 2018."""
    folder = tmp_path_factory.mktemp("real_2018")
    env = store_env(folder / "store")  # the folder streamlit_server(folder) serves

    def cli(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "countylines", *args]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    first = cli("status")  # a first start builds the shipped illustrative 2016 and 2017
    assert first.returncode == 0, first.stderr
    done = cli("import", str(FIXTURE))
    assert done.returncode == 0, done.stderr
    # Said before anything was written.
    assert "the file has no column for 1 question asked in 2017: cannabis" in done.stderr
    with streamlit_server(folder) as url:
        yield url


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def visit(page, url, wait_for_app, path: str) -> str:
    page.goto(url + path, wait_until="domcontentloaded")
    wait_for_app(page)
    assert not page.locator('[data-testid="stException"]').count(), path
    return main_text(page)


def choose(page, label: str, option: str, wait_for_app, shows: str) -> None:
    """Picks an option in the select box labelled ``label``, as a reader does, and waits for the
    rerun it causes: until the URL ``shows`` the choice (the screen writes it while it runs)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option)  # typing filters the list, as a reader finds a force among 43
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_url(re.compile(rf"[?&]{shows}(&|$)"), timeout=30_000)
    wait_for_app(page)


def sidebar(page, title: str, path: str, wait_for_app) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    page.wait_for_url(re.compile(rf"/{path}(\?|$)"), timeout=30_000)
    wait_for_app(page)


def test_national_themes_and_profile_say_what_2018_stands_on(
    download_page, real_2018_url, wait_for_app, screenshot
):
    page = download_page
    text = visit(page, real_2018_url, wait_for_app, "/")
    assert "Knives were reported by 100% of forces (5) in 2018" in text
    assert text.count(WITHHELD) == 8  # each headline card says why it has no change
    assert "since 2017" not in text and "Biggest rise" not in text
    assert NOT_ASKED in text and "Show all 38 questions asked in 2018" in text
    assert INVENTED not in text  # 2018 is real
    screenshot(page, "real_2018_national")
    # The national table, downloaded: real, 5 returns, every missing force named.
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="Download Excel").first.click()
    book = load_workbook(io.BytesIO(got.value.path().read_bytes()))
    about = {r[0]: r[1] for r in book["about"].iter_rows(values_only=True)}
    assert about["Status"] == "Management information, not official statistics"
    assert about["Base"].startswith("Base: 5 force returns, 2018")
    assert "No 2018 return from Avon and Somerset, Bedfordshire," in about["Notes"]

    # Every theme, through the sidebar as a member moves (each opens on 2018, the newest year).
    for title, path in THEMES.items():
        sidebar(page, title, path, wait_for_app)
        text = main_text(page)
        assert re.search(r"[?&]year=2018\b", page.url), page.url
        assert "Biggest change" not in text, title  # no change across the demonstration years and 2018
        assert (
            "No change across years is given: 2016 and 2017 are the demonstration set, 2018 real returns" in text
        )
        assert "2016 and 2017 are the demonstration set (invented) and 2018 real returns" in text
        assert (NOT_ASKED in text) == (title == "Drugs"), title  # named where cannabis would be missed
    sidebar(page, "Drugs", "drugs", wait_for_app)
    assert "powder cocaine and cannabis together" in main_text(page)
    page.get_by_text(
        "Percentage of force returns answering yes, England and Wales, 2016 to 2018"
    ).scroll_into_view_if_needed()
    screenshot(page, "real_2018_drugs_trend")
    # The trend table, downloaded: each year's status, each year's missing forces.
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="Download CSV").last.click()
    csv_text = got.value.path().read_bytes().decode("utf-8-sig")
    assert f"2016 and 2017: {INVENTED}; 2018: Management information, not official statistics" in csv_text
    assert "No 2016 return from Gwent and Lincolnshire: outside every 2016 base." in csv_text
    assert "No 2018 return from Avon and Somerset" in csv_text
    assert "Illustrative (invented)" in csv_text and "Real force returns" in csv_text

    sidebar(page, "Force profile", "force", wait_for_app)
    choose(page, "Force", "Norfolk", wait_for_app, "force=Norfolk")
    text = main_text(page)
    assert "In 2018 Norfolk answered yes to 23 of the 38 questions" in text
    assert NOT_ASKED in text and NO_FLOWS in text
    assert "No lines into or out of Norfolk are recorded" not in text
    screenshot(page, "real_2018_profile")
    assert page.recorder.external_requests() == []


def test_every_map_says_what_2018_holds(download_page, real_2018_url, wait_for_app, screenshot):
    page = download_page
    visit(page, real_2018_url, wait_for_app, "/maps")
    assert re.search(r"[?&]year=2017\b", page.url)  # the latest year with flows
    choose(page, "Year", "2018", wait_for_app, "year=2018")  # on the flow map, the first kind
    for n, (kind, shows) in enumerate(MAP_KINDS.items()):
        if n:
            choose(page, "Map", kind, wait_for_app, f"map={shows}")
        text = main_text(page)
        assert f"{NO_FLOWS}, so which forces send county lines into which is not known for 2018" in text, kind
        assert "were recorded for 2018" not in text and "rose in" not in text
        assert page.locator(".js-plotly-plot").count() == 0, kind
    screenshot(page, "real_2018_maps_no_flows")
    choose(page, "Map", "A question, by each force's answer", wait_for_app, "map=question")
    choose(page, "Question", "Cannabis", wait_for_app, "question=cannabis")
    assert NOT_ASKED in main_text(page) and page.locator(".js-plotly-plot").count() == 0
    choose(page, "Question", "Cuckooing", wait_for_app, "question=cuckooing")
    assert "Yes 3 · Possible (unconfirmed) 0 · No 2 · Not known 0 · No return 38" in main_text(page)
    choose(page, "Year", "2017", wait_for_app, "year=2017")
    choose(page, "Map", "Change between two years", wait_for_app, "map=change")
    assert "Not scored: Gwent and Lincolnshire (no return in 2016)" in main_text(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.locator(".js-plotly-plot").first.evaluate("plot => plot.scrollIntoView({block: 'center'})")
    screenshot(page, "real_2018_change_map")
    # Only 2016 is offered to compare with (2018 holds no flows): tests/test_first_real_year.py.
    # The change table, downloaded: Gwent and Lincolnshire not scored, and named in its notes.
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="Download CSV").first.click()
    csv_text = got.value.path().read_bytes().decode("utf-8-sig")
    assert "Not scored because" in csv_text and "no return in 2016" in csv_text
    assert "No 2016 return from Gwent and Lincolnshire: outside every 2016 base." in csv_text
    assert "not scored: Gwent and Lincolnshire (no return in 2016)" in csv_text
    assert page.recorder.external_requests() == []


def test_present_and_the_slide_pack_for_2018(download_page, real_2018_url, wait_for_app, screenshot):
    page = download_page
    # By hand: six question slides (all six asked in 2018), then no flows (7), the withheld
    # change on 2017 (8) and the returns (9); no exporting-hub slides, as no flows are held.
    text = visit(page, real_2018_url, wait_for_app, "/present?year=2018&slide=7")
    slide_box = page.locator("nav.cl-strip select")  # the presenter's strip
    assert slide_box.evaluate("box => box.selectedOptions[0].text") == "Slide 7 of 9"
    assert NO_FLOWS in text
    assert "It is not that no lines were found" in text
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"[?&]slide=8(&|$)"), timeout=30_000)
    wait_for_app(page)
    text = main_text(page)
    assert "No change since 2017 is shown" in text
    assert "the 2017 returns are the demonstration set (invented) and the 2018 returns are real" in text
    screenshot(page, "real_2018_present_withheld")
    page.locator("nav.cl-strip").hover()  # the presenter's strip, out of the picture until then
    page.get_by_role("button", name="Choose slides").click()  # the set-up dialog
    page.get_by_role("button", name="Prepare slides").click()
    page.get_by_role("button", name="PowerPoint", exact=True).wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as got:
        page.get_by_role("button", name="PowerPoint", exact=True).click()
    deck = Presentation(io.BytesIO(got.value.path().read_bytes()))
    slides = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    text = "\n".join(slides)
    assert "No change since 2017 is shown" in text
    assert "the 2017 returns are the demonstration set (invented) and the 2018 returns are real" in text
    assert NO_FLOWS in text and "Biggest rise" not in text and "since 2017:" not in text
    assert "Not asked in 2018: cannabis" in text
    assert "County lines activity was reported by 80% of forces in 2018" in text
    assert INVENTED not in text  # no illustrative band on a deck of real 2018 returns
    assert page.recorder.external_requests() == []


def test_the_selection_follows_the_reader_and_present_returns_there(page, real_2018_url, wait_for_app):
    visit(page, real_2018_url, wait_for_app, "/")
    choose(page, "Year", "2016", wait_for_app, "year=2016")
    sidebar(page, "Force profile", "force", wait_for_app)
    assert "/force" in page.url and re.search(r"[?&]year=2016\b", page.url), page.url
    assert "In 2016 " in main_text(page)
    choose(page, "Force", "Norfolk", wait_for_app, "force=Norfolk")
    sidebar(page, "Maps", "maps", wait_for_app)
    assert re.search(r"[?&]year=2016\b", page.url) and re.search(r"[?&]force=Norfolk\b", page.url), page.url
    assert "Norfolk, 2016" in main_text(page)
    sidebar(page, "Present", "present", wait_for_app)
    assert re.search(r"[?&]year=2016\b", page.url), page.url
    page.locator('[data-testid="stMain"] h1').first.click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"/maps\?"), timeout=15_000)
    wait_for_app(page)
    assert re.search(r"[?&]year=2016\b", page.url) and re.search(r"[?&]force=Norfolk\b", page.url), page.url
    assert page.locator('[data-testid="stSidebar"]').is_visible()
