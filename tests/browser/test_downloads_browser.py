"""Downloads as a member gets them in Chromium: the chart image carries its own source and
the illustrative notice, the table carries them too, and nothing is fetched from outside."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from countylines import ILLUSTRATIVE_NOTICE

pytestmark = pytest.mark.browser


def test_chart_png_and_excel_from_the_cuckooing_screen(download_page, app_url, wait_for_app, tmp_path):
    page = download_page
    page.goto(app_url + "/cuckooing?year=2017", wait_until="domcontentloaded")
    wait_for_app(page)
    # The chart's own toolbar offers no unlabelled image.
    page.locator('[data-testid="stPlotlyChart"]').first.hover()
    assert page.locator('.modebar-btn[data-title^="Download plot"]').count() == 0

    with page.expect_download(timeout=90_000) as got:
        page.get_by_role("button", name="Download chart (PNG)").first.click()
    image = tmp_path / got.value.suggested_filename
    got.value.save_as(image)
    data = image.read_bytes()
    assert image.suffix == ".png" and data.startswith(b"\x89PNG")
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1280, 720)

    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="Download Excel").first.click()
    book = load_workbook(io.BytesIO(got.value.path().read_bytes()))
    about = {row[0]: row[1] for row in book["about"].iter_rows(values_only=True)}
    assert about["Status"] == ILLUSTRATIVE_NOTICE
    assert about["Base"].startswith("Base: 43 force returns, 2017")
    assert page.recorder.external_requests() == []


def test_a_2016_table_download_names_the_forces_with_no_return(download_page, app_url, wait_for_app):
    # The embedded default's 2016: 41 returns, none from Gwent or Lincolnshire.
    page = download_page
    page.goto(app_url + "/?year=2016", wait_until="domcontentloaded")
    wait_for_app(page)
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="Download CSV").first.click()
    text = got.value.path().read_bytes().decode("utf-8-sig")
    assert "No 2016 return from Gwent and Lincolnshire: outside every 2016 base." in text
    assert ILLUSTRATIVE_NOTICE in text


def test_png_excel_and_csv_clicked_in_quick_succession_all_arrive(download_page, app_url, wait_for_app):
    """A click on a download must not rerun the screen: a rerun replaced the deferred PNG's
    file id, so a PNG clicked within a second of an Excel was lost ("MediaFileStorageError:
    Deferred file ... not found" in the server log)."""
    page = download_page
    page.goto(app_url + "/cuckooing?year=2017", wait_until="domcontentloaded")
    wait_for_app(page)
    arrived = []
    page.on("download", lambda download: arrived.append(download))
    for first, second in (("Download Excel", "Download chart (PNG)"), ("Download CSV", "Download chart (PNG)")):
        arrived.clear()
        page.get_by_role("button", name=first).first.click()
        page.get_by_role("button", name=second).first.click()  # at once, as an impatient member would
        for _ in range(300):
            if len(arrived) >= 2:
                break
            page.wait_for_timeout(200)
        names = sorted(download.suggested_filename for download in arrived)
        assert len(names) == 2, (first, second, names)
        png = next(d for d in arrived if d.suggested_filename.endswith(".png"))
        assert png.path().read_bytes().startswith(b"\x89PNG")
        other = next(d for d in arrived if not d.suggested_filename.endswith(".png"))
        assert other.path().stat().st_size > 500
        # Bars and trend of one screen, and each year, have names of their own, with no markup.
        assert names[0].startswith("cuckooing_bars_2017_") and "_br_" not in "".join(names)
    assert page.recorder.external_requests() == []


def test_the_import_screens_files_are_read_when_clicked_and_arrive_byte_for_byte(
    download_page, app_url, wait_for_app
):
    """The templates and the kept files are read when their button is clicked (deferred), not
    every rerun: in Chromium each arrives exactly as the file on the disk."""
    from countylines.ingest.default import ILLUSTRATIVE_FOLDER
    from countylines.settings import DATA_DIR

    page = download_page
    page.goto(app_url + "/import", wait_until="domcontentloaded")
    wait_for_app(page)
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="Returns template (CSV)").click()
    assert got.value.suggested_filename == "returns_template.csv"
    assert got.value.path().read_bytes() == (DATA_DIR / "templates" / "returns_template.csv").read_bytes()
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="as imported (the original file)").click()
    name = got.value.suggested_filename
    assert name in ("flows.csv", "returns.csv")  # the embedded default's two files
    assert got.value.path().read_bytes() == (ILLUSTRATIVE_FOLDER / name).read_bytes()
    assert page.recorder.external_requests() == []
