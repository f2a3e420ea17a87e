"""Every chart and map has a text alternative a screen reader can reach."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/cuckooing", "/maps?year=2017", "/force?force=Kent&year=2017"])
def test_every_chart_has_an_accessible_name(open_screen, path):
    page = open_screen(path)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    # Plotly's code arrives in its own chunk; on a busy machine the first chart can mount
    # after the script has finished.
    charts.first.wait_for(state="attached", timeout=30_000)
    assert charts.count() >= 1
    for index in range(charts.count()):
        chart = charts.nth(index)
        label = chart.get_attribute("aria-label") or ""
        assert chart.get_attribute("role") == "figure"
        # A sentence that states what the chart shows, not just a type of chart.
        assert len(label) > 40 and any(ch.isdigit() for ch in label), label
