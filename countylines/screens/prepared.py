"""What Streamlit would convert on every rerun, converted once for each object shown.

Streamlit turns a pandas table into Arrow (1.7 ms for the National table) and a plotly figure
into a dict (a deep copy, about 1 ms) every time a screen draws them. The screens' tables and
figures are built once per snapshot and shared (``data.view``), so the conversion is made once
for each object and kept exactly as long as the object lives: a weak reference drops it when
the object goes, so a table built afresh for one rerun leaves nothing behind. What is shown is
unchanged: Streamlit sends the same Arrow bytes and the same figure JSON either way.
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


def figure(fig: go.Figure) -> dict:
    """The figure as Streamlit serialises it (plotly's dict), made once while the figure lives."""
    return _once("figure", fig, lambda f: f.to_dict())


def held() -> int:
    """How many conversions are kept (for tests)."""
    with _LOCK:
        return len(_MADE)
