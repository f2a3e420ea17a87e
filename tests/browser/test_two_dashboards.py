"""Two dashboard processes on one data folder, in Chromium: the command line imports a year
while both serve, and both show it at their next rerun with no restart; a restore from the
command line brings the old figures back in both.

Hand-made expectations: the embedded default holds 43 returns for 2017, county lines activity
38 of 43 = 88.4%, so 88%. The imported file has 3 forces for 2017 and does not ask about
activity; 2 of its 3 answer yes to cuckooing: 2 of 3 = 66.7%, so 67%.
"""

import subprocess
import sys

import pytest
from conftest import store_env

from browser.conftest import ROOT, streamlit_servers

pytestmark = pytest.mark.browser

GOOD = "year,force,cuckooing,knives\n2017,Norfolk,yes,no\n2017,Kent,no,possible\n2017,Essex,yes,yes\n"


def cli(folder, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "countylines", *args],
        cwd=ROOT,
        env=store_env(folder, COUNTYLINES_USER="c.analyst"),
        capture_output=True,
        text=True,
        timeout=120,
    )


def national_2017(page, url, wait_for_app) -> str:
    page.goto(url + "/?year=2017", wait_until="domcontentloaded")
    wait_for_app(page)
    return page.locator('[data-testid="stMain"]').inner_text()


def rerun(page, wait_for_app) -> str:
    """The same session runs the screen again (Streamlit's "R" rerun), without a reload."""
    page.locator('[data-testid="stMain"] h1').first.click()
    page.keyboard.press("r")
    page.wait_for_timeout(500)
    wait_for_app(page)
    return page.locator('[data-testid="stMain"]').inner_text()


def test_two_dashboards_show_an_import_and_a_restore_without_restarting(browser, wait_for_app, tmp_path):
    folder = tmp_path / "store"
    first = cli(folder, "status")  # the first snapshot, made before either server starts
    assert first.returncode == 0, first.stderr
    with streamlit_servers(tmp_path, 2, env={"COUNTYLINES_DATA": str(folder)}) as urls:
        pages = [browser.new_context(viewport={"width": 1280, "height": 720}).new_page() for _ in urls]
        for page, url in zip(pages, urls, strict=True):
            shown = national_2017(page, url, wait_for_app)
            assert "43 of 43 expected force returns received for 2017" in shown
            assert "88% of forces (38)" in shown

        returns = tmp_path / "returns_2017.csv"
        returns.write_text(GOOD, encoding="utf-8")
        # With both serving: a check, the read commands, then the import itself.
        checked = cli(folder, "import", str(returns), "--check-only")
        assert checked.returncode == 0, checked.stderr
        assert "The files passed every check. Nothing was written (--check-only)." in checked.stdout
        for command in (("status",), ("history",), ("figures", "--year", "2017")):
            assert cli(folder, *command).returncode == 0, command
        done = cli(folder, "import", str(returns))
        assert done.returncode == 0, done.stderr
        assert "Published as snapshot 2." in done.stdout

        for page, url in zip(pages, urls, strict=True):
            shown = rerun(page, wait_for_app)  # the session that was open, at its next rerun
            assert "3 of 43 expected force returns received for 2017" in shown, url
            assert "67%" in shown and "of forces (2)" in shown
            fresh = national_2017(page, url, wait_for_app)  # and a new session
            assert "3 of 43 expected force returns received for 2017" in fresh, url

        restored = cli(folder, "restore", "1")
        assert restored.returncode == 0, restored.stderr
        assert "Restored snapshot 1 as snapshot 3" in restored.stdout

        for page, url in zip(pages, urls, strict=True):
            shown = rerun(page, wait_for_app)
            assert "43 of 43 expected force returns received for 2017" in shown, url
            assert "88% of forces (38)" in shown
        for page in pages:
            page.context.close()
