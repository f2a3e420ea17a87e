"""screens/prepared.py: a shared table or figure is converted once, and forgotten with it."""

import gc

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from countylines.screens import prepared


def test_a_table_is_converted_once_and_the_same_table_comes_back():
    frame = pd.DataFrame({"Question": ["Knives", "Firearms"], "Yes": [35, 32]})
    first = prepared.table(frame)
    assert isinstance(first, pa.Table)
    assert prepared.table(frame) is first  # the second rerun converts nothing
    assert first.to_pandas().equals(frame)  # what Streamlit sends is the same table


def test_a_figure_becomes_the_dict_streamlit_would_send():
    fig = go.Figure(go.Bar(x=[88, 81], y=["County lines activity", "Imports"], orientation="h"))
    made = prepared.figure(fig)
    assert made is prepared.figure(fig)
    assert made["data"][0]["type"] == "bar"
    assert list(made["data"][0]["y"]) == ["County lines activity", "Imports"]


def test_a_conversion_goes_when_its_object_goes():
    gc.collect()  # what earlier tests left goes first
    before = prepared.held()
    frame = pd.DataFrame({"a": [1, 2, 3]})
    fig = go.Figure()
    prepared.table(frame)
    prepared.figure(fig)
    assert prepared.held() == before + 2
    del frame
    gc.collect()
    assert prepared.held() == before + 1
    del fig
    gc.collect()
    assert prepared.held() == before  # a table or figure made for one rerun leaves nothing
