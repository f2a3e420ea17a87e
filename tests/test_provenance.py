"""The comparison rule (figures.provenance) and everywhere two years meet: headline cards, the
written summary, the trend chart, the rise slide and the change map. Frames are hand-written.

Worked by hand (percent half up):
2016 (illustrative), base 41: cuckooing 37 -> 90.2 -> 90%; knives 31 -> 75.6 -> 76%
2017 (illustrative), base 43: cuckooing 33 -> 76.7 -> 77%; knives 35 -> 81.4 -> 81%
2018 (real), base 5: cuckooing 3 -> 60%; knives 5 -> 100%
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from figure_rows import figure_rows, published_rows
from pptx import Presentation

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw import deck, slides, trend_chart
from countylines.figures import provenance, questions, reconciliation, summary

REASON_2017_2018 = (
    "No change from 2017 to 2018 is given: the 2017 returns are the demonstration set (invented) and "
    "the 2018 returns are real, so a change between them would not be real."
)
SHORT_2017 = "No change from 2017 shown: 2017 is the demonstration set"


def real(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(illustrative=False)


@pytest.fixture
def year_2016():
    return figure_rows([(2016, "cuckooing", 37, 0, 3, 1, 41), (2016, "knives", 31, 0, 9, 1, 41)])


@pytest.fixture
def year_2017():
    return figure_rows([(2017, "cuckooing", 33, 0, 7, 3, 43), (2017, "knives", 35, 0, 7, 1, 43)])


@pytest.fixture
def year_2018():
    return real(figure_rows([(2018, "cuckooing", 3, 0, 2, 0, 5), (2018, "knives", 5, 0, 0, 0, 5)]))


# The rule ----------------------------------------------------------------------------------


def test_a_change_is_allowed_only_between_years_of_the_same_kind():
    statuses = {2016: "illustrative", 2017: "illustrative", 2018: "real", 2019: "real"}
    assert provenance.compare(statuses, 2016, 2017).allowed  # both demonstration: marked, not hidden
    assert provenance.compare(statuses, 2016, 2017).illustrative
    assert provenance.compare(statuses, 2018, 2019).allowed
    crossing = provenance.compare(statuses, 2017, 2018)
    assert not crossing.allowed
    assert crossing.reason() == REASON_2017_2018
    assert crossing.short() == SHORT_2017
    # The other way round (a real year before a demonstration year) is withheld too.
    assert not provenance.compare({2016: "real", 2017: "illustrative"}, 2016, 2017).allowed


def test_a_part_not_held_is_named_as_the_reason():
    flows = provenance.compare({2017: "illustrative"}, 2017, 2018, "flows")
    assert flows.reason() == "No change from 2017 to 2018 is given: no flows file has been imported for 2018."


def test_statuses_per_part_from_year_sources():
    sources = pd.DataFrame(
        {
            "year": [2018, 2017, 2017],
            "kind": ["returns", "returns", "flows"],
            "illustrative": [False, True, True],
        }
    )
    assert provenance.statuses(sources) == {2018: "real", 2017: "illustrative"}
    assert provenance.statuses(sources, "flows") == {2017: "illustrative"}  # 2018 has no flows


def test_a_table_across_years_carries_each_years_status():
    statuses = {2016: "illustrative", 2017: "illustrative", 2018: "real"}
    assert provenance.mixed_status(statuses, [2016, 2017, 2018]) == (
        f"2016 and 2017: {ILLUSTRATIVE_NOTICE}; 2018: Management information, not official statistics"
    )
    assert provenance.mixed_status(statuses, [2016, 2017]) == ILLUSTRATIVE_NOTICE
    assert provenance.year_label(2017, statuses, mixed=True) == "2017 (illustrative)"
    assert provenance.year_label(2018, statuses, mixed=True) == "2018"


# Headline cards and the written summary ---------------------------------------------------


def test_cards_withhold_a_change_from_the_demonstration_set(year_2017, year_2018):
    cards = summary.headlines(year_2018, year_2017, 2017)
    assert [c.indicator for c in cards] == ["cuckooing", "knives"]
    for card in cards:
        assert card.change is None and card.direction is None
        assert card.withheld == SHORT_2017
    assert cards[0].figure == "60% of forces (3)"


def test_cards_between_two_demonstration_years_keep_their_change(year_2016, year_2017):
    cuckooing = summary.headlines(year_2017, year_2016, 2016)[0]
    assert cuckooing.change == "down 13 percentage points (4 fewer forces) since 2016"
    assert cuckooing.withheld is None


def test_summary_says_why_there_is_no_biggest_rise(year_2017, year_2018):
    sentences = summary.written_summary(year_2018, 2018, year_2017, 2017, missing=[], expected=5)
    assert REASON_2017_2018 in sentences
    assert not any("Biggest" in s or "base changed" in s for s in sentences)


def test_a_card_whose_percent_and_count_part_ways_says_why():
    # 30 of 41 = 73.2 -> 73%; 31 of 43 = 72.1 -> 72%: down 1 point with 1 more force.
    before = figure_rows([(2016, "knives", 30, 0, 11, 0, 41)])
    now = figure_rows([(2017, "knives", 31, 0, 12, 0, 43)])
    [card] = summary.headlines(now, before, 2016)
    assert card.change == "down 1 percentage point (1 more force) since 2016"
    assert card.why == "the base rose from 41 to 43 returns"
    # Imprisonment, of forces reporting cuckooing: 4 of 37 = 10.8 -> 11%; 4 of 33 = 12.1 -> 12%.
    before = figure_rows([(2016, "imprisonment", 4, 0, 33, 0, 37)])
    now = figure_rows([(2017, "imprisonment", 4, 0, 29, 0, 33)])
    [card] = summary.headlines(now, before, 2016, ids=("imprisonment",))
    assert card.change == "up 1 percentage point (same number of forces) since 2016"
    assert card.why == "the base (forces reporting cuckooing) fell from 37 to 33"
    # Moving together needs no explanation: 37/41 = 90% -> 33/43 = 77%, 4 fewer forces.
    assert (
        summary.headlines(
            figure_rows([(2017, "cuckooing", 33, 0, 10, 0, 43)]),
            figure_rows([(2016, "cuckooing", 37, 0, 4, 0, 41)]),
            2016,
        )[0].why
        is None
    )


def test_two_printed_figures_for_one_question_each_with_its_paragraph():
    printed = reconciliation.printed_by_indicator(
        published_rows(
            [
                ("vulnerable_people", "yes", 74, 32, 43, "NCA 2017 para 7.1"),
                ("vulnerable_people", "yes", 72, None, 43, "NCA 2017 para 7.5"),
            ]
        )
    )
    now = figure_rows([(2017, "vulnerable_people", 32, 0, 11, 0, 43)])
    [card] = summary.headlines(now, None, None, printed)
    assert card.printed == "NCA 2017 printed: 74% (32) in para 7.1; 72% in para 7.5"


# The trend chart ---------------------------------------------------------------------------


def _lines(fig, dash: str):
    return [t for t in fig.data if t.mode == "lines" and t.line.dash == dash]


def test_trend_line_breaks_where_real_returns_meet_the_demonstration_set(year_2016, year_2017, year_2018):
    frames = pd.concat([year_2016, year_2017, year_2018], ignore_index=True)
    fig = trend_chart.trend_dots(frames)
    # A key names each year's marker, the demonstration years marked as such.
    keyed = [t.name for t in fig.data if t.mode == "markers"]
    assert keyed == ["2016 (illustrative)", "2017 (illustrative)", "2018"]
    assert fig.layout.showlegend is True
    # Dotted lines join 2016 and 2017 only; nothing joins 2017 to 2018, and no solid line exists
    # (2018 is the only real year).
    [dotted] = _lines(fig, "dot")
    assert dotted.name == "Dotted line: joins years of the demonstration set"
    assert list(dotted.x) == [76, 81, None, 90, 77, None]  # knives first, as in the 2018 bars
    assert _lines(fig, "solid") == []
    labels = {t.strip() for t in next(t for t in fig.data if t.name == "labels").text}
    assert labels == {"90% (2016) → 77% (2017) | 60% (2018)", "76% (2016) → 81% (2017) | 100% (2018)"}
    assert questions.trend_title(frames) == (
        "No change across years is given: 2016 and 2017 are the demonstration set, 2018 real returns"
    )


def test_trend_title_works_across_the_latest_years_of_one_kind(year_2016, year_2017, year_2018):
    # 2017 real too: the change is worked from 2017 to 2018 only. Knives 81% -> 100% (+19)
    # beats cuckooing 77% -> 60% (-17).
    frames = pd.concat([year_2016, real(year_2017), year_2018], ignore_index=True)
    assert questions.trend_title(frames) == "Biggest change, 2017 to 2018: knives rose from 81% to 100%"
    fig = trend_chart.trend_dots(frames)
    [solid] = _lines(fig, "solid")
    assert solid.name == "Line: joins years of real returns"
    assert sorted(v for v in solid.x if v is not None) == [60, 77, 81, 100]


def test_the_trend_table_says_each_years_data(year_2017, year_2018):
    table = questions.trend_table(pd.concat([year_2017, year_2018], ignore_index=True))
    assert dict(zip(table["Year"], table["Data"], strict=False)) == {
        2017: "Illustrative (invented)",
        2018: "Real force returns",
    }


# Slides ------------------------------------------------------------------------------------


def _returns(made: list[str], missing: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": range(len(made) + len(missing)),
            "name": made + missing,
            "returned": [True] * len(made) + [False] * len(missing),
        }
    )


def test_slides_withhold_the_rise_and_say_no_flows_were_imported(year_2017, year_2018):
    found = slides.findings(
        year_2018,
        2018,
        illustrative=False,
        exporters=pd.DataFrame(columns=["code", "name", "count", "base"]),
        before=year_2017,
        before_year=2017,
        returns=_returns(["Norfolk", "Kent"], ["Gwent"]),
        flows_held=False,
        not_asked="Not asked in 2018: cannabis (asked in 2017).",
    )
    keys = [f.key for f in found]
    assert keys == ["cuckooing", "knives", "no_flows", "change_withheld", "returns"]
    assert not any(k.startswith("rise_") for k in keys)
    withheld = found[3]
    assert withheld.title == "No change since 2017 is shown"
    assert withheld.base == REASON_2017_2018
    assert found[2].title == "No flows file has been imported for 2018"
    assert "It is not that no lines were found" in found[2].base
    assert found[4].note == (
        "Forces with no return are left out of every base. Not asked in 2018: cannabis (asked in 2017)."
    )
    data, _ = deck.build_pptx(found, 2018, illustrative=False, render=lambda fig: b"no")
    text = "\n".join(
        shape.text_frame.text
        for page in Presentation(io.BytesIO(data)).slides
        for shape in page.shapes
        if shape.has_text_frame
    )
    assert "No change since 2017 is shown" in text and REASON_2017_2018 in text
    assert "Biggest rise" not in text
    assert ILLUSTRATIVE_NOTICE not in text  # 2018 is real


def test_slides_between_two_demonstration_years_keep_the_rise(year_2016, year_2017):
    found = slides.findings(year_2017, 2017, illustrative=True, before=year_2016, before_year=2016)
    rise = next(f for f in found if f.key.startswith("rise_"))
    assert rise.title == "Biggest rise since 2016: knives, up 5 percentage points (4 more forces)"
