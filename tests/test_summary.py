"""Plain-English summary, titles and headline figures from small hand-written frames.

Worked by hand (percent half up):
2017, base 43: knives 35 -> 81%, cuckooing 33 -> 77%, heroin 20 -> 47%, taxing 15 -> 35%
2016, base 41: knives 31 -> 76%, cuckooing 37 -> 90%, heroin 20 -> 49%, taxing 3 -> 7%
Change: taxing +28 points (+12 forces), knives +5 (+4), heroin -2 (0), cuckooing -13 (-4).
"""

from __future__ import annotations

import pandas as pd
import pytest
from figure_rows import figure_rows, published_rows

from countylines.figures import questions, reconciliation, summary


@pytest.fixture
def now():
    return figure_rows(
        [
            (2017, "cuckooing", 33, 0, 7, 3, 43),
            (2017, "heroin", 20, 0, 20, 3, 43),
            (2017, "knives", 35, 0, 7, 1, 43),
            (2017, "taxing", 15, 2, 20, 6, 43),
            (2017, "imprisonment", 30, 0, 3, 0, 33),  # 91%, but of a smaller base
        ]
    )


@pytest.fixture
def before():
    return figure_rows(
        [
            (2016, "cuckooing", 37, 0, 3, 1, 41),
            (2016, "heroin", 20, 0, 20, 1, 41),
            (2016, "knives", 31, 0, 9, 1, 41),
            (2016, "taxing", 3, 1, 27, 10, 41),
            (2016, "imprisonment", 4, 0, 22, 11, 37),
        ]
    )


def test_written_summary_sentences(now, before):
    assert summary.written_summary(now, 2017, before, 2016, missing=[], expected=43) == [
        "Most reported in 2017: knives (81% of forces, 35 of 43), cuckooing (77%, 33 of 43) "
        "and heroin (47%, 20 of 43).",
        "Biggest rises since 2016: taxing, up 28 percentage points (12 more forces); "
        "knives, up 5 percentage points (4 more forces).",
        "Biggest falls since 2016: cuckooing, down 13 percentage points (4 fewer forces); "
        "heroin, down 2 percentage points (same number of forces).",
        "The base changed from 41 force returns in 2016 to 43 in 2017, so compare percentages "
        "rather than numbers of forces.",
        "All 43 forces made a return for 2017.",
    ]


def test_written_summary_names_missing_forces_and_says_when_nothing_to_compare(before):
    assert summary.written_summary(before, 2016, missing=["Gwent", "Lincolnshire"]) == [
        "Most reported in 2016: cuckooing (90% of forces, 37 of 41), knives (76%, 31 of 41) "
        "and heroin (49%, 20 of 41).",
        "No earlier year is held, so there is no change to report for 2016.",
        "No return from Gwent and Lincolnshire in 2016; they are left out of every base.",
    ]


def test_written_summary_with_no_rises():
    now = figure_rows([(2017, "heroin", 10, 0, 33, 0, 43)])  # 23%; 20 of 43 is 47%
    before = figure_rows([(2016, "heroin", 20, 0, 23, 0, 43)])
    sentences = summary.written_summary(now, 2017, before, 2016)
    assert "No question was reported by a larger share of forces than in 2016." in sentences
    assert "Biggest falls since 2016: heroin, down 24 percentage points (10 fewer forces)." in sentences
    assert not any(s.startswith("The base changed") for s in sentences)  # 43 both years


def test_most_reported_leaves_out_conditional_questions_and_keeps_order_in_ties():
    frame = figure_rows(
        [
            (2017, "importer", 35, 0, 8, 0, 43),
            (2017, "knives", 35, 0, 7, 1, 43),
            (2017, "imprisonment", 33, 0, 0, 0, 33),
        ]
    )
    assert summary.most_reported(frame)["indicator"].to_list() == ["importer", "knives"]


def test_finding_titles(now):
    assert summary.finding_title(now, 2017) == "Knives were reported by 81% of forces (35) in 2017"
    cuckooing = now[now["indicator"].isin(["cuckooing", "imprisonment"])]
    assert summary.finding_title(cuckooing, 2017) == "Cuckooing was reported by 77% of forces (33) in 2017"
    rail = figure_rows([(2017, "rail", 29, 0, 10, 4, 43)])
    assert summary.finding_title(rail, 2017) == "Use of the railway was reported by 67% of forces (29) in 2017"
    assert summary.finding_title(now.iloc[0:0], 2017) == "No force returns held for these questions in 2017"


