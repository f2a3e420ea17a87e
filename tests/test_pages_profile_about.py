"""AppTest of the Force profile and the Definitions and about the data screens, on a
temporary database built from the embedded default (2016: 41 returns, no return from Gwent
or Lincolnshire; 2017: 43 returns whose counts are the NCA 2017 printed counts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from conftest import read_store, use_store
from streamlit.testing.v1 import AppTest

from tests.conftest import shown

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PROFILE = "pages/force.py"
ABOUT = "pages/about.py"
CONTACT = "County lines lead, community safety team, 01234 567890"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    """Points the app at a new database (built from the embedded default on first use)."""
    patch = pytest.MonkeyPatch()
    use_store(patch, tmp_path_factory.mktemp("pages") / "store", COUNTYLINES_CONTACT=CONTACT)
    yield
    st.cache_resource.clear()
    st.cache_data.clear()
    patch.undo()


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page)
    return at.run()


def shown_text(at: AppTest) -> str:
    """Every piece of text on the screen, for 'does the user see X' checks."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "code"):
        parts.extend(str(element.value) for element in getattr(at, kind))
    return "\n".join(parts)


def answers_table(at: AppTest):
    frame = at.table[0].value
    assert "National figure" in frame.columns
    return frame.set_index("Question")


@pytest.mark.parametrize("page", [PROFILE, ABOUT])
def test_each_screen_opens_without_an_error(app_db, page):
    at = open_page(page)
    assert not at.exception
    assert at.title


def test_a_link_to_staffordshire_2017_shows_it_against_the_national_figure(app_db):
    at = open_page(PROFILE, force="Staffordshire", year="2017")
    assert not at.exception
    assert at.title[0].value == "Staffordshire compared with all forces"
    assert at.selectbox(key="url_force").value == "E23000015"
    table = answers_table(at)
    # NCA 2017 para 6.1: 77% of forces (33) documented cuckooing; the embedded default reproduces it.
    assert table.loc["Cuckooing", "National figure"] == "77% of forces (33)"
    assert table.loc["Cuckooing", "This force's answer"][0] in "✓?✗–"
    # Staffordshire's region: West Midlands, Staffordshire, West Mercia and Warwickshire,
    # all with a 2017 return in the embedded default.
    assert re.fullmatch(r"[0-4] of 4 West Midlands forces", table.loc["Cuckooing", "In its region"])
    text = shown_text(at)
    assert "In 2017 Staffordshire answered yes to" in text
    assert "?force=Staffordshire&year=2017" in text
    assert "Illustrative data, not real force returns" in text
    assert at.query_params["force"] == "Staffordshire"


def test_a_force_code_in_the_link_works_as_well_as_a_name(app_db):
    at = open_page(PROFILE, force="E23000015", year="2017")
    assert at.title[0].value == "Staffordshire compared with all forces"
    assert not at.info  # no 'not available' notice for a good code


def test_an_unknown_force_in_the_link_falls_back_with_a_notice(app_db):
    at = open_page(PROFILE, force="Nowhere", year="2017")
    assert not at.exception
    notices = " ".join(info.value for info in at.info)
    assert "Nowhere" in notices and "not available" in notices
    # The first force by name is the default.
    assert at.title[0].value == "Avon and Somerset compared with all forces"


def test_a_bad_year_in_the_link_falls_back_to_the_latest(app_db):
    at = open_page(PROFILE, force="Kent", year="1999")
    assert not at.exception
    assert at.selectbox(key="url_year").value == 2017
    assert "1999" in " ".join(info.value for info in at.info)


def test_a_force_with_no_return_says_so_and_still_shows_other_years(app_db):
    at = open_page(PROFILE, year="2016", force="Lincolnshire")
    assert not at.exception
    text = shown_text(at)
    assert "Lincolnshire made no return for 2016" in text
    # Its answers across years: 2016 marked as no return, 2017 answered.
    history = at.dataframe[-1].value
    # Each year's column says what it stands on: both years held are the demonstration set.
    assert set(history["2016 (illustrative)"]) == {"– No return"}
    assert not history["2017 (illustrative)"].str.contains("No return").any()
    assert "Lines into and out of Lincolnshire, 2016" in text


