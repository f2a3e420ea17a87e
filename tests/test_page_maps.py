"""The Maps screen in AppTest on the embedded default: every map kind, the NCA 2017 figures,
tables that agree with the flows, links that reopen a view, and a bad boundary file."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import streamlit as st
from conftest import shown, use_store
from streamlit.testing.v1 import AppTest

from countylines import store
from countylines.draw.maps.boundaries import ATTRIBUTION
from countylines.settings import ROOT

NORFOLK = "E23000024"
MET = "E23000001"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    """A store of this module's own (and no COUNTYLINES_BOUNDARIES) for every AppTest in it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("COUNTYLINES_BOUNDARIES", raising=False)
        yield use_store(patch, tmp_path_factory.mktemp("maps") / "store")
        st.cache_resource.clear()
        st.cache_data.clear()


def open_maps(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.switch_page("pages/maps.py")
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    parts = [e.value for e in at.title] + [e.value for e in at.markdown] + [e.value for e in at.caption]
    return "\n".join(parts)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values_trace(figure: dict) -> dict:
    return next(trace for trace in figure["data"] if trace.get("name") == "values")


KINDS = [
    {"map": "flows"},
    {"map": "flows", "force": "Norfolk", "direction": "into"},
    {"map": "importers"},
    {"map": "exporters", "force": "Merseyside"},
    {"map": "question", "question": "cuckooing"},
    {"map": "change"},
    {"map": "change", "show": "side", "measure": "exporters"},
]


@pytest.mark.parametrize("params", KINDS, ids=["-".join(p.values()) for p in KINDS])
def test_every_map_kind_draws_with_its_table_source_and_attribution(app_db, params):
    at = open_maps(year="2017", **params)
    charts = figures(at)
    assert charts, "no map drawn"
    text = page_text(at)
    assert ATTRIBUTION in text
    assert "Source: illustrative demonstration data" in text
    assert "Base:" in text or "Flows recorded in" in text
    assert at.dataframe and len(at.dataframe[0].value) > 0
    labels = [button.label for button in at.get("download_button")]
    assert "Download CSV" in labels and "Download Excel" in labels
    assert not at.info, [notice.value for notice in at.info]  # every value in the link was taken


def test_2017_flows_name_the_met_and_merseyside_as_nca_2017_para_3_8_does(app_db):
    # NCA 2017 para 3.8: the Met is the exporting hub for 65% of forces (28), Merseyside 42% (18),
    # over all 43 force returns (28/43 = 65.1%, 18/43 = 41.9%).
    at = open_maps(year="2017")
    text = page_text(at)
    assert "Metropolitan Police: exporting hub for lines into 65% of forces (28)" in text
    assert "Merseyside: 42% of forces (18)" in text
    assert "Metropolitan Police exports county lines into the most forces (28), 2017" in text_of_titles(at)


def text_of_titles(at: AppTest) -> str:
    return "\n".join(figure["layout"]["title"]["text"].replace("<br>", " ") for figure in figures(at))


@pytest.mark.parametrize(("force", "count"), [("Metropolitan Police", 28), ("Merseyside", 18)])
def test_one_exporters_flows_out_list_the_forces_it_reaches(app_db, force, count):
    at = open_maps(year="2017", force=force, direction="out")
    assert f"{force} exports county lines into {count} forces, 2017" in text_of_titles(at)
    table = at.dataframe[0].value
    assert len(table) == count
    assert set(table["Exporter"]) == {force}
    assert table["Importer"].nunique() == count


def test_importer_map_and_table_agree_with_the_flows(app_db, default_db):
    # Counted here from the flows themselves, not from the importer_reach query the page uses.
    flows = store.flows(default_db, 2017)
    expected = flows.groupby("importer")["exporter_code"].nunique().to_dict()

    at = open_maps(year="2017", map="importers")
    table = at.dataframe[0].value
    assert len(table) == 43
    for row in table.itertuples(index=False):
        assert row[1] == expected.get(row[0], 0), row[0]
    # The numbers written on the map say the same, force by force.
    hover = values_trace(figures(at)[0])["hovertext"]
    for force, count in expected.items():
        noun = "exporting force" if count == 1 else "exporting forces"
        assert f"{force}: {count} {noun}" in hover


def test_exporter_table_gives_every_force_with_nca_shares(app_db, default_db):
    flows = store.flows(default_db, 2017)
    expected = flows.groupby("exporter")["importer_code"].nunique()
    at = open_maps(year="2017", map="exporters")
    table = at.dataframe[0].value.set_index("Force")
    assert len(table) == 43
    assert table.loc["Metropolitan Police", "Share of force returns"] == "65% of forces (28)"
    assert table.loc["Norfolk", "Forces exported into"] == expected.get("Norfolk", 0)
    assert (table["Forces exported into"] == 0).sum() == 43 - len(expected)


def test_question_map_counts_every_answer(app_db, default_db):
    answers = store.force_answers(default_db, 2016, "cuckooing")
    at = open_maps(year="2016", map="question", question="cuckooing")
    table = at.dataframe[0].value
    assert len(table) == 43
    # Gwent and Lincolnshire made no return for 2016.
    assert set(table.loc[table["Answer"] == "No return", "Force"]) == {"Gwent", "Lincolnshire"}
    yes = int((answers["answer"] == "yes").sum())
    assert f"Yes {yes} · " in page_text(at)


def test_change_table_is_after_minus_before(app_db, default_db):
    before = store.importer_reach(default_db, 2016).set_index("name")["exporters"]
    after = store.importer_reach(default_db, 2017).set_index("name")["exporters"]
    at = open_maps(year="2017", map="change", compare="2016")
    table = at.dataframe[0].value.set_index("Force")
    assert list(table.columns) == ["2016", "2017", "Change", "Not scored because"]
    for force in ("Norfolk", "Derbyshire", "Cumbria"):
        assert table.loc[force, "2016"] == before[force]
        assert table.loc[force, "2017"] == after[force]
        assert table.loc[force, "Change"] == after[force] - before[force]
    # Gwent and Lincolnshire made no 2016 return: never scored, and named in the base line.
    for force in ("Gwent", "Lincolnshire"):
        assert pd.isna(table.loc[force, "Change"])
        assert table.loc[force, "Not scored because"] == "no return in 2016"
    assert "not scored: Gwent and Lincolnshire (no return in 2016)" in page_text(at)


def test_link_with_2016_and_norfolk_reopens_that_view(app_db):
    at = open_maps(year="2016", force="Norfolk")
    assert at.selectbox(key="url_year").value == 2016
    assert at.selectbox(key="url_force").value == NORFOLK
    assert at.query_params["force"] in ("Norfolk", ["Norfolk"])
    assert "Norfolk, 2016" in page_text(at)
    table = at.dataframe[0].value
    assert len(table) > 0
    assert all("Norfolk" in (row.Exporter, row.Importer) for row in table.itertuples())


def test_a_force_code_in_the_link_works_too(app_db):
    at = open_maps(year="2017", force=MET, direction="out")
    assert at.selectbox(key="url_force").value == MET
    assert len(at.dataframe[0].value) == 28


def test_bad_link_values_fall_back_with_a_notice_each(app_db):
    at = open_maps(force="Atlantis", map="nope", year="1999")
    notices = " ".join(notice.value for notice in at.info)
    assert "“Atlantis”" in notices and "“nope”" in notices and "“1999”" in notices
    assert at.selectbox(key="url_year").value == 2017
    assert at.selectbox(key="url_map").value == "flows"
    assert figures(at), "the fallback view draws no map"


def norfolk_senders_2016(default_db) -> int:
    flows = store.flows(default_db, 2016)
    return flows.loc[flows["importer_code"] == NORFOLK, "exporter_code"].nunique()


def test_changing_year_and_force_redraws(app_db, default_db):
    senders = norfolk_senders_2016(default_db)
    at = open_maps(year="2017")
    at.selectbox(key="url_year").set_value(2016).run()
    assert not at.exception
    assert "2016" in text_of_titles(at)
    at.selectbox(key="url_force").set_value(NORFOLK).run()
    at.selectbox(key="url_direction").set_value("into").run()
    assert not at.exception
    assert f"County lines from {senders} forces run into Norfolk, 2016" in text_of_titles(at)
    table = at.dataframe[0].value
    assert set(table["Importer"]) == {"Norfolk"} and len(table) == senders


@pytest.mark.parametrize("params", KINDS, ids=["-".join(p.values()) for p in KINDS])
def test_figures_sent_to_the_browser_are_well_under_a_megabyte(app_db, params):
    at = open_maps(year="2017", **params)
    sizes = [len(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert sizes and all(size > 50_000 for size in sizes), sizes  # the polygons really are in it
    assert sum(sizes) < 600_000, sizes


def test_a_bad_boundary_file_is_explained_and_the_shipped_map_drawn(app_db, tmp_path, monkeypatch):
    bad = tmp_path / "forces.geojson"
    bad.write_text("this is not geojson {", encoding="utf-8")
    monkeypatch.setenv("COUNTYLINES_BOUNDARIES", str(bad))
    at = open_maps(year="2017")
    warnings = " ".join(shown(warning.value) for warning in at.warning)
    assert str(bad) in warnings
    assert "uses the boundaries shipped with the dashboard instead" in warnings
    land = [
        t
        for t in figures(at)[0]["data"]
        if t.get("hoveron") == "fills" and "(London enlarged)" not in t.get("name")
    ]
    assert len(land) == 43  # each force area drawn, and named on hover
    assert sum(len(t["x"]) for t in land) > 1_000
    assert isinstance(pd.Series(land[0]["x"]).dropna().iloc[0], (int, float))


def test_largest_flows_only_draws_and_lists_25(app_db):
    at = open_maps(year="2017")
    assert len(at.dataframe[0].value) == 86
    at.toggle(key="maps_largest").set_value(True).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 25
    assert "Showing **25 of 86 flows**" in page_text(at)
    biggest = table.iloc[0]
    assert text_of_titles(at).startswith(
        f"The largest flow runs from {biggest['Exporter']} to {biggest['Importer']}"
    )


def test_picking_the_comparison_year_as_the_main_year_compares_with_another(app_db):
    at = open_maps(year="2017", map="change", compare="2016")
    at.selectbox(key="url_year").set_value(2016).run()
    assert not at.exception
    assert at.selectbox(key="url_compare").value == 2017
    assert not at.info, [notice.value for notice in at.info]
    assert list(at.dataframe[0].value.columns) == ["Force", "2016", "2017", "Change", "Not scored because"]


def test_force_profile_can_draw_one_forces_flows(app_db, default_db):
    senders = norfolk_senders_2016(default_db)

    def profile_flows():
        from countylines.screens import maps

        maps.render_force_flows("E23000024", 2016)

    at = AppTest.from_function(profile_flows, default_timeout=90).run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    # Norfolk exported nowhere in 2016, so its flows in both directions are all into it.
    assert not (store.flows(default_db, 2016)["exporter_code"] == NORFOLK).any()
    assert set(table["Importer"]) == {"Norfolk"} and len(table) == senders
    assert ATTRIBUTION in page_text(at)
    assert f"County lines from {senders} forces run into Norfolk, none out, 2016" in text_of_titles(at)


def test_a_2016_map_names_the_forces_with_no_return_under_it(app_db):
    # The embedded default's 2016: 41 returns, none from Gwent or Lincolnshire.
    at = open_maps(year="2016")
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Base: 41 force returns, 2016. No 2016 return from Gwent and Lincolnshire." in captions
