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
