"""A force's own slides (draw.force_slides) on hand-written rows.

Westshire answered 4 questions: yes to A (88%, 38 of 43 forces yes) and B (14%, 6 of 43),
no to C (77%, 33 of 43), and D is outside its base. So it said yes to 2 of 4; it goes
against most forces on B (yes where 14% did) and C (no where 77% did yes), B the further
from an even split (36 points against 27). The yes counts of the forces are 1, 2, 3 and 5:
the median falls between 2 and 3.
"""

from __future__ import annotations

import pandas as pd
import pytest

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw import force_slides

ROWS = pd.DataFrame(
    {
        "Question": ["A", "B", "C", "D"],
        "answer": ["yes", "yes", "no", "not_in_base"],
        "percent": [88, 14, 77, 20],
        "count": [38, 6, 33, 4],
        "base": [43, 43, 43, 20],
    }
)
ALL_YES = pd.Series([1, 2, 3, 5])
FLOWS = pd.DataFrame(
    {
        "exporter": ["Bigcity", "Portside", "Westshire"],
        "importer": ["Westshire", "Westshire", "Eastshire"],
        "exporter_code": ["B1", "P1", "W1"],
        "importer_code": ["W1", "W1", "E1"],
        "lines": pd.array([12, None, 3], dtype="Int64"),
    }
)


def found(**overrides):
    options = {"rows": ROWS, "all_yes": ALL_YES, "flows": FLOWS, "illustrative": True}
    return force_slides.findings("Westshire", "W1", 2017, **(options | overrides))


def test_answers_beside_the_median_force():
    answers = found()[0]
    assert answers.title == "Westshire answered yes to 2 of the 4 questions in 2017"
    assert (answers.number, answers.of) == ("2", "of 4 questions answered yes")
    assert answers.base == "Median of the 4 forces with a 2017 return: yes to 2 or 3"
    assert answers.status == ILLUSTRATIVE_NOTICE
    bars = answers.figure.data[0]
    assert list(bars.y) == ["Westshire", "Median force"] and list(bars.x) == [2, 2.5]


def test_where_it_answers_unlike_most_forces_starkest_first():
    differences = found()[1]
    assert differences.title == "Westshire differs from most forces on 2 of 4 questions in 2017"
    assert differences.number == "2"
    bars = differences.figure.data[0]
    assert list(bars.y) == ["B<br>Westshire: Yes", "C<br>Westshire: No"]
    assert list(bars.x) == [14, 77]
    assert "B, Westshire: Yes" in differences.alt  # the answer in words, not by colour


def test_lines_in_and_out():
    lines = found()[2]
    assert lines.title == "Lines into and out of Westshire, 2017"
    assert (lines.number, lines.of) == ("2", "forces sending lines in")
    assert lines.base == (
        "In 2017 lines came into Westshire from 2 forces (12 lines where the number was given); "
        "lines went out from Westshire to 1 force (3 lines where the number was given)."
    )


def test_without_a_flows_file_or_a_return():
    lines = found(flows=None)[-1]
    assert lines.title == "No flows file has been imported for 2017" and lines.figure is None
    no_return = found(rows=None)
    assert [f.key for f in no_return] == ["force_no_return", "force_lines"]
    assert no_return[0].title == "Westshire made no return for 2017"


@pytest.mark.parametrize("index", [0, 1, 2])
def test_lazy_findings_draw_only_when_asked(index):
    lazy = found(lazy=True)[index]
    assert lazy.figure is None and lazy.has_chart
    drawn = lazy.drawn()
    assert drawn.figure is not None and drawn.alt
    assert drawn.title == found()[index].title
