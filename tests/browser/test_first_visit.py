"""A shared link opened first on a freshly started server shows the real screen.

Streamlit serves that first visit straight from pages/ (its old folder navigation),
without dashboard.py; ui.through_dashboard() reruns it through the router.
"""

import pytest

pytestmark = pytest.mark.browser


def test_deep_link_as_first_visit_after_restart(page, fresh_app_url, wait_for_app):
    page.goto(fresh_app_url + "/maps?year=2016&force=Norfolk", wait_until="domcontentloaded")
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "National picture" in sidebar and "Definitions and about the data" in sidebar
    assert "dashboard" not in sidebar.split()  # the folder navigation's own entry
    assert page.get_by_text("Page not found").count() == 0
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Norfolk" in main and "2016" in main
    assert page.recorder.external_requests() == []
