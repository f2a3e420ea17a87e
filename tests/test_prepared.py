"""screens/prepared.py: a shared table is converted once, and forgotten with it."""

import gc

import pandas as pd
import pyarrow as pa

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
