"""The Maps screen in Debian's Chromium with no internet: the force areas and flows are drawn
as SVG shapes, nothing is fetched beyond this machine, and the page load stays under 1 MB.

Screenshots land in tests/screenshots/maps_*.png; look at them (England and Wales must be
recognisable, arrows and labels readable at 1280x720).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MEGABYTE = 1_000_000
PLOT = ".js-plotly-plot"


class SocketBytes:
    """Bytes the page receives over Streamlit's websocket (where the figures travel)."""

    def __init__(self, page):
        self.received = 0
        page.on("websocket", self._watch)

    def _watch(self, socket):
        socket.on("framereceived", self._count)

    def _count(self, payload):
        self.received += len(payload)


def _open_map(page, open_screen, app_url, path: str) -> SocketBytes:
    # A Streamlit server that has not yet run dashboard.py serves /maps as an old-style
    # pages/ app (no navigation, no shared styles); open the root once so the screenshot
    # shows the dashboard as users normally see it. Reported to the project lead.
    page.goto(app_url + "/", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    sizes = SocketBytes(page)
    open_screen(path)
    page.wait_for_selector(f"{PLOT} .main-svg", timeout=30_000)
    return sizes


def _show_map(page) -> None:
    """Scrolls so the whole map is on a 1280x720 screen, below Streamlit's header."""
    page.locator(PLOT).first.evaluate("plot => plot.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)


@pytest.mark.parametrize(
    ("path", "name"),
    [("/maps?year=2017", "maps_2017"), ("/maps?year=2016&force=Norfolk", "maps_2016_norfolk")],
)
def test_map_draws_offline_and_loads_under_a_megabyte(page, open_screen, app_url, screenshot, path, name):
    sizes = _open_map(page, open_screen, app_url, path)
    recorder = page.recorder

    # The 43 force areas are filled SVG paths in the plot, and the flows are more paths on top.
    paths = page.locator(f"{PLOT} path").count()
    assert paths > 43, f"only {paths} SVG paths in the map"
    fills = page.locator(f"{PLOT} .scatterlayer path.js-fill").count()
    assert fills >= 1, "no filled force areas drawn"

    assert recorder.requests, "no request was recorded at all: the recorder is broken"
    assert not recorder.external_requests(), f"requests beyond this machine: {recorder.external_requests()}"
    assert not recorder.page_errors, recorder.page_errors
    assert not recorder.console_errors, recorder.console_errors
    assert 50_000 < sizes.received < MEGABYTE, f"{sizes.received} bytes over the websocket"
    assert not page.locator('[data-testid="stException"]').count()

    _show_map(page)
    shot = screenshot(page, name)
    assert shot.stat().st_size > 20_000


def test_2017_flow_map_names_the_exporting_hubs(page, open_screen, app_url):
    _open_map(page, open_screen, app_url, "/maps?year=2017")
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text("Metropolitan Police: exporting hub for lines into 65% of forces (28)").count() == 1
    assert main.get_by_text("Merseyside: 42% of forces (18)").count() == 1
    # The top exporters are labelled on the map itself, in the SVG text.
    labels = page.locator(f"{PLOT} .textpoint text").all_text_contents()
    assert "Metropolitan Police" in labels and "Merseyside" in labels


def _away_from_anchor(code: str) -> tuple[float, float]:
    """A point well inside a force's area, 25 km or more from its anchor (no marker there)."""
    import shapely

    from countylines.draw.maps.boundaries import load_force_areas

    area = load_force_areas().set_index("code").loc[code]
    inner = area.geometry.buffer(-8_000)
    anchor = shapely.Point(area.anchor_x, area.anchor_y)
    minx, miny, maxx, maxy = inner.bounds
    for step in range(400):
        point = shapely.Point(minx + (maxx - minx) * ((step * 37) % 400) / 400, miny + (maxy - miny) * step / 400)
        if inner.contains(point) and point.distance(anchor) > 25_000:
            return point.x, point.y
    raise AssertionError(f"no point found in {code}")


TO_PIXELS = """([x, y]) => {
  const plot = document.querySelector('.js-plotly-plot');
  const layout = plot._fullLayout, box = plot.getBoundingClientRect();
  return [box.left + layout._size.l + layout.xaxis.l2p(x), box.top + layout._size.t + layout.yaxis.l2p(y)];
}"""


def test_a_force_area_names_itself_on_hover(page, open_screen, app_url):
    # Norfolk's flows: none crosses the north-west or Wales, so no arrow takes the hover there.
    _open_map(page, open_screen, app_url, "/maps?year=2017&force=Norfolk")
    _show_map(page)
    for code, name in (("E23000002", "Cumbria"), ("W15000004", "Dyfed-Powys")):
        x, y = page.evaluate(TO_PIXELS, list(_away_from_anchor(code)))
        page.mouse.move(x, y)
        page.wait_for_timeout(400)
        hover = " ".join(page.locator(f"{PLOT} .hoverlayer").all_text_contents())
        assert name in hover, (name, hover)
