"""What the Maps screen writes beside each map, checked on small hand-written flows."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from countylines.draw.maps import base
from countylines.draw.maps.boundaries import load_force_areas
from countylines.figures import map_words

MET, MERSEYSIDE, NORFOLK, KENT, ESSEX, CUMBRIA = (
    "E23000001",
    "E23000004",
    "E23000024",
    "E23000032",
    "E23000028",
    "E23000002",
)
NAMES = {
    MET: "Metropolitan Police",
    MERSEYSIDE: "Merseyside",
    NORFOLK: "Norfolk",
    KENT: "Kent",
    ESSEX: "Essex",
    CUMBRIA: "Cumbria",
}


def flows_of(pairs):
    frame = pd.DataFrame(
        [(2017, e, NAMES[e], i, NAMES[i], lines) for e, i, lines in pairs],
        columns=["year", "exporter_code", "exporter", "importer_code", "importer", "lines"],
    )
    frame["lines"] = frame["lines"].astype("Int64")
    return frame


@pytest.fixture
def flows():
    return flows_of(
        [
            (MET, NORFOLK, 12),
            (MET, KENT, None),
            (MET, ESSEX, 4),
            (MERSEYSIDE, CUMBRIA, 3),
            (MERSEYSIDE, NORFOLK, None),
            (ESSEX, NORFOLK, 1),
        ]
    )


def reach_of(counts: dict[str, int], base: int = 43) -> pd.DataFrame:
    rows = [(code, NAMES[code], count, base) for code, count in counts.items()]
    return pd.DataFrame(rows, columns=["code", "name", "count", "base"]).sort_values("count", ascending=False)


def test_exporter_sentences_use_the_nca_words_once_then_figures():
    # NCA 2017 para 3.8: 28 and 18 of 43 force returns are 65% and 42%.
    reach = reach_of({MET: 28, MERSEYSIDE: 18, ESSEX: 7, KENT: 7, NORFOLK: 1})
    assert map_words.exporter_sentences(reach) == [
        "Metropolitan Police: exporting hub for lines into 65% of forces (28)",
        "Merseyside: 42% of forces (18)",
        # 7 of 43 is 16.3%; Essex and Kent tie for third, so both are named.
        "Essex: 16% of forces (7)",
        "Kent: 16% of forces (7)",
    ]
    assert map_words.exporter_sentences(reach.iloc[:0]) == []


def test_force_reach_sentence_for_an_exporter_and_a_force_exporting_nowhere():
    reach = reach_of({MET: 31}, base=41)  # 31 of 41 is 75.6%
    assert map_words.force_reach_sentence(reach, MET, "Metropolitan Police", 2016) == (
        "Metropolitan Police: exporting hub for lines into 76% of forces (31)"
    )
    assert map_words.force_reach_sentence(reach, NORFOLK, "Norfolk", 2016) == (
        "Norfolk: no lines out to other forces recorded for 2016"
    )


def test_flow_titles_state_the_finding(flows):
    assert map_words.flow_title(flows, 2017, None, None, "both") == (
        "Metropolitan Police exports county lines into the most forces (3), 2017"
    )
    assert map_words.flow_title(flows, 2017, MET, "Metropolitan Police", "out") == (
        "Metropolitan Police exports county lines into 3 forces, 2017"
    )
    assert map_words.flow_title(flows, 2017, NORFOLK, "Norfolk", "into") == (
        "County lines from 3 forces run into Norfolk, 2017"
    )
    assert map_words.flow_title(flows, 2017, ESSEX, "Essex", "both") == (
        "Essex receives lines from 1 force and exports into 1, 2017"
    )
    assert map_words.flow_title(flows, 2017, NORFOLK, "Norfolk", "both") == (
        "County lines from 3 forces run into Norfolk, none out, 2017"
    )
    assert map_words.flow_title(flows, 2017, NORFOLK, "Norfolk", "out") == (
        "No county lines out of Norfolk were recorded for 2017"
    )
    tied = flows_of([(MET, NORFOLK, 1), (MERSEYSIDE, CUMBRIA, 2)])
    assert map_words.flow_title(tied, 2017, None, None, "both") == (
        # Tied forces are named in alphabetical order.
        "Merseyside and Metropolitan Police export county lines into the most forces (1), 2017"
    )


def test_focus_flows_and_largest_flows(flows):
    assert len(map_words.focus_flows(flows, NORFOLK, "into")) == 3
    assert len(map_words.focus_flows(flows, NORFOLK, "out")) == 0
    assert len(map_words.focus_flows(flows, ESSEX, "both")) == 2
    assert len(map_words.focus_flows(flows, None, "both")) == 6
    largest = map_words.largest_flows(flows, 3)
    assert largest["lines"].tolist() == [12, 4, 3]
    # Flows with no number given come after every counted one.
    assert map_words.largest_flows(flows, 6)["lines"].isna().tolist() == [False] * 4 + [True] * 2


def test_flow_table_is_exporter_importer_lines_largest_first(flows):
    table = map_words.flow_table(flows)
    assert list(table.columns) == ["Exporter", "Importer", "Lines"]
    assert table.iloc[0].tolist() == ["Metropolitan Police", "Norfolk", 12]
    assert len(table) == 6


def test_importer_table_counts_distinct_exporters_and_names_them(flows):
    reach = pd.DataFrame(
        {"code": [NORFOLK, CUMBRIA, KENT, MET], "name": ["Norfolk", "Cumbria", "Kent", "Metropolitan Police"]}
    )
    # By hand: Norfolk <- Met, Merseyside, Essex; Cumbria <- Merseyside; Kent <- Met; Met <- none.
    reach["exporters"] = [3, 1, 1, 0]
    table = map_words.importer_table(reach, flows)
    assert table.to_dict("records")[0] == {
        "Force": "Norfolk",
        "Exporting forces": 3,
        "Lines come from": "Essex, Merseyside, Metropolitan Police",
    }
    assert table.loc[3, "Lines come from"] == ""


def test_exporter_table_lists_every_force_with_zero_for_none(flows):
    forces = pd.DataFrame({"code": list(NAMES), "name": list(NAMES.values())})
    reach = reach_of({MET: 3, MERSEYSIDE: 2, ESSEX: 1})
    table = map_words.exporter_table(reach, forces, flows, base=43)
    assert len(table) == 6
    first = table.iloc[0].to_dict()
    assert first == {
        "Force": "Metropolitan Police",
        "Forces exported into": 3,
        "Share of force returns": "7% of forces (3)",  # 3/43 = 6.98%
        "Lines go to": "Essex, Kent, Norfolk",
    }
    assert table.set_index("Force").loc["Norfolk", "Forces exported into"] == 0


def test_most_title_names_up_to_three_forces():
    counts = pd.Series([6, 6, 2])
    names = pd.Series(["North Yorkshire", "Derbyshire", "Kent"])
    assert map_words.most_title(
        counts, names, "receives", "receive", "lines from the most exporting forces", 2017
    ) == ("Derbyshire and North Yorkshire receive lines from the most exporting forces (6), 2017")
    many = map_words.most_title(pd.Series([2] * 4), pd.Series(list("ABCD")), "is", "are", "top", 2017)
    assert many == "4 forces are top (2), 2017"


def test_answer_counts_name_every_answer_even_when_none():
    answers = pd.DataFrame({"answer": ["yes", "yes", "possible", "no_return"]})
    assert map_words.answer_counts(answers) == (
        "Yes 2 · Possible (unconfirmed) 1 · No 0 · Not known 0 · No return 1"
    )


def test_change_title_sentences_and_table():
    changes = pd.DataFrame(
        {
            "code": [NORFOLK, KENT, MET],
            "name": ["Norfolk", "Kent", "Metropolitan Police"],
            "before": [2, 5, 1],
            "after": [6, 4, 1],
            "change": [4, -1, 0],
        }
    )
    assert map_words.change_title(changes, "importers", 2016, 2017) == (
        "Exporting forces reaching each force rose in 1 force and fell in 1, 2016 to 2017"
    )
    assert map_words.change_sentences(changes) == ["Up in 1 force", "Down in 1", "No change in 1"]
    table = map_words.change_table(changes, 2016, 2017)
    assert list(table.columns) == ["Force", "2016", "2017", "Change", "Not scored because"]
    assert table["Force"].tolist() == ["Norfolk", "Metropolitan Police", "Kent"]


def test_outline_force_adds_one_outline_of_that_force():
    areas = load_force_areas()
    fig = base.outline_force(go.Figure(), areas, NORFOLK)
    assert [trace.name for trace in fig.data] == ["Norfolk (chosen)"]
    assert fig.data[0].fill is None and fig.data[0].line.width == 3
    assert len(base.outline_force(go.Figure(), areas, None).data) == 0