def test_picking_another_force_changes_the_heading_and_the_link(app_db):
    at = open_page(PROFILE, force="Staffordshire", year="2017")
    at.selectbox(key="url_force").set_value("E23000032").run()  # Kent
    assert not at.exception
    assert at.title[0].value == "Kent compared with all forces"
    assert at.query_params["force"] == "Kent"
    assert "?force=Kent&year=2017" in shown_text(at)


def test_changing_the_year_keeps_the_force(app_db):
    at = open_page(PROFILE, force="Staffordshire", year="2017")
    at.selectbox(key="url_year").set_value(2016).run()
    assert at.title[0].value == "Staffordshire compared with all forces"
    assert "In 2016 Staffordshire answered yes to" in shown_text(at)


def test_the_about_page_gives_status_method_and_the_configured_contact(app_db):
    at = open_page(ABOUT)
    assert not at.exception
    text = shown_text(at)
    assert "not official statistics" in text
    assert "rounded half up" in text
    assert CONTACT in text
    assert "not real force returns" in text
    assert "Last updated:" in text
    assert "(NCA 2017 para 3.2)" in text  # a caveat with its paragraph
    assert "The 2017 returns held are illustrative, so differences from them are differences" in text
    years = at.table[0].value.map(shown)
    assert years["Returns received"].tolist() == ["43 of 43", "41 of 43"]
    assert years.loc[1, "No return from"] == "Gwent, Lincolnshire"


def test_searching_the_glossary_narrows_the_terms(app_db):
    import re

    def terms(at) -> list[tuple[str, bool]]:
        """(title, open) of each glossary term: native <details> in one Markdown element."""
        glossary = "".join(m.value for m in at.markdown if "cl-disclosure" in m.value)
        return [
            (t, bool(o))
            for o, t in re.findall(r'<details class="cl-disclosure"( open)?><summary>([^<]*)<', glossary)
        ]

    at = open_page(ABOUT)
    every = terms(at)
    assert len(every) == 21  # data/glossary.csv: 21 terms, in the order written, all closed
    assert every[0] == ("County line", False) and ("Cuckooing", False) in every
    assert ("&quot;Possible&quot; answer", False) in every  # titles are HTML-escaped
    at.text_input[0].input("cuckoo").run()
    found = terms(at)
    assert ("Cuckooing", True) in found  # what a search finds is shown open
    assert 1 <= len(found) < len(every)
    at.text_input[0].input("zzzz").run()
    assert "No term or definition mentions" in shown_text(at)


def test_the_profile_maps_the_lines_into_and_out_of_the_force(app_db):
    import json
    import os

    from countylines import store

    at = open_page("pages/force.py", force="Norfolk", year="2017")
    assert not at.exception

    def titled_maps() -> list[dict]:
        specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
        return [s for s in specs if "Norfolk" in str(s["layout"].get("title", {}).get("text", ""))]

    # The map's tab starts closed, and a closed tab's map is neither built nor sent.
    assert not titled_maps()
    at.session_state["profile_lines_tab"] = "Map"
    at.run()
    assert not at.exception
    maps = titled_maps()
    assert maps, "no map titled with the force on its profile"
    hover = " ".join(str(t.get("hovertext", "")) + str(t.get("text", "")) for t in maps[0]["data"])
    # Every exporter into Norfolk in the returns appears on its map (read from the store).
    flows = read_store(Path(os.environ["COUNTYLINES_DATA"]), lambda conn: store.flows(conn, 2017))
    exporters = flows.loc[flows["importer"] == "Norfolk", "exporter"]
    assert len(exporters) > 0
    for exporter in exporters:
        assert f"{exporter} → Norfolk, 2017" in hover
