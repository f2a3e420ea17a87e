"""An analyst's import, in Chromium, on a server of its own (its database is changed):
a bad file is listed problem by problem and changes nothing; a good file that replaces a
held year says so first, and after Import every screen shows the new returns.

Hand-made expectations: the embedded default holds 43 returns for 2017 (cuckooing 33 of
43 = 77%). The replacement below has 3 forces, 2 answering yes to cuckooing: 2 of 3 =
66.7 %, rounded half up to 67%, and 40 forces then have no return for 2017.
"""

import pytest

from countylines import ILLUSTRATIVE_NOTICE

pytestmark = pytest.mark.browser

BAD = "year,force,cuckooing,knivez\n2017,Norfolk,yes,no\n2017,Avon and Somerest,maybe,\n"
GOOD = "year,force,cuckooing,knives\n2017,Norfolk,yes,no\n2017,Kent,no,possible\n2017,Essex,yes,yes\n"


def _upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.locator('input[type="file"]').first.set_input_files(str(path))


def test_bad_file_then_good_file_then_import(page, fresh_app_url, wait_for_app, screenshot, tmp_path):
    page.goto(fresh_app_url + "/import", wait_until="domcontentloaded")
    wait_for_app(page)

    _upload(page, tmp_path, "returns_bad.csv", BAD)
    page.get_by_text("Nothing will be imported: 3 problems found").wait_for(timeout=30_000)
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    assert "row 3, column 'force': 'Avon and Somerest' is not a force" in text
    assert "did you mean 'Avon and Somerset'?" in text
    assert "did you mean 'knives'?" in text
    assert page.get_by_role("button", name="Import", exact=True).count() == 0
    screenshot(page, "import_bad_file")

    _upload(page, tmp_path, "returns_2017.csv", GOOD)
    page.get_by_text("The files passed every check.").wait_for(timeout=30_000)
    wait_for_app(page)
    assert "the 43 force returns held now are replaced by this file's 3" in main.inner_text()
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Imported returns for 2017").wait_for(timeout=30_000)
    wait_for_app(page)
    screenshot(page, "import_done")

    page.goto(fresh_app_url + "/?year=2017", wait_until="domcontentloaded")
    wait_for_app(page)
    national = page.locator('[data-testid="stMain"]').inner_text()
    assert "3 of 43 expected force returns received for 2017" in national
    assert "67%" in national and "of forces (2)" in national
    # The 2017 returns are now real; the 2017 flows are still the demo set, and the screen
    # says exactly that rather than calling everything invented.
    assert f"{ILLUSTRATIVE_NOTICE}: the 2017 flows." in national
    assert "The 2017 force returns were imported as real" in national
    assert "No force's answers here are real" not in national
    assert page.recorder.external_requests() == []
