"""Uploaded text is never rendered as markup, in Chromium.

Markdown images and links, HTML, bare URLs and data:/file: links are put in every text a
user gives: the file name, force cells (problems list), a template row's force (warnings
box), notes, and the analyst's name recorded by the command line (COUNTYLINES_USER). Then
the Import screen, About and every registered screen are visited: no <img>, <a>, <iframe>
or other element points at those targets, and no request leaves localhost.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from conftest import store_env

from countylines import catalogue
from tests.browser.conftest import ROOT, SCREENS, streamlit_server

pytestmark = pytest.mark.browser

# "/" cannot be in a file name, so the file name's links use scheme-relative-free forms.
FILE_NAME = "![px](https:evil.example) [a](http:evil.example) <img src=https:evil.example> www.evil.example.csv"
HOSTILE = (
    "![px](http://evil.example/px.png) [a](http://evil.example) <img src=http://evil.example/x> "
    "http://evil.example/bare www.evil.example [d](data:text/html,<b>x</b>) [f](file:///etc/passwd) "
    "<a href=http://evil.example>h</a> mail@evil.example"
)
# Element attributes that would fetch or link: none may point at these.
FIND_MARKUP = """() => {
  const found = [];
  for (const el of document.querySelectorAll('img, a, iframe, video, audio, source, link, object, embed, image')) {
    for (const name of ['src', 'href', 'data', 'srcset', 'xlink:href']) {
      const value = el.getAttribute(name) || '';
      if (/evil\\.example|^data:text|^file:|^mailto:/i.test(value)) {
        found.push(el.tagName + ' ' + name + '=' + value);
      }
    }
  }
  return found;
}"""


def _csv(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _returns(year: int, bad: bool) -> str:
    """Three forces' returns for year with HOSTILE in notes, and a template row whose force is
    HOSTILE (a warning); with bad, a row whose force is HOSTILE and answered (a problem)."""
    names = catalogue.forces()["name"].tolist()
    rows = [["year", "force", "cuckooing", "knives", "notes"]]
    rows += [[str(year), name, "yes", "no", HOSTILE] for name in names[:3]]
    rows.append(["", HOSTILE, "", "", ""])
    if bad:
        rows.append([str(year), HOSTILE, "yes", "no", HOSTILE])
    return _csv(rows)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """A server whose 2016 was imported by the command line as a user named HOSTILE from a
    file named FILE_NAME: About's table and the history show both."""
    folder = tmp_path_factory.mktemp("hostile_text")
    path = folder / FILE_NAME
    path.write_text(_returns(2016, bad=False), encoding="utf-8")
    env = store_env(folder / "store", COUNTYLINES_USER=HOSTILE)
    done = subprocess.run(
        [sys.executable, "-m", "countylines", "import", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    with streamlit_server(folder) as url:
        yield url


def _text(page) -> str:
    """What the main area says, without the invisible word joiners plain text carries."""
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")


def _no_markup(page, where: str) -> None:
    found = page.evaluate(FIND_MARKUP)
    assert found == [], f"{where}: {found}"


def test_no_user_text_renders_as_markup_anywhere(page, hostile_url, wait_for_app, tmp_path):
    page.goto(hostile_url + "/import", wait_until="domcontentloaded")
    wait_for_app(page)
    upload = page.locator('input[type="file"]').first

    bad = tmp_path / "bad" / FILE_NAME
    bad.parent.mkdir()
    bad.write_text(_returns(2017, bad=True), encoding="utf-8")
    upload.set_input_files(str(bad))
    page.get_by_text("Nothing will be imported").wait_for(timeout=30_000)
    wait_for_app(page)
    main = _text(page)
    assert "![px](http://evil.example/px.png)" in main  # shown as typed, in the problems list
    _no_markup(page, "import: problems")

    good = tmp_path / "good" / FILE_NAME
    good.parent.mkdir()
    good.write_text(_returns(2017, bad=False), encoding="utf-8")
    upload.set_input_files(str(good))
    page.get_by_text("things to check").first.wait_for(timeout=30_000)
    wait_for_app(page)
    _no_markup(page, "import: warnings and preview")
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Imported returns for 2017").wait_for(timeout=30_000)
    wait_for_app(page)
    main = _text(page)
    assert f"Download {FILE_NAME} as imported" in main  # the kept file's label, as typed
    _no_markup(page, "import: outcome, log and kept files")

    for screen in SCREENS:
        for year in ("2016", "2017"):
            page.goto(f"{hostile_url}{screen['url']}?year={year}", wait_until="domcontentloaded")
            wait_for_app(page)
            _no_markup(page, f"{screen['name']} {year}")
            if screen["name"] == "about" and year == "2016":
                about = _text(page)
                assert "www.evil.example.csv" in about and "mail@evil.example" in about
    assert page.recorder.external_requests() == []
