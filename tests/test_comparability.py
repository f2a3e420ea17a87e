"""What two years can be compared on: questions not asked, the NCA's definition changes, how each
report printed, the report's line counts, forces without a return on a change map, and the
import's warnings from what the store knows. Expected values are written by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from countylines import ingest
from countylines.draw.maps import boundaries, choropleths
from countylines.figures import comparability, map_words

FIXTURES = Path(__file__).parent / "fixtures"
NORFOLK, KENT, GWENT, LINCOLNSHIRE = "E23000024", "E23000032", "W15000002", "E23000020"

ASKED = pd.DataFrame(
    {
        "year": [2016, 2016, 2017, 2017, 2017, 2018, 2018],
        "indicator": ["heroin", "cannabis", "heroin", "cannabis", "knives", "heroin", "knives"],
        "label": ["Heroin", "Cannabis", "Heroin", "Cannabis", "Knives", "Heroin", "Knives"],
    }
)


# Questions not asked ----------------------------------------------------------------------


def test_a_question_absent_from_a_year_is_named_with_the_years_that_asked_it():
    missing = comparability.not_asked(ASKED, 2018)
    assert missing.to_dict("records") == [{"indicator": "cannabis", "label": "Cannabis", "asked_in": [2016, 2017]}]
    assert comparability.not_asked_text(missing, 2018) == (
        "Not asked in 2018: cannabis (asked in 2016 and 2017). The 2018 returns file had no column for it, "
        "so it is left out of every 2018 figure, not counted as no."
    )
    # Knives was first asked in 2017: 2016 did not ask it.
    assert comparability.not_asked(ASKED, 2016)["indicator"].tolist() == ["knives"]
    # Limited to a theme's questions; and a year not held, or nothing missing, gives nothing.
    assert comparability.not_asked(ASKED, 2018, ["heroin", "knives"]).empty
    assert comparability.not_asked(ASKED, 2019).empty
    assert comparability.not_asked_text(comparability.not_asked(ASKED, 2017), 2017) is None


def test_the_file_is_compared_with_the_year_it_replaces_or_the_latest_before_it():
    # A 2018 file with heroin only, where 2018 is not held yet: against 2017, the latest before it.
    before_2018 = ASKED[ASKED["year"] < 2018]
    assert comparability.missing_columns(["heroin"], before_2018, 2018) == (2017, ["cannabis", "knives"])
    # Where 2018 is held, the file replaces it and is compared with it.
    assert comparability.missing_columns(["heroin"], ASKED, 2018) == (2018, ["knives"])
    # A 2017 file replaces 2017 itself; a 2015 file, before every held year, meets 2016.
    assert comparability.missing_columns(["heroin", "cannabis"], ASKED, 2017) == (2017, ["knives"])
    assert comparability.missing_columns(["heroin"], ASKED, 2015) == (2016, ["cannabis"])
    assert comparability.missing_columns(["heroin", "knives"], ASKED, 2019) is None
    assert comparability.missing_columns(["heroin"], ASKED.iloc[0:0], 2018) is None


# Definitions and measures, as the reports print them --------------------------------------


def test_definition_changes_are_named_with_the_reports_words():
    changes = comparability.changes_for(["established_lines", "knives"], [2016, 2017])
    assert changes["indicator"].tolist() == ["established_lines"]
    [line] = comparability.change_lines(changes)
    assert line.startswith("**Established lines, 2016 and 2017:** In 2017 a force could say")
    assert "“71% of police returns reported established county lines activity" in line
    assert "(NCA 2016 para 2.1)" in line and "(NCA 2017 para 3.5)" in line
    assert "49% of forces (21)" in line
    # vulnerable_dealing (2016) covers what 2017 splits into drug_users_transport.
    split = comparability.changes_for(["vulnerable_dealing", "drug_users_transport"], [2016, 2017])
    assert split["indicator"].tolist() == ["vulnerable_dealing", "drug_users_transport"]
    assert set(split["source_before"]) == {"NCA 2016 para 6.2"}
    assert set(split["source_after"]) == {"NCA 2017 para 7.2", "NCA 2017 para 2.10"}
    # Only where both years are held.
    assert comparability.changes_for(["established_lines"], [2017, 2018]).empty


def test_every_quoted_passage_is_in_the_report_text():
    here = Path(__file__).resolve()
    found = [p / "shared" / "seeds" / "003_0aaec0c4c8082df8.txt" for p in here.parents[1:4]]
    seeds = next((p for p in found if p.exists()), None)
    if seeds is None:
        pytest.skip("the NCA report text (shared/seeds beside the repository) is not here")
    report = " ".join(seeds.read_text(encoding="utf-8").split())
    for row in comparability.definition_changes().itertuples(index=False):
        for words in (row.words_before, row.words_after):
            for part in words.split(" ... "):
                assert " ".join(part.split()) in report, part


def test_a_trend_across_reports_that_printed_differently_says_so():
    note = comparability.measure_note([2016, 2017, 2018])
    assert note.startswith(
        "The NCA 2016 report prints percentages of areas (NCA 2016 paras 2.1-13.6) and the NCA 2017 "
        "report prints percentages of forces with their count (NCA 2017 introduction)"
    )
    assert comparability.measure_note([2017, 2018]) is None


def test_line_counts_as_printed_beside_the_returns():
    published = pd.DataFrame(
        {
            "statement": ["At least 720 lines", "At least 283 lines originating in London", "371 of the 720", "x"],
            "unit": ["lines", "lines", "lines", "forces"],
            "base": pd.array([None, None, 720, 43], dtype="Int64"),
            "exporter_code": [None, "E23000001", None, None],
            "source_ref": ["NCA 2017 para 3.2", "NCA 2017 para 3.3", "NCA 2017 para 3.4", "NCA 2017 para 2.1"],
        }
    )
    # 19 forces counted 701 lines; 19 others reported activity without a number: 701 + 19 = 720.
    totals = pd.DataFrame(
        {"returns": [43], "forces_counting": [19], "lines_counted": [701], "active_uncounted": [19]}
    )
    # Three flows out of the Met, two with a number of lines (12 + 30 = 42).
    flows = pd.DataFrame(
        {"exporter_code": ["E23000001"] * 3 + ["E23000004"], "lines": pd.array([12, None, 30, 5], dtype="Int64")}
    )
    table = comparability.line_count_rows(published, totals, flows)
    assert table["Paragraph"].tolist() == ["NCA 2017 para 3.2", "NCA 2017 para 3.3", "NCA 2017 para 3.4"]
    assert table["From the returns held"].tolist() == [
        "at least 720 lines: 701 counted by the 19 forces that gave a number, plus one for each of the "
        "19 other forces reporting county lines activity",
        "42 lines on the 2 of its 3 flows that gave a number of lines",
        "not held: the returns give each force's number of lines, not how its lines divide",
    ]


# Forces without a return are never scored on a change map ---------------------------------


@pytest.fixture(scope="module")
def areas():
    return boundaries.load_force_areas()


def test_a_force_missing_in_one_year_is_not_scored(areas):
    # Gwent made no 2016 return; Lincolnshire none in either year. Kent made both.
    returns = {
        2016: pd.DataFrame({"code": [NORFOLK, KENT, GWENT, LINCOLNSHIRE], "returned": [True, True, False, False]}),
        2017: pd.DataFrame({"code": [NORFOLK, KENT, GWENT, LINCOLNSHIRE], "returned": [True, True, True, False]}),
    }
    reasons = map_words.not_scored(returns, 2016, 2017)
    assert reasons == {GWENT: "no return in 2016", LINCOLNSHIRE: "no return in 2016 or 2017"}
    names = ["Norfolk", "Kent", "Gwent", "Lincolnshire"]
    before = pd.DataFrame({"code": [NORFOLK, KENT, GWENT, LINCOLNSHIRE], "name": names, "value": [2, 5, 0, 1]})
    after = pd.DataFrame({"code": [NORFOLK, KENT, GWENT, LINCOLNSHIRE], "name": names, "value": [6, 4, 5, 1]})
    changes = choropleths.difference_counts(before, after, "value", reasons)
    by_code = changes.set_index("code")
    assert by_code.loc[NORFOLK, "change"] == 4 and by_code.loc[KENT, "change"] == -1
    assert pd.isna(by_code.loc[GWENT, "change"])  # not +5: Gwent made no 2016 return
    assert pd.isna(by_code.loc[LINCOLNSHIRE, "change"])  # not 0
    assert map_words.change_sentences(changes) == [
        "Up in 1 force",
        "Down in 1",
        "No change in 0",
        "Not scored: Gwent (no return in 2016)",
        "Not scored: Lincolnshire (no return in 2016 or 2017)",
    ]
    table = map_words.change_table(changes, 2016, 2017).set_index("Force")
    assert table.loc["Gwent", "Not scored because"] == "no return in 2016"
    assert pd.isna(table.loc["Gwent", "Change"])
    fig = choropleths.change_choropleth(areas, changes, "Change", "Exporting forces", "2016", "2017")
    legend = [t.name for t in fig.data if t.showlegend]
    assert "No return in 2016" in legend and "No return in 2016 or 2017" in legend
    values = next(t for t in fig.data if t.name == "values")
    hover = list(values.hovertext)
    assert "Gwent: no return in 2016, so no change is given" in hover
    assert not any(h.startswith("Gwent: +") for h in hover)
    assert "not scored for want of a return: Gwent, Lincolnshire" in fig.layout.meta["alt"]


# The import's warnings from what the store knows ------------------------------------------


def test_the_import_warns_of_a_question_the_held_years_asked(default_db):
    preview = ingest.prepare_import(ingest.SourceFile.from_path(FIXTURES / "returns_2018_real.csv"))
    assert preview.ok and not preview.warnings  # the file checks alone see nothing wrong
    warnings = [w.sentence() for w in ingest.store_warnings(default_db, preview)]
    assert warnings == [
        "returns_2018_real.csv: the file has no column for 1 question asked in 2017: cannabis; 2018 will "
        "show it as not asked, never as no",
        "returns_2018_real.csv: no flows file is given for 2018 and none is held, so the maps of lines "
        "between forces will say that no flows file has been imported for 2018 until one is",
    ]


def test_no_warning_when_the_file_asks_everything_and_brings_flows(small_db, tmp_path):
    returns = tmp_path / "returns.csv"
    returns.write_text(
        "year,force,cuckooing,imprisonment,knives,heroin\n2018,Norfolk,yes,no,yes,no\n", encoding="utf-8"
    )
    flows = tmp_path / "flows.csv"
    flows.write_text("year,exporter,importer,lines\n2018,Merseyside,Norfolk,2\n", encoding="utf-8")
    preview = ingest.prepare_import(*ingest.sources_from_paths(returns, flows))
    assert ingest.store_warnings(small_db, preview) == []
