"""A table as Streamlit sends it, converted once for each table shown, not on every rerun.

Streamlit turns a pandas table into Arrow every time a screen draws it (1.7 ms for the
National table). The screens' tables are built once per snapshot and shared (``data.view``),
so the conversion is made once for each table and kept exactly as long as the table lives: a
weak reference drops it when the table goes, so a table built afresh for one rerun leaves
nothing behind. What is shown is unchanged: Streamlit sends the same Arrow bytes either way.

Plotly figures are passed to Streamlit as figures: given a dict, Streamlit validates it by
building a whole new figure (130 ms for the flow map), far dearer than the deep copy it saves.
"""

from __future__ import annotations

import threading
import weakref

import pandas as pd
import pyarrow as pa

_LOCK = threading.Lock()
_MADE: dict[tuple[str, int], tuple[weakref.ref, object]] = {}


def _once(kind: str, obj, make):
    key = (kind, id(obj))
    with _LOCK:
        held = _MADE.get(key)
    if held is not None and held[0]() is obj:
        return held[1]
    made = make(obj)

    def forget(_ref, key=key):
        with _LOCK:
            current = _MADE.get(key)
            if current is not None and current[0] is _ref:
                del _MADE[key]

    with _LOCK:
        _MADE[key] = (weakref.ref(obj, forget), made)
    return made


def _arrow(frame: pd.DataFrame):
    try:
        return pa.Table.from_pandas(frame)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, ValueError, TypeError):
        return frame  # Streamlit's own conversion mends mixed columns; let it


def table(frame: pd.DataFrame):
    """The table as Streamlit sends it (an Arrow table), made once while the table lives."""
    return _once("table", frame, _arrow)


def held() -> int:
    """How many conversions are kept (for tests)."""
    with _LOCK:
        return len(_MADE)
