"""The theme and national chart builders, read from fig.data and fig.layout (no Streamlit).

Expected labels are worked by hand: 35/43 = 81.4% -> 81, 33/43 = 76.7% -> 77,
20/43 = 46.5% -> 47, 15/43 = 34.9% -> 35, 2/43 = 4.7% -> 5, 7/33 = 21.2% -> 21,
37/41 = 90.2% -> 90.
"""

from __future__ import annotations

import pytest
from figure_rows import figure_rows, published_rows

from countylines.draw import charts, trend_chart
from countylines.figures import reconciliation

MAP_TRACES = {"choropleth", "choroplethmap", "choroplethmapbox", "scattergeo", "scattermap", "scattermapbox"}


@pytest.fixture
def theme_2017():
    return figure_rows(
        [
            (2017, "cuckooing", 33, 0, 7, 3, 43),
            (2017, "heroin", 20, 0, 20, 3, 43),
            (2017, "knives", 35, 0, 7, 1, 43),
            (2017, "taxing", 15, 2, 20, 6, 43),
            (2017, "imprisonment", 7, 0, 17, 9, 33),
        ]
    )


def traces(fig, name):
    found = [t for t in fig.data if t.name == name]
    assert len(found) == 1, f"expected one trace named {name!r}, found {len(found)}"
    return found[0]


def test_bars_are_sorted_most_reported_first(theme_2017):
    fig = charts.indicator_bars(theme_2017)
    yes = traces(fig, "Yes")
    assert list(yes.y) == [
        "Knives",
        "Cuckooing",
        "Heroin",
        "Taxing",
        "Imprisonment or modern slavery<br>(of forces reporting cuckooing)",
    ]
    assert list(yes.x) == [81, 77, 47, 35, 21]
    # The first row is drawn at the top.
    assert fig.layout.yaxis.autorange == "reversed"
    assert yes.orientation == "h"


def test_bar_labels_read_percent_count_and_base(theme_2017):
    fig = charts.indicator_bars(theme_2017)
    assert list(traces(fig, "Yes").text) == [
        "81% (35 of 43)",
        "77% (33 of 43)",
        "47% (20 of 43)",
        "35% (15 of 43)",
        "21% (7 of 33)",
    ]
    shown = [t.strip() for t in traces(fig, "labels").text]
    assert shown == [
        "81% (35 of 43)",
        "77% (33 of 43)",
        "47% (20 of 43)",
        "35% (15 of 43) +2 possible",
        "21% (7 of 33)",
    ]


def test_possible_is_a_separate_segment_never_added_in(theme_2017):
    fig = charts.indicator_bars(theme_2017)
    yes, possible = traces(fig, "Yes"), traces(fig, "Possible (not counted in the %)")
    taxing = list(yes.y).index("Taxing")
    assert yes.x[taxing] == 35  # 15 of 43, not (15 + 2) of 43 = 40
    assert possible.x[taxing] == 5  # 2 of 43
    assert possible.text[taxing] == "+2 possible"
    assert possible.x[list(yes.y).index("Knives")] == 0
    assert fig.layout.barmode == "stack"
    assert possible.marker.color != yes.marker.color
    assert possible.marker.pattern.shape == "/"  # told apart without colour
    assert possible.showlegend is True


def test_no_possible_legend_when_no_force_answered_possible():
    fig = charts.indicator_bars(figure_rows([(2017, "cuckooing", 33, 0, 7, 3, 43)]))
    assert traces(fig, "Possible (not counted in the %)").showlegend is False
    assert fig.layout.showlegend is False


def test_axis_runs_zero_to_one_hundred_percent(theme_2017):
    fig = charts.indicator_bars(theme_2017)
    assert tuple(fig.layout.xaxis.range) == (0, 100)
    assert fig.layout.xaxis.ticktext[-1] == "100%"
    assert fig.layout.xaxis.title.text == "% of force returns"


def test_no_map_traces_and_a_text_alternative(theme_2017):
    fig = charts.indicator_bars(theme_2017, year=2017)
    assert not {t.type for t in fig.data} & MAP_TRACES
    assert {t.type for t in fig.data} <= {"bar", "scatter"}
    alt = fig.layout.meta["alt"]
    assert "Knives was highest at 81% (35 of 43)" in alt
    assert "Imprisonment or modern slavery lowest at 21% (7 of 33)" in alt
    assert "in 2017" in alt


