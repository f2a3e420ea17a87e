"""AppTest of the national picture and the seven theme screens on the embedded default.

Expected figures come from the NCA 2017 report the default reproduces (cuckooing 33 of
43 = 77%, heroin 34 = 79%, knives 35 = 81%, vulnerable people 32 = 74%, rail 29 = 67%,
county lines activity 38 = 88%, plugging 13 = 30%) and from the default's 2016 returns,
from which Gwent and Lincolnshire are missing (base 41).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from conftest import use_store
from streamlit.testing.v1 import AppTest
from strip import send

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = str(ROOT / "dashboard.py")
BANNER = "Illustrative data, not real force returns"

THEME_TITLES_2017 = {
    "pages/scope.py": "County lines activity was reported by 88% of forces (38) in 2017",
    "pages/drugs.py": "Heroin was reported by 79% of forces (34) in 2017",
    "pages/violence.py": "Knives were reported by 81% of forces (35) in 2017",
    "pages/cuckooing.py": "Cuckooing was reported by 77% of forces (33) in 2017",
    "pages/exploitation.py": "Exploitation of vulnerable people was reported by 74% of forces (32) in 2017",
    "pages/transport.py": "Use of the railway was reported by 67% of forces (29) in 2017",
    "pages/business_model.py": "Plugging was reported by 30% of forces (13) in 2017",
}


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    """A store of this module's own, built from the embedded default; caches cleared around."""
    with pytest.MonkeyPatch.context() as patch:
        yield use_store(patch, tmp_path_factory.mktemp("screens") / "store")
        st.cache_resource.clear()
        st.cache_data.clear()


def open_page(page: str, **params) -> AppTest:
    """The screen as a copied link opens it: the page and its URL parameters on the first run."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, f"{page} raised: {[e.value for e in at.exception]}"
    return at


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def texts(at: AppTest) -> str:
    """Every piece of visible text, tags stripped, one line each."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        parts += [plain(str(e.value)) for e in getattr(at, kind)]
    return "\n".join(parts)


def card_figure(at: AppTest, name: str) -> str:
    """The figure shown under a headline card's name."""
    card = next(str(e.value) for e in at.markdown if str(e.value).startswith(f"**{name}**\n\n"))
    return plain(card.split("\n\n")[1])  # the name, the figure, then its change and notes


def test_national_2017_headlines(app_db):
    at = open_page("pages/national.py", year="2017")
    assert at.selectbox(key="url_year").value == 2017
    shown = texts(at)
    assert BANNER in shown
    assert "43 of 43 expected force returns received for 2017" in shown
    assert card_figure(at, "Cuckooing") == "77% of forces (33)"
    assert card_figure(at, "Knives") == "81% of forces (35)"
    assert "NCA 2017 printed: 85% (35) in para 5.1" in shown  # knives: printed 85%, 35 of 43 is 81%
    # Two printed figures for one question, each with its paragraph.
    assert "NCA 2017 printed: 74% (32) in para 7.1; 72% in para 7.5" in shown
    # 2016 cuckooing was 37 of 41 = 90%: 13 points and 4 forces fewer.
    assert "Down 13 percentage points (4 fewer forces) since 2016" in shown
    assert at.title[0].value == "County lines activity was reported by 88% of forces (38) in 2017"


def test_a_card_whose_percent_and_count_move_apart_says_why(app_db):
    at = open_page("pages/national.py", year="2017")
    shown = texts(at)
    # County lines activity: 37 of 41 = 90.2 -> 90% in 2016, 38 of 43 = 88.4 -> 88% in 2017:
    # down 2 points with 1 more force. Importers: 35 of 41 = 85%, 35 of 43 = 81%: down 4, same.
    assert "Down 2 percentage points (1 more force) since 2016" in shown
    assert "Down 4 percentage points (same number of forces) since 2016" in shown
    assert shown.count("Percent and count move apart: the base rose from 41 to 43 returns.") == 2
    # Both years are the demonstration set: the change is given (and marked illustrative).
    assert "is the demonstration set" not in shown


def test_national_2017_summary_and_printed_differences(app_db):
    at = open_page("pages/national.py", year="2017")
    shown = texts(at)
    assert "Most reported in 2017: county lines activity (88% of forces, 38 of 43)" in shown
    assert "All 43 forces made a return for 2017." in shown
    differences = [d.value for d in at.dataframe if "Why they differ" in d.value.columns]
    assert len(differences) == 1
    paragraphs = differences[0]["Paragraph"].to_list()
    # The report's own arithmetic slips: 8/43 is 19% (printed 18), 6/43 is 14% (13),
    # 19/43 is 44% (43), 35/43 is 81% (85), 11/43 is 26% (25).
    for paragraph in ("para 2.3", "para 2.9", "para 3.2", "para 5.1", "para 5.3"):
        assert f"NCA 2017 {paragraph}" in paragraphs


def test_national_2016_names_missing_forces(app_db):
    at = open_page("pages/national.py", year="2016")
    shown = texts(at)
    assert "41 of 43 expected force returns received for 2016" in shown
    assert "No return from Gwent and Lincolnshire" in shown
    assert "No earlier year is held, so there is no change to report for 2016." in shown


