"""The first real year, in AppTest: the shipped (illustrative) database with a real 2018 returns
file imported, no flows file and no cannabis column (tests/fixtures/returns_2018_real.csv).

Worked by hand from the fixture (5 returns: Norfolk, Kent, Staffordshire, Merseyside, Gwent):
knives 5 of 5 = 100%; county lines activity 4 of 5 = 80%; cuckooing 3 of 5 = 60%;
imprisonment 2 of the 3 forces reporting cuckooing = 66.7 -> 67%. 38 forces made no 2018 return.
The default holds flows for 2016 and 2017 only, so Maps opens on 2017.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from conftest import use_store
from streamlit.testing.v1 import AppTest
from strip import send, shows, slide_title

from countylines import ingest

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = str(ROOT / "dashboard.py")
FIXTURE = ROOT / "tests" / "fixtures" / "returns_2018_real.csv"
WITHHELD = "No change from 2017 shown: 2017 is the demonstration set"
NOT_ASKED = "Not asked in 2018: cannabis (asked in 2016 and 2017)."
NO_FLOWS = "No flows file has been imported for 2018"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("first_real_year") / "store"
    ingest.ensure_store(folder)  # the shipped illustrative 2016 and 2017
    preview = ingest.prepare_import(ingest.SourceFile.from_path(FIXTURE))
    ingest.publish_import(folder, preview, imported_by="analyst")  # not marked illustrative
    with pytest.MonkeyPatch.context() as patch:
        use_store(patch, folder)
        patch.delenv("COUNTYLINES_BOUNDARIES", raising=False)
        yield folder
        st.cache_resource.clear()
        st.cache_data.clear()


def open_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> str:
    kinds = ("title", "subheader", "markdown", "caption", "info", "warning")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def test_national_withholds_every_change_from_the_demonstration_year(app_db):
    at = open_page("pages/national.py")
    assert at.selectbox(key="url_year").value == 2018  # the newest year
    text = shown(at)
    assert at.title[0].value == "Knives were reported by 100% of forces (5) in 2018"
    assert text.count(WITHHELD) == 8  # every headline card
    assert "since 2017" not in text and "Biggest rise" not in text
    assert "the 2017 returns are the demonstration set (invented) and the 2018 returns are real" in text
    assert NOT_ASKED in text
    assert [t.label for t in at.toggle] == ["Show all 38 questions asked in 2018"]
    assert not any("Illustrative data, not real force returns" in w.value for w in at.warning)  # 2018 is real


def test_drugs_names_cannabis_and_breaks_the_trend(app_db):
    at = open_page("pages/drugs.py", year="2018")
    text = shown(at)
    assert NOT_ASKED in text
    assert "**Cannabis**: not asked in 2018 (asked in 2016, 2017)." in text
    trend = at.subheader[-1].value
    assert trend == "No change across years is given: 2016 and 2017 are the demonstration set, 2018 real returns"
    assert "2016 and 2017 are the demonstration set (invented) and 2018 real returns" in text
    assert "The 2016 report prints one figure for powder cocaine and cannabis together" in text


def test_the_trend_download_carries_each_years_status_and_missing_forces(app_db):
    at = open_page("pages/scope.py", year="2018")
    table = at.dataframe[-1].value
    assert set(zip(table["Year"], table["Data"], strict=True)) == {
        (2016, "Illustrative (invented)"),
        (2017, "Illustrative (invented)"),
        (2018, "Real force returns"),
    }
    assert "Established lines, 2016 and 2017:" in shown(at)


def test_force_profile_says_no_flows_and_names_what_was_not_asked(app_db):
    at = open_page("pages/force.py", force="Norfolk", year="2018")
    text = shown(at)
    assert "In 2018 Norfolk answered yes to 23 of the 38 questions" in text
    assert NOT_ASKED in text
    assert f"{NO_FLOWS}, so which forces send county lines into which is not known for 2018" in text
    assert "No lines into or out of Norfolk are recorded" not in text
    history = at.dataframe[-1].value
    assert list(history.columns)[-3:] == ["2016 (illustrative)", "2017 (illustrative)", "2018"]
    # Beside the answers across years: the questions the NCA measured differently, in its words.
    definitions = next(e for e in at.expander if e.label.startswith("Questions the NCA measured differently"))
    assert definitions.label == "Questions the NCA measured differently between years (5)"
    assert "“90% of areas saw drug users acting as runners or dealers" in definitions.markdown[0].value
    cannabis = history[history["Question"] == "Cannabis"].iloc[0]
    assert cannabis["2018"] == "– Not asked"


def test_maps_opens_on_the_latest_year_with_flows(app_db):
    at = open_page("pages/maps.py")
    assert at.selectbox(key="url_year").value == 2017
    assert "Biggest exporters, 2017" in shown(at)


@pytest.mark.parametrize("kind", ["flows", "importers", "exporters", "change"])
def test_every_map_of_lines_says_no_flows_file_for_2018(app_db, kind):
    at = open_page("pages/maps.py", year="2018", map=kind)
    text = shown(at)
    assert f"{NO_FLOWS}, so which forces send county lines into which is not known for 2018" in text
    assert "were recorded for 2018" not in text and "rose in" not in text
    assert not at.get("plotly_chart")


def test_the_question_map_names_a_question_not_asked(app_db):
    at = open_page("pages/maps.py", year="2018", map="question", question="cannabis")
    assert NOT_ASKED in shown(at)
    assert not at.get("plotly_chart")  # never a map of "not known" for every force
    at = open_page("pages/maps.py", year="2018", map="question", question="cuckooing")
    # Asked in 2018: 3 yes, 2 no, 38 with no return.
    assert "Yes 3 · Possible (unconfirmed) 0 · No 2 · Not known 0 · No return 38" in shown(at)
    assert at.get("plotly_chart")


def test_the_change_map_compares_only_years_with_flows(app_db):
    at = open_page("pages/maps.py", year="2017", map="change")
    assert at.selectbox(key="url_compare").options == ["2016"]  # 2018 holds no flows


def test_present_withholds_the_rise_and_says_no_flows(app_db):
    at = open_page("pages/present.py", year="2018")
    titles = []
    for slide in range(1, shows(at)["total"] + 1):
        at = open_page("pages/present.py", year="2018", slide=str(slide))
        titles.append(slide_title(at))
    assert titles[:2] == [
        "County lines activity was reported by 80% of forces in 2018",
        "Cuckooing was reported by 60% of forces in 2018",
    ]
    assert NO_FLOWS in titles and "No change since 2017 is shown" in titles
    assert not any(t.startswith("Biggest rise") for t in titles)


def test_year_and_force_follow_the_reader_through_the_sidebar(app_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.switch_page("pages/national.py").run()
    at.selectbox(key="url_year").select(2016).run()
    # The sidebar clears the URL's query parameters on the way to another screen (AppTest keeps
    # them, so they are cleared here as the browser does; tests/browser shows the real thing).
    at.query_params.clear()
    at.switch_page("pages/force.py").run()
    assert at.selectbox(key="url_year").value == 2016
    assert at.query_params["year"] in ("2016", ["2016"])
    at.selectbox(key="url_force").select("E23000024").run()  # Norfolk
    at.query_params.clear()
    at.switch_page("pages/maps.py").run()
    assert (at.selectbox(key="url_year").value, at.selectbox(key="url_force").value) == (2016, "E23000024")
    assert at.query_params["force"] in ("Norfolk", ["Norfolk"])
    at.query_params.clear()
    at.switch_page("pages/present.py").run()
    assert at.query_params["year"] in ("2016", ["2016"]) and "2016" in slide_title(at)
    send(at, "action", "leave")  # the strip's Leave presenting mode, or Esc
    assert not at.exception
    assert (at.selectbox(key="url_year").value, at.selectbox(key="url_force").value) == (2016, "E23000024")
    assert at.query_params["map"] in ("flows", ["flows"])  # the maps screen, as it was left


def test_a_screens_own_default_does_not_follow_the_reader(app_db):
    # National opens on 2018 by default; Maps then opens on its own default, 2017, the latest
    # year with flows, because the reader chose nothing.
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.switch_page("pages/national.py").run()
    at.query_params.clear()
    at.switch_page("pages/maps.py").run()
    assert at.selectbox(key="url_year").value == 2017


def test_the_trend_base_line_names_each_years_missing_forces(app_db):
    at = open_page("pages/scope.py", year="2018")
    base = next(c.value for c in at.caption if "force returns in 2016" in c.value)
    assert "Base: 41 force returns in 2016; 43 force returns in 2017; 5 force returns in 2018." in base
    assert "No 2016 return from Gwent and Lincolnshire; no 2018 return from Avon and Somerset, " in base
