"""One force against the national picture: hand-written frames, expected rows worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from countylines.draw import profile_chart
from countylines.figures import profile

# Three questions; imprisonment's base is the forces answering yes to cuckooing.
INDICATORS = pd.DataFrame(
    {
        "id": ["cuckooing", "imprisonment", "spice"],
        "theme": ["cuckooing", "cuckooing", "drugs"],
        "label": ["Cuckooing", "Imprisonment or modern slavery", "Spice"],
        "base_indicator": ["", "cuckooing", ""],
        "sort_order": [17, 20, 9],
    }
)
THEMES = pd.DataFrame(
    {"id": ["drugs", "cuckooing"], "title": ["Drugs", "Cuckooing and premises"], "sort_order": [2, 4]}
)

# National figures as ui.year_figures gives them for 2017: 33 of 43 cuckooing (77%),
# 7 of the 33 reporting cuckooing for imprisonment (21%), 4 of 43 spice (9%) + 2 possible.
NATIONAL = pd.DataFrame(
    {
        "indicator": ["cuckooing", "imprisonment", "spice"],
        "theme_title": ["Cuckooing and premises", "Cuckooing and premises", "Drugs"],
        "count": [33, 7, 4],
        "possible": [0, 0, 2],
        "base": [43, 33, 43],
        "base_label": [None, "Cuckooing", None],
        "percent": pd.array([77, 21, 9], dtype="Int64"),
        "label": ["77% of forces (33)", "21% of forces reporting cuckooing (7)", "9% of forces (4)"],
    }
)


def answers(**given: str) -> pd.DataFrame:
    return pd.DataFrame({"indicator": list(given), "answer": list(given.values())})


def test_a_force_answering_yes_is_compared_in_words_with_its_national_figure():
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="yes", imprisonment="no", spice="possible"), INDICATORS)
    assert rows["Question"].tolist() == ["Cuckooing", "Imprisonment or modern slavery", "Spice"]
    assert rows["This force's answer"].tolist() == ["✓ Yes", "✗ No", "? Possible (unconfirmed)"]
    assert rows["National figure"].tolist() == [
        "77% of forces (33)",
        "21% of forces reporting cuckooing (7)",
        "9% of forces (4)",
    ]
    assert rows["Comparison"].tolist() == [
        "Yes — as 33 of 43 forces",
        "No — unlike 7 of 33 forces reporting cuckooing",
        "Unconfirmed — 4 of 43 forces answered yes",
    ]
    # 2 of 43 is 4.65%, rounded half up to 5%; possible is never added to yes.
    assert rows["Possible nationally"].tolist() == ["none", "none", "5% (2)"]
    assert set(profile.COLUMNS) <= set(rows.columns)


def test_the_table_for_reading_names_each_theme_once():
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="yes"), INDICATORS)
    shown = profile.grouped_by_theme(rows)
    assert shown["Theme"].tolist() == ["Cuckooing and premises", "", "Drugs"]
    assert shown.columns.tolist() == profile.COLUMNS
    assert rows["Theme"].tolist()[1] == "Cuckooing and premises"  # the download keeps every theme


def test_a_follow_on_question_outside_its_base_is_not_counted_for_the_force():
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="no", imprisonment="yes", spice="no"), INDICATORS)
    assert rows["answer"].tolist() == ["no", "not_in_base", "no"]
    assert rows.loc[0, "Comparison"] == "No — unlike 33 of 43 forces"
    assert rows.loc[1, "This force's answer"] == "– Not in this base"
    assert rows.loc[1, "Comparison"] == "Not counted — this figure is of forces reporting cuckooing only"


def test_a_blank_answer_is_not_known_never_no():
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="yes", imprisonment="yes"), INDICATORS)
    assert rows.loc[2, "This force's answer"] == "– Not known"
    assert rows.loc[2, "Comparison"] == "Not known — 4 of 43 forces answered yes"


@pytest.mark.parametrize(
    ("answer", "count", "base", "expected"),
    [
        ("yes", 1, 43, "Yes — the only one of 43 forces"),
        ("no", 0, 41, "No — as every one of 41 forces"),
        ("no", 1, 43, "No — unlike 1 of 43 forces"),
        ("yes", 0, 0, "Yes — no forces in the base"),
    ],
)
def test_comparison_words_at_the_edges(answer, count, base, expected):
    assert profile.comparison_text(answer, count, base) == expected


def test_every_answer_has_a_word_and_a_symbol_so_colour_is_never_needed():
    for answer, symbol in [("yes", "✓"), ("possible", "?"), ("no", "✗"), ("not_known", "–"), ("no_return", "–")]:
        text = profile.answer_text(answer)
        assert text.startswith(symbol + " ")
        assert len(text) > 3


def test_yes_counts_and_the_median_force():
    # A: yes, yes (in base), yes -> 3; B: no, yes (outside base, not counted), yes -> 1;
    # C: yes, no, no -> 1; D made no return and is left out.
    every = pd.DataFrame(
        {
            "code": ["A"] * 3 + ["B"] * 3 + ["C"] * 3 + ["D"] * 3,
            "indicator": ["cuckooing", "imprisonment", "spice"] * 4,
            "answer": ["yes", "yes", "yes", "no", "yes", "yes", "yes", "no", "no"] + ["no_return"] * 3,
        }
    )
    counts = profile.yes_counts(every, INDICATORS)
    assert counts.to_dict() == {"A": 3, "B": 1, "C": 1}
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="yes", imprisonment="no", spice="yes"), INDICATORS)
    assert profile.headline("Staffordshire", 2017, rows, counts) == (
        "In 2017 Staffordshire answered yes to 2 of the 3 questions; "
        "nationally the median force answered yes to 1."
    )


def test_an_even_number_of_forces_gives_a_median_between_two_counts():
    assert profile.median_text([10, 20, 21, 30]) == "20 or 21"
    assert profile.median_text([10, 20, 22, 30]) == "21"


def test_the_title_counts_questions_where_the_force_goes_against_most_forces():
    # cuckooing 77%: answering no goes against most; spice 9%: answering no goes with most;
    # imprisonment outside the base is not judged.
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="no", imprisonment="yes", spice="no"), INDICATORS)
    assert (
        profile.chart_title("Staffordshire", rows) == "Staffordshire differs from most forces on 1 of 3 questions"
    )
    same = profile.answer_rows(NATIONAL, answers(cuckooing="yes", imprisonment="no", spice="no"), INDICATORS)
    assert profile.chart_title("Kent", same) == "Kent answered as most forces did on every question"
    assert len(profile.chart_title("Devon and Cornwall", rows).split()) <= 15


def test_the_chart_is_plain_bars_sorted_with_the_force_answer_written_beside_each():
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="yes", imprisonment="no", spice="possible"), INDICATORS)
    fig = profile_chart.comparison_chart(rows, "Staffordshire", 2017)
    assert {trace.type for trace in fig.data} == {"bar", "scatter"}
    assert not any(t.type in {"scattergeo", "choropleth", "scattermapbox", "choroplethmap"} for t in fig.data)
    bars, marks = fig.data
    # Largest on top: plotly draws the first category at the bottom.
    assert list(bars.y) == ["Spice", "Imprisonment or modern slavery", "Cuckooing"]
    assert list(bars.x) == [9, 21, 77]
    assert list(bars.text) == ["9% (4 of 43)", "21% (7 of 33)", "77% (33 of 43)"]
    assert bars.marker.color == profile_chart.CONTEXT == "#BFBFBF"
    assert list(marks.text) == ["? Possible (unconfirmed)", "✗ No", "✓ Yes"]
    assert marks.textfont.color == profile_chart.HIGHLIGHT == "#12436D"
    assert fig.layout.xaxis.range[0] == 0  # bars start at zero
    assert "Staffordshire answered yes to 1" in fig.layout.meta["alt"]


def test_the_chart_table_is_in_the_chart_shape():
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="yes", imprisonment="no", spice="no"), INDICATORS)
    table = profile.chart_table(rows, "Kent")
    assert table["Question"].tolist() == ["Cuckooing", "Imprisonment or modern slavery", "Spice"]
    assert table["Forces answering yes"].tolist() == [33, 7, 4]
    assert table["Base (forces)"].tolist() == [43, 33, 43]
    assert table["Kent's answer"].tolist() == ["Yes", "No", "No"]


FLOWS = pd.DataFrame(
    {
        "exporter_code": ["E23000001", "E23000014", "E23000015"],
        "exporter": ["Metropolitan Police", "West Midlands", "Staffordshire"],
        "importer_code": ["E23000015", "E23000015", "E23000016"],
        "importer": ["Staffordshire", "Staffordshire", "Warwickshire"],
        "lines": pd.array([12, None, 1], dtype="Int64"),
    }
)


def test_flows_in_and_out_of_a_force_with_line_counts_where_known():
    coming_in, going_out = profile.flow_tables(FLOWS, "E23000015")
    assert coming_in["Line"].tolist() == [
        "Metropolitan Police → Staffordshire: 12 lines",
        "West Midlands → Staffordshire: number of lines not given",
    ]
    assert going_out["Line"].tolist() == ["Staffordshire → Warwickshire: 1 line"]
    assert profile.flow_summary("Staffordshire", coming_in, going_out, 2017) == (
        "In 2017 lines came into Staffordshire from 2 forces (12 lines where the number was given); "
        "lines went out from Staffordshire to 1 force (1 line where the number was given)."
    )
    nothing_in, nothing_out = profile.flow_tables(FLOWS, "E23000099")
    assert profile.flow_summary("Gwent", nothing_in, nothing_out, 2016) == (
        "No lines into or out of Gwent are recorded for 2016."
    )


def test_lines_count_text():
    assert (
        profile.lines_count_text("Kent", 12, True, 2017)
        == "Kent counted 12 county lines in its area in its 2017 return."
    )
    assert "did not give a number" in profile.lines_count_text("Kent", pd.NA, True, 2017)
    assert "made no return for 2016" in profile.lines_count_text("Gwent", pd.NA, False, 2016)


def test_answers_across_years_mark_years_with_no_return():
    held = pd.DataFrame(
        {
            "year": [2016, 2016, 2016, 2017, 2017, 2017],
            "indicator": ["cuckooing", "imprisonment", "spice", "cuckooing", "imprisonment", "spice"],
            "answer": ["yes", "possible", "not_known", "no", "yes", "no"],
        }
    )
    asked = held[["year", "indicator"]]
    table = profile.across_years(held, {2016: True, 2017: True}, asked, INDICATORS, THEMES)
    # Themes in their order (drugs before cuckooing), questions in theirs.
    assert table["Question"].tolist() == ["Spice", "Cuckooing", "Imprisonment or modern slavery"]
    assert table["2016"].tolist() == ["– Not known", "✓ Yes", "? Possible (unconfirmed)"]
    assert table["2017"].tolist() == ["✗ No", "✗ No", "– Not in this base"]
    gap = profile.across_years(held[held["year"] == 2017], {2016: False, 2017: True}, asked, INDICATORS, THEMES)
    assert gap["2016"].tolist() == ["– No return"] * 3


def test_the_shareable_link_is_readable():
    assert profile.share_query("Staffordshire", 2017) == "?force=Staffordshire&year=2017"
    assert profile.share_query("Avon and Somerset", 2016) == "?force=Avon%20and%20Somerset&year=2016"


# The region: four East Midlands forces (one made no return) and one force elsewhere.
REGION_FORCES = pd.DataFrame(
    {
        "code": ["E23000018", "E23000019", "E23000020", "E23000021", "E23000022"],
        "region": ["East Midlands", "East Midlands", "East Midlands", "East Midlands", "Eastern"],
    }
)


def every_answer(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["code", "indicator", "answer"])


def test_region_counts_count_yes_over_the_forces_of_the_region_with_a_return():
    all_answers = every_answer(
        [
            ("E23000018", "cuckooing", "yes"), ("E23000018", "imprisonment", "yes"),
            ("E23000018", "spice", "possible"),
            ("E23000019", "cuckooing", "yes"), ("E23000019", "imprisonment", "no"),
            ("E23000019", "spice", "yes"),
            ("E23000020", "cuckooing", "no"), ("E23000020", "imprisonment", "yes"),
            ("E23000020", "spice", "not_known"),
            ("E23000021", "cuckooing", "no_return"), ("E23000021", "imprisonment", "no_return"),
            ("E23000021", "spice", "no_return"),
            ("E23000022", "cuckooing", "yes"), ("E23000022", "imprisonment", "yes"),
            ("E23000022", "spice", "yes"),
        ]
    )  # fmt: skip
    counts = profile.region_counts(all_answers, REGION_FORCES, "East Midlands", INDICATORS)
    # 3 forces with a return (E23000021 made none; E23000022 is in another region).
    assert counts["cuckooing"] == "2 of 3 East Midlands forces"
    # imprisonment's base: the 2 reporting cuckooing; E23000020's yes is outside it.
    assert counts["imprisonment"] == "1 of 2 East Midlands forces"
    # possible and not known are not yes.
    assert counts["spice"] == "1 of 3 East Midlands forces"


def test_region_counts_say_when_no_force_of_the_region_is_in_the_base():
    all_answers = every_answer([("E23000018", "cuckooing", "no"), ("E23000018", "imprisonment", "not_known")])
    counts = profile.region_counts(all_answers, REGION_FORCES, "East Midlands", INDICATORS)
    assert counts == {"cuckooing": "0 of 1 East Midlands forces", "imprisonment": "none in this base"}


def test_answer_rows_carry_the_region_count():
    region = {"cuckooing": "2 of 3 East Midlands forces"}
    rows = profile.answer_rows(NATIONAL, answers(cuckooing="yes"), INDICATORS, region).set_index("indicator")
    assert rows.loc["cuckooing", "In its region"] == "2 of 3 East Midlands forces"
    assert rows.loc["spice", "In its region"] == ""