def test_conditional_base_is_said_in_the_hover(theme_2017):
    fig = charts.indicator_bars(theme_2017, year=2017)
    yes = traces(fig, "Yes")
    row = next(i for i, name in enumerate(yes.y) if name.startswith("Imprisonment"))
    assert "Base: 33 forces reporting cuckooing, 2017" in yes.hovertext[row]
    assert "Base: 43 force returns, 2017" in yes.hovertext[0]


def test_printed_figure_is_marked_beside_the_bar(theme_2017):
    printed = reconciliation.printed_by_indicator(
        published_rows(
            [
                ("knives", "yes", 85, 35, 43, "NCA 2017 para 5.1"),
                ("cuckooing", "yes", 77, 33, 43, "NCA 2017 para 6.1"),
                ("taxing", "possible", 5, 2, 43, "NCA 2017 para 5.5"),
            ]
        )
    )
    fig = charts.indicator_bars(theme_2017, printed, 2017)
    marks = traces(fig, "NCA printed figure")
    assert list(marks.y) == ["Knives", "Cuckooing"]  # a printed 'possible' is not a yes figure
    assert list(marks.x) == [85, 77]
    assert marks.marker.symbol == "diamond"
    labels = [t.strip() for t in traces(fig, "labels").text]
    assert labels[0] == "81% (35 of 43) · NCA printed 85% (para 5.1)"  # differs: said in words, with where
    assert labels[1] == "77% (33 of 43)"  # agrees: the marker alone
    # The knives label starts after the printed marker, not on top of it.
    assert traces(fig, "labels").x[0] == 85


def test_a_narrow_chart_puts_the_printed_figure_on_a_second_line(theme_2017):
    printed = reconciliation.printed_by_indicator(
        published_rows([("knives", "yes", 85, 35, 43, "NCA 2017 para 5.1")])
    )
    wide = charts.indicator_bars(theme_2017, printed, 2017)
    narrow = charts.indicator_bars(theme_2017, printed, 2017, narrow=True)
    label = traces(narrow, "labels").text[0]
    assert label.replace("\u2002", "") == "81% (35 of 43)<br>NCA printed 85% (para 5.1)"
    assert label.count("\u2002\u2002") == 2  # each line clear of the marker
    # The margin is for the longer line, "NCA printed 85% (para 5.1)" (26 characters of 7.2 px),
    # less the 15 points left of the axis end at 2 px a point, plus 16: int(187.2 - 30 + 16).
    assert narrow.layout.margin.r == 173
    assert list(traces(narrow, "Yes").x) == list(traces(wide, "Yes").x)


def test_no_printed_trace_without_printed_figures(theme_2017):
    fig = charts.indicator_bars(theme_2017)
    assert "NCA printed figure" not in [t.name for t in fig.data]


@pytest.fixture
def two_years():
    return figure_rows(
        [
            (2016, "cuckooing", 37, 0, 3, 1, 41),
            (2016, "knives", 31, 0, 9, 1, 41),
            (2016, "imprisonment", 4, 0, 22, 11, 37),
            (2017, "cuckooing", 33, 0, 7, 3, 43),
            (2017, "knives", 35, 0, 7, 1, 43),
            (2017, "imprisonment", 7, 0, 17, 9, 33),
        ]
    )


def test_trend_dots_one_per_year_with_end_labels(two_years):
    fig = trend_chart.trend_dots(two_years)
    newest, older = traces(fig, "2017"), traces(fig, "2016")
    # Rows follow the 2017 bar order: knives 81%, cuckooing 77%, imprisonment 21%.
    assert list(newest.y)[:2] == ["Knives", "Cuckooing"]
    assert list(newest.x) == [81, 77, 21]
    assert list(older.x) == [76, 90, 11]  # 31/41 = 75.6, 37/41 = 90.2, 4/37 = 10.8
    assert newest.marker.symbol != older.marker.symbol  # years told apart without colour
    labels = [t.strip() for t in traces(fig, "labels").text]
    assert labels == ["76% (2016) → 81% (2017)", "90% (2016) → 77% (2017)", "11% (2016) → 21% (2017)"]
    assert "90% (37 of 41)" in older.hovertext[1]
    assert tuple(fig.layout.xaxis.range) == (0, 100)
    assert fig.layout.meta["alt"].startswith("Dot chart")
    assert not {t.type for t in fig.data} & MAP_TRACES


def test_trend_with_a_question_held_in_one_year_only(two_years):
    frames = two_years[~((two_years["year"] == 2016) & (two_years["indicator"] == "knives"))]
    fig = trend_chart.trend_dots(frames)
    labels = [t.strip() for t in traces(fig, "labels").text]
    assert labels[0] == "81% (2017) only"
