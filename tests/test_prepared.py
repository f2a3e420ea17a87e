"""screens/prepared.py: a shared table or figure is converted once, sent the same, and forgotten with it."""

import gc
import sys

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from countylines.screens import prepared


def test_a_table_is_converted_once_and_the_same_table_comes_back():
    frame = pd.DataFrame({"Question": ["Knives", "Firearms"], "Yes": [35, 32]})
    first = prepared.table(frame)
    assert isinstance(first, pa.Table)
    assert prepared.table(frame) is first  # the second rerun converts nothing
    assert first.to_pandas().equals(frame)  # what Streamlit sends is the same table


def test_a_conversion_goes_when_its_object_goes():
    gc.collect()  # what earlier tests left goes first
    before = prepared.held()
    frame = pd.DataFrame({"a": [1, 2, 3]})
    other = pd.DataFrame({"b": [4]})
    prepared.table(frame)
    prepared.table(other)
    assert prepared.held() == before + 2
    del frame
    gc.collect()
    assert prepared.held() == before + 1
    del other
    gc.collect()
    assert prepared.held() == before  # a table made for one rerun leaves nothing behind


def _two_charts():
    import numpy as np
    import plotly.graph_objects as go
    import streamlit as st

    from countylines.screens import prepared

    # numpy arrays: plotly sends them base64-encoded, the path the flow map's arrays take
    fig = go.Figure(
        go.Scatter(x=np.array([1.5, 2.25, 3.0]), y=np.array([3, 4, 2]), mode="lines", name="Flows"),
        layout={"title": {"text": "Lines from the Met"}, "meta": {"alt": "Three lines"}},
    )
    st.plotly_chart(fig, key="as_built")
    st.plotly_chart(prepared.figure(fig), key="prepared")
    st.plotly_chart(prepared.figure(fig), key="again")


def test_streamlit_sends_a_prepared_figure_exactly_as_the_figure(monkeypatch):
    # Streamlit's script runner makes the script sys.modules["__main__"]; put it back after, or a
    # later multiprocessing child (forkserver) would run this test's script as its main module.
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
    at = AppTest.from_function(_two_charts).run()
    assert not at.exception
    built, once, again = (chart.proto.spec for chart in at.get("plotly_chart"))
    assert once == built and again == built
    assert '"bdata"' in built  # the arrays went as base64, the same in both


def test_a_figure_is_converted_once_while_it_lives():
    gc.collect()
    before = prepared.held()
    fig = go.Figure(go.Bar(x=np.array([88, 81]), y=["County lines activity", "Imports"], orientation="h"))
    sent = prepared.figure(fig)
    assert isinstance(sent, go.Figure)  # what st.plotly_chart accepts as a figure
    assert prepared.figure(fig) is sent
    assert sent.to_dict() is sent.to_dict()  # no deep copy on each rerun
    assert prepared.held() == before + 1
    del fig, sent
    gc.collect()
    assert prepared.held() == before
