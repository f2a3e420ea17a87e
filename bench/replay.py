"""The reference pages of bench/screens.py and what they replay, captured from a screen.

REFERENCE is a Streamlit page that replays, from constants, a screen's figures, tables and
download buttons (the floor), or with the "all:" key every element the screen showed, its
words and controls too, nested as shown (the "every element" reference). With "prepared:"
before either, tables and figures are replayed as the screens send them: Arrow tables and
figures' dicts made once.
"""

from __future__ import annotations

import json

# The reference page: replays a screen's figures, tables and download buttons from constants.
REFERENCE = """
import json, os, pickle
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from countylines.screens.prepared import SentFigure

@st.cache_resource
def _constants(path):
    with open(path, "rb") as f:
        shown = pickle.load(f)
    def figures(elements):
        for element in elements:
            if element[0] == "chart":
                element[1] = go.Figure(json.loads(element[1]))
                element.append(SentFigure(element[1].to_dict()))  # as the screens send it
            elif element[0] in ("dataframe", "table"):
                element.append(pa.Table.from_pandas(element[1]))  # as the screens send it
            elif element[0] == "block":
                figures(element[2])

    for elements in shown.values():
        figures(elements)
    return shown

shown = _constants(os.environ["BENCH_REFERENCE"])
name = st.query_params.get("screen") or os.environ.get("BENCH_SCREEN", "")
# "prepared:": the floor with each table already an Arrow table and each figure's dict made,
# as the screens hand them over (countylines/screens/prepared.py): Streamlit converts neither.
prepared = name.startswith("prepared:")
name = name.removeprefix("prepared:")
numbers = iter(range(10**6))


@st.cache_resource
def component(name, html, css, js):
    return st.components.v2.component(
        f"bench_{name}", html=html or None, css=css or None, js=js or None, isolate_styles=False
    )


def draw(elements):
    for element in elements:
        number, kind = next(numbers), element[0]
        if kind == "chart":
            chart = element[3] if prepared else element[1]
            st.plotly_chart(chart, width="stretch", config=element[2], key=f"c{number}")
        elif kind == "dataframe":
            st.dataframe(element[2] if prepared else element[1], hide_index=True, width="stretch")
        elif kind == "table":
            st.table(element[2] if prepared else element[1], hide_index=True)
        elif kind == "download":
            data = (lambda: b"") if element[2] else b"x"
            st.download_button(element[1], data, file_name="x.csv", key=f"d{number}", on_click="ignore")
        # The words and controls, replayed only for the "every element" floor:
        elif kind == "block":
            with st.sidebar if element[1] == "sidebar" else st.container():
                draw(element[2])
        elif kind == "markdown":
            st.markdown(element[1], unsafe_allow_html=True)
        elif kind == "caption":
            st.caption(element[1], unsafe_allow_html=True)
        elif kind == "html":
            st.html(element[1])
        elif kind == "alert":
            st.warning(element[1])
        elif kind == "code":
            st.code(element[1])
        elif kind == "choice":
            st.selectbox(element[1], element[2], key=f"w{number}")
        elif kind == "choices":
            st.multiselect(element[1], element[2], key=f"w{number}")
        elif kind == "toggle":
            st.toggle(element[1], key=f"w{number}")
        elif kind == "text_input":
            st.text_input(element[1], key=f"w{number}")
        elif kind == "upload":
            st.file_uploader(element[1], key=f"w{number}")
        elif kind == "button":
            st.button(element[1], key=f"w{number}")
        elif kind == "component":  # a component the screen drew: the same code, mounted with its data
            mount = component(*element[1:5])
            mount(data=json.loads(element[5] or "null"), key=f"w{number}", height=0)


draw(shown.get(name, []))
"""


FLOOR = ("chart", "dataframe", "table", "download")


def captured(at) -> list[list]:
    """What the screen showed that the floor replays: figures, tables, download buttons, in order."""
    return [element for element in _leaves(captured_all(at._tree)) if element[0] in FLOOR]


def _leaves(elements: list[list]):
    for element in elements:
        if element[0] == "block":
            yield from _leaves(element[2])
        else:
            yield element


BLOCKS = {"flex_container", "column", "expander", "tab_container", "tab", "popover", "sidebar", "container"}
HEADINGS = {"title", "header", "subheader"}


def captured_all(node) -> list[list]:
    """Every element the screen showed, words and controls too, nested as shown: what the
    'every element' floor replays (a block as a plain container, a page link as its words)."""
    out = []
    for child in getattr(node, "children", {}).values():
        kind = getattr(child, "type", "")
        proto = getattr(child, "proto", None)
        if kind in ("main", "event"):
            out.extend(captured_all(child))
        elif kind in BLOCKS:
            out.append(["block", kind, captured_all(child)])
        elif kind == "plotly_chart":
            out.append(["chart", proto.spec, json.loads(proto.config or "{}")])
        elif kind in ("dataframe", "table"):
            out.append([kind, child.value])
        elif kind == "download_button":
            out.append(["download", child.label, bool(proto.deferred_file_id) or not proto.url])
        elif kind in HEADINGS or kind == "markdown":
            out.append(["markdown", proto.body])
        elif kind == "caption":
            out.append(["caption", proto.body])
        elif kind == "html":
            out.append(["html", proto.body])
        elif kind in ("warning", "info", "success", "error"):
            out.append(["alert", proto.body])
        elif kind == "code":
            out.append(["code", proto.code_text])
        elif kind == "selectbox":
            out.append(["choice", child.label, list(proto.options)])
        elif kind == "multiselect":
            out.append(["choices", child.label, list(proto.options)])
        elif kind in ("toggle", "checkbox"):
            out.append(["toggle", child.label])
        elif kind == "text_input":
            out.append(["text_input", child.label])
        elif kind == "file_uploader":
            out.append(["upload", child.label])
        elif kind == "button":
            out.append(["button", child.label])
        elif kind == "bidi_component":
            out.append(
                [
                    "component",
                    proto.component_name,
                    proto.html_content,
                    proto.css_content,
                    proto.js_content,
                    proto.json,
                ]
            )
        elif kind == "page_link":
            out.append(["markdown", proto.label])
        elif getattr(child, "children", None):  # any other block (a form, a dialog): its contents
            out.append(["block", kind, captured_all(child)])
    return out


def element_counts(elements: list[list]) -> str:
    kinds = [e[0] for e in elements]
    return ", ".join(f"{kinds.count(k)} {k}" for k in ("chart", "dataframe", "table", "download") if k in kinds)
