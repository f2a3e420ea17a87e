"""NCA-style percentages and labels: rounding half up, never adding possible into yes."""

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from countylines.figures import nca


def test_round_half_up_cases_from_the_reports():
    assert nca.percent_half_up(33, 43) == 77  # NCA 2017 para 6.1
    assert nca.percent_half_up(28, 43) == 65  # para 3.8
    assert nca.percent_half_up(8, 43) == 19  # printed as 18% in para 2.3
    assert nca.percent_half_up(1, 8) == 13  # 12.5 rounds up, not to even
    assert nca.percent_half_up(1, 40) == 3  # 2.5 rounds up
    assert nca.percent_half_up(0, 43) == 0
    assert nca.percent_half_up(5, 0) is None


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=500))
def test_round_half_up_matches_decimal(count, base):
    expected = int((Decimal(count) * 100 / Decimal(base)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert nca.percent_half_up(count, base) == expected


def test_labels_read_like_the_nca():
    assert nca.nca_label(33, 43) == "77% of forces (33)"
    assert nca.nca_label(7, 33, "Cuckooing") == "21% of forces reporting cuckooing (7)"
    assert nca.short_label(33, 43) == "77% (33 of 43)"
    assert nca.base_text(43, 2017) == "Base: 43 force returns, 2017"
    assert nca.base_text(33, 2017, "Cuckooing") == "Base: 33 forces reporting cuckooing, 2017"


def test_add_labels_keeps_possible_apart():
    raw = pd.DataFrame([{"year": 2017, "count": 15, "possible": 2, "base": 43, "base_label": None}])
    out = nca.add_labels(raw)
    assert out.loc[0, "percent"] == 35  # 15/43, not (15+2)/43 = 40
    assert out.loc[0, "possible_percent"] == 5
    assert out.loc[0, "label"] == "35% of forces (15)"


def test_change_text():
    assert nca.change_text(77, 70, 33, 30) == "up 7 percentage points (3 more forces)"
    assert nca.change_text(70, 77, 30, 33) == "down 7 percentage points (3 fewer forces)"
    assert nca.change_text(50, 50, 2, 2) == "no change"
    assert nca.change_text(None, 50, 2, 2) == "no comparison"