def test_headline_cards(now, before):
    printed = reconciliation.printed_by_indicator(
        published_rows(
            [
                ("cuckooing", "yes", 77, 33, 43, "NCA 2017 para 6.1"),
                ("knives", "yes", 85, 35, 43, "NCA 2017 para 5.1"),
            ]
        )
    )
    cards = summary.headlines(now, before, 2016, printed)
    assert [c.indicator for c in cards] == ["cuckooing", "knives"]  # headline order, held only
    cuckooing, knives = cards
    assert cuckooing.figure == "77% of forces (33)"
    assert cuckooing.base == "Base: 43 force returns, 2017"
    assert cuckooing.change == "down 13 percentage points (4 fewer forces) since 2016"
    assert cuckooing.direction == "down"
    assert cuckooing.printed == "NCA 2017 printed: 77% (33) in para 6.1"
    assert cuckooing.possible is None
    assert knives.change == "up 5 percentage points (4 more forces) since 2016"
    assert knives.direction == "up"
    assert knives.printed == "NCA 2017 printed: 85% (35) in para 5.1"


def test_headline_possible_and_no_previous_year(now):
    cards = summary.headlines(now, None, None, ids=("taxing",))
    assert cards[0].figure == "35% of forces (15)"
    assert cards[0].possible == "2 more forces answered possible (not counted in the figure)"
    assert cards[0].change is None and cards[0].direction is None
    assert cards[0].printed is None


def test_changes_in_points_and_forces(now, before):
    changed = summary.changes(now, before).set_index("indicator")
    assert changed.at["taxing", "points"] == 28
    assert changed.at["taxing", "forces"] == 12
    assert changed.at["imprisonment", "points"] == 91 - 11
    assert changed.at["heroin", "change"] == "down 2 percentage points (same number of forces)"


def test_previous_year():
    assert questions.previous_year([2017, 2016], 2017) == 2016
    assert questions.previous_year([2017, 2016], 2016) is None
    assert questions.previous_year([2019, 2017, 2016], 2019) == 2017


def test_printed_by_indicator_keeps_distinct_yes_figures():
    published = published_rows(
        [
            ("vulnerable_people", "yes", 74, 32, 43, "NCA 2017 para 7.1"),
            ("vulnerable_people", "yes", 72, None, 43, "NCA 2017 para 7.5"),
            ("other_accommodation", "yes", 23, 10, 43, "NCA 2017 para 2.1"),
            ("other_accommodation", "yes", 23, 10, 43, "NCA 2017 para 6.7"),
            ("taxing", "possible", 5, 2, 43, "NCA 2017 para 5.5"),
            (None, "yes", 43, 19, 43, "NCA 2017 para 3.2"),
        ]
    )
    printed = reconciliation.printed_by_indicator(published)
    assert printed["printed"].to_list() == ["74% (32)", "72%", "23% (10)"]
    assert reconciliation.printed_text(printed, "vulnerable_people") == "74% (32); 72%"
    assert (
        reconciliation.printed_text(printed, "vulnerable_people", with_paragraph=True)
        == "74% (32), NCA 2017 para 7.1; 72%, NCA 2017 para 7.5"
    )
    assert reconciliation.printed_text(printed, "taxing") == ""


def test_printed_differences_lists_only_disagreements(now):
    published = published_rows(
        [
            ("knives", "yes", 85, 35, 43, "NCA 2017 para 5.1"),
            ("cuckooing", "yes", 77, 33, 43, "NCA 2017 para 6.1"),
        ]
    )
    exporters = pd.DataFrame(columns=["code", "count", "base"])
    differences = reconciliation.printed_differences(reconciliation.reconcile(published, now, exporters))
    assert differences.to_dict("records") == [
        {
            "Paragraph": "NCA 2017 para 5.1",
            "Printed": "85%",
            "Why they differ": "Printed 85% but 35 of 43 is 81%",
            "What the report says": "85% of forces printed for knives",
        }
    ]


def test_trend_title_and_base_note(now, before):
    frames = pd.concat([before, now], ignore_index=True)
    assert questions.trend_title(frames) == "Biggest change, 2016 to 2017: taxing rose from 7% to 35%"
    assert questions.base_note(frames) == (
        "The base differs between years: 41 force returns in 2016 and 43 in 2017. "
        "Imprisonment or modern slavery is counted out of forces reporting cuckooing: 37 in 2016 and 33 in 2017."
    )
    assert questions.base_note(now) is None


def test_question_table_in_the_charts_shape(now):
    table = questions.question_table(now)
    assert table["Question"].to_list() == [
        "Imprisonment or modern slavery",
        "Knives",
        "Cuckooing",
        "Heroin",
        "Taxing",
    ]
    taxing = table.set_index("Question").loc["Taxing"]
    assert (taxing["Yes"], taxing["Possible (not counted)"], taxing["No"], taxing["Not known"]) == (15, 2, 20, 6)
    assert taxing["Percent (yes ÷ base)"] == 35
    assert taxing["NCA-style figure"] == "35% of forces (15)"
    imprisonment = table.set_index("Question").loc["Imprisonment or modern slavery"]
    assert imprisonment["Base"] == 33
    assert imprisonment["Base is"] == "forces reporting cuckooing"
