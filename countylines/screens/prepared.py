"""What Streamlit would convert on every rerun, converted once for each table or figure shown.

Streamlit turns a pandas table into Arrow (1.7 ms for the National table) and a plotly figure
into a dict, a deep copy with every array walked (1 ms for a bar chart, 23 ms for the flow
map), each time a screen draws them. The screens' tables and figures are built once per
snapshot and shared (``data.view``), so each conversion is made once and kept exactly as long
as its object lives: a weak reference drops it when the object goes, so a table or figure
built afresh for one rerun leaves nothing behind. What is shown is unchanged: Streamlit sends
the same Arrow bytes and the same figure JSON either way (tests/test_prepared.py).
"""

from __future__ import annotations

import threading
import weakref

import pandas as pd
import plotly.graph_objects as go
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


class SentFigure(go.Figure):
    """A figure already converted: ``to_dict()`` gives the dict made once.

    st.plotly_chart asks a figure for ``to_dict()`` and nothing else (streamlit 1.67,
    elements/plotly_chart.py). Handing it a plain dict instead would be worse: Streamlit then
    validates the dict by building a whole new figure (130 ms for the flow map). Made without
    plotly's own set-up, as the figure it stands for was built and validated already; the
    dict is shared, and nothing that reads it changes it."""

    def __init__(self, made: dict):  # not super().__init__: that would validate it all again
        self._made = made

    def to_dict(self) -> dict:
        return self._made

    def __repr__(self) -> str:
        return f"SentFigure({len(self._made.get('data', []))} traces)"


def figure(fig: go.Figure) -> go.Figure:
    """The figure for st.plotly_chart, its dict made once while the figure lives."""
    return _once("figure", fig, lambda f: SentFigure(f.to_dict()))


def held() -> int:
    """How many conversions are kept (for tests)."""
    with _LOCK:
        return len(_MADE)