def test_changing_the_year_updates_the_figures(app_db):
    at = open_page("pages/national.py", year="2017")
    assert card_figure(at, "Cuckooing") == "77% of forces (33)"
    at.selectbox(key="url_year").set_value(2016).run()
    assert not at.exception
    assert at.query_params["year"] == "2016"
    shown = texts(at)
    assert "41 of 43 expected force returns received for 2016" in shown
    assert "Gwent and Lincolnshire" in shown
    assert card_figure(at, "Cuckooing").endswith("of forces (37)")  # 37 of the 41 returns


def test_bad_year_falls_back_to_latest_with_a_notice(app_db):
    at = open_page("pages/national.py", year="1999")
    assert at.selectbox(key="url_year").value == 2017
    assert any("1999" in i.value and "showing 2017 instead" in i.value for i in at.info)
    assert "43 of 43 expected force returns received for 2017" in texts(at)


def test_show_all_questions(app_db):
    at = open_page("pages/national.py", year="2017")
    table = next(d.value for d in at.dataframe if "NCA-style figure" in d.value.columns)
    assert len(table) == 12
    at.toggle(key="national_all").set_value(True).run()
    table = next(d.value for d in at.dataframe if "NCA-style figure" in d.value.columns)
    assert len(table) == 39
    assert table["Percent (yes ÷ base)"].is_monotonic_decreasing


@pytest.mark.parametrize("page", sorted(THEME_TITLES_2017))
def test_theme_screen_2017(app_db, page):
    at = open_page(page, year="2017")
    assert at.title[0].value == THEME_TITLES_2017[page]
    shown = texts(at)
    assert BANNER in shown
    assert "43 of 43 expected force returns received for 2017" in shown
    # A trend across 2016 and 2017, warning that the bases differ (41 then 43).
    assert any(s.value.startswith("Biggest change, 2016 to 2017") for s in at.subheader)
    assert "The base differs between years: 41 force returns in 2016 and 43 in 2017" in shown
    bars = next(d.value for d in at.dataframe if "NCA-style figure" in d.value.columns)
    assert bars["Percent (yes ÷ base)"].is_monotonic_decreasing  # most reported first, as the bars


def test_cuckooing_screen_table_and_conditional_base(app_db):
    at = open_page("pages/cuckooing.py", year="2017")
    bars = next(d.value for d in at.dataframe if "NCA-style figure" in d.value.columns).set_index("Question")
    assert bars.at["Cuckooing", "NCA-style figure"] == "77% of forces (33)"
    assert bars.at["Cuckooing", "NCA printed"] == "77% (33)"
    assert bars.at["Cuckooing", "NCA paragraph"] == "NCA 2017 para 6.1"
    assert bars.at["Imprisonment or modern slavery", "Base"] == 33
    assert bars.at["Imprisonment or modern slavery", "NCA-style figure"] == "21% of forces reporting cuckooing (7)"
    assert any("Imprisonment or modern slavery: 33 forces reporting cuckooing" in c.value for c in at.caption)
    # No force answered 'possible' to these questions, so the key does not mention hatching.
    assert not any("Hatched" in c.value for c in at.caption)
    assert any("Orange diamonds mark the figure the NCA printed" in c.value for c in at.caption)
    assert "What each question asked" in [e.label for e in at.expander]
    assert "Did the force document incidents of cuckooing" in texts(at)


def test_theme_screen_2016_from_the_url(app_db):
    at = open_page("pages/drugs.py", year="2016")
    assert at.selectbox(key="url_year").value == 2016
    assert at.title[0].value.endswith("in 2016")
    assert "No return from Gwent and Lincolnshire" in texts(at)
    bars = next(d.value for d in at.dataframe if "NCA-style figure" in d.value.columns)
    assert set(bars["Base"]) == {41}


def test_theme_screen_bad_year(app_db):
    at = open_page("pages/violence.py", year="1999")
    # Taxing had 2 'possible' answers in 2017 (NCA para 5.5), so the key explains hatching.
    assert any("Hatched light segments are possible answers" in c.value for c in at.caption)
    assert any("showing 2017 instead" in i.value for i in at.info)
    assert at.title[0].value == THEME_TITLES_2017["pages/violence.py"]


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("pages/national.py", {"year": "2017"}),
        ("pages/force.py", {"force": "Kent", "year": "2017"}),
        ("pages/maps.py", {"map": "flows", "year": "2017", "force": "Kent"}),
        ("pages/present.py", {"year": "2017", "force": "Kent", "slide": "2"}),
    ],
)
def test_a_rerun_that_changes_nothing_sends_the_url_nothing(app_db, monkeypatch, page, params):
    """Streamlit sends the browser the whole query string each time one is set, even to the
    value it has: a screen writes a URL parameter only when it changes (state.set_param)."""
    from streamlit.runtime.state.query_params import QueryParams

    sent = []
    real = QueryParams._send_query_param_msg
    monkeypatch.setattr(QueryParams, "_send_query_param_msg", lambda self: sent.append(1) or real(self))
    at = open_page(page, **params)
    at.run()
    sent.clear()
    at.run()
    assert not at.exception
    assert sent == []
    box = "url_year"
    if page == "pages/present.py":  # presenting mode's year is chosen in its set-up dialog
        send(at, "action", "choose")
        assert sent == []
        box = "present_year"
    at.selectbox(key=box).set_value(2016).run()
    assert sent == [1] and at.query_params["year"] == "2016"
    assert at.query_params.get("force") in (None, "Kent")  # the readable name, never the code
