"""What every screen shows the same way: the illustrative banner, the source line, and under
each chart its table and downloads (CSV, Excel, PNG) carrying source, base and status."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
import threading
from collections import OrderedDict

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from countylines import ILLUSTRATIVE_NOTICE
from countylines.draw import exports, images
from countylines.figures import nca, provenance
from countylines.figures.words import and_list
from countylines.screens import data, prepared
from countylines.settings import ROOT

STATIC = ROOT / "static"  # the project's own style sheets, scripts and favicon

# Plotly's toolbar without the buttons that confuse non-analysts; the PNG download stays
# and works offline (it renders in the browser).
PLOTLY_CONFIG = {
    "displaylogo": False,
    # No "download as png" in the chart's toolbar: that image would carry no source, base or
    # illustrative notice. image_download() gives a stamped one instead.
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines", "toImage"],
}


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# GitHub's autolinks are found in the text after escapes are undone (a link from "www.x.org",
# "http://x.org" or "a@x.org" whatever the backslashes): an invisible word joiner breaks them.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=\\:)(?=\\/)|(?<=www)(?=\\\.)|(?=\\@)")


def plain(text) -> str:
    """Text from a user (a cell, a file name, a note, a sheet or analyst name) made safe for
    anything Streamlit reads as Markdown (st.markdown, st.table cells, alerts, labels): every
    ASCII punctuation mark is backslash-escaped, so no link, image, HTML, emphasis, shortcode
    or formula can form; a word joiner (invisible) stops "http://", "www." and "a@b" becoming
    links; line breaks become spaces so it stays inside its sentence. The reader sees exactly
    the text typed. (st.dataframe and widget options show plain text already: never pass
    them this.)"""
    escaped = _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))
    return _AUTOLINK.sub(WORD_JOINER, escaped)


def small(text: str) -> str:
    """Our own text in small type inside a Markdown element (a caption's size, in the text
    colour): one element where a caption would be a second. Brackets are escaped, as one
    would end the small type early. Not for a user's text: that goes through ``plain``."""
    return ":small[" + text.replace("[", "\\[").replace("]", "\\]") + "]"


def disclosures(entries: list[tuple[str, str]], expanded: bool) -> str:
    """Our own (title, Markdown body) entries as one Markdown element of native disclosure
    widgets (<details>/<summary>, what st.expander draws too): each opens and closes with a
    click, Enter or Space and is announced as collapsed or expanded, for one element where
    expanders would be two an entry. Titles are HTML-escaped; bodies stay Markdown (the blank
    lines end each HTML block). Styled like an expander by ``DISCLOSURE_STYLE``. Not for a
    user's text."""
    opened = " open" if expanded else ""
    return "\n\n".join(
        f'<details class="cl-disclosure"{opened}><summary>{html.escape(title)}</summary>\n\n{body}\n\n</details>'
        for title, body in entries
    )


DISCLOSURE_STYLE = """
details.cl-disclosure { border: 1px solid color-mix(in srgb, currentColor 20%, transparent);
                         border-radius: 0.5rem; margin-bottom: 0.75rem; }
details.cl-disclosure > summary { cursor: pointer; padding: 0.75rem 1rem; list-style-position: inside; }
details.cl-disclosure[open] > summary { padding-bottom: 0.5rem; }
details.cl-disclosure > :not(summary) { margin: 0 1rem 0.75rem 1rem; }
"""


def plain_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of a table for st.table (which renders Markdown) made plain."""
    return frame.map(lambda value: plain(value) if isinstance(value, str) else value)


def status_banner(year: int) -> None:
    """Says plainly, on every screen, when the year's data is illustrative."""
    text = data.view("status_banner", year, build=lambda: banner_text(year))
    if text:
        st.warning(text, icon=":material/info:")


def banner_text(year: int) -> str:
    """The illustrative banner's words for a year, or '' when none of its data is invented."""
    kinds = data.illustrative_kinds(year)
    if not kinds:
        return ""
    held = set(data.year_sources().query("year == @year")["kind"])
    if set(kinds) >= held:
        text = (
            f"**{ILLUSTRATIVE_NOTICE}.** The {year} figures on this screen come from an invented "
            "demonstration set shaped to resemble the published NCA reports (its 2017 national "
            "counts match the NCA's printed counts). No force's answers here are real."
        )
    elif kinds == ["flows"]:
        text = (
            f"**{ILLUSTRATIVE_NOTICE}: the {year} flows.** The {year} force returns were imported as "
            f"real, but the {year} flows between forces (who exports lines into whom: the maps and "
            f"exporter figures) are still the invented demonstration set. Import a flows file for "
            f"{year} to replace them."
        )
    else:
        text = (
            f"**{ILLUSTRATIVE_NOTICE}: the {year} returns.** The {year} flows between forces were "
            f"imported as real, but the {year} force returns (every percentage of forces) are still "
            f"the invented demonstration set. Import a returns file for {year} to replace them."
        )
    return text


def source_text(year: int) -> str:
    status = "illustrative demonstration data" if data.is_illustrative(year) else "police force returns"
    return f"Source: {status} to the National Crime Agency county lines collection, {year}"


def chart_with_table(
    fig: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    year: int,
    base: str,
    title: str,
    notes: str = "",
    source: str | None = None,
    years: list[int] | None = None,
) -> None:
    """A chart, its one-line source and base, a 'show as table' alternative and downloads.

    ``years``: every year a chart across years shows, so its downloads carry each year's
    status and name each year's forces with no return (default: ``year`` alone)."""
    alt = (fig.layout.meta or {}).get("alt") if isinstance(fig.layout.meta, dict) else None
    # Streamlit gives the chart an accessible name from alt; plotly's SVG has none of its own.
    st.plotly_chart(
        prepared.figure(fig), width="stretch", config=PLOTLY_CONFIG, key=f"chart_{key}", alt=alt or None
    )
    source_line = source or source_text(year)
    st.caption(f"{source_line}. {base}.")
    table_and_downloads(
        table, key=key, year=year, base=base, title=title, notes=notes, source=source_line, figure=fig, years=years
    )


def table_and_downloads(
    table: pd.DataFrame,
    *,
    key: str,
    year: int,
    base: str,
    title: str,
    notes: str = "",
    source: str | None = None,
    expanded: bool = False,
    figure: go.Figure | None = None,
    years: list[int] | None = None,
) -> None:
    with st.expander("Show as table", expanded=expanded):
        st.dataframe(prepared.table(table), hide_index=True, width="stretch")
    download_buttons(
        table, key=key, year=year, base=base, title=title, notes=notes, source=source, figure=figure, years=years
    )


def download_buttons(
    table: pd.DataFrame,
    *,
    key: str,
    year: int,
    base: str,
    title: str,
    notes: str = "",
    source: str | None = None,
    container=None,
    figure: go.Figure | None = None,
    years: list[int] | None = None,
) -> None:
    """CSV and Excel downloads of a table, each carrying its source, base and status; and the
    chart as a PNG stamped with the same when a figure is given. Forces with no return
    that year (each of ``years``, for a table across years) are named in every one."""
    spans = tuple(sorted(set(years))) if years else None
    wanted = (year, spans, title, source, base, notes)
    about, illustrative, gap = data.view(
        "download_about",
        *wanted,
        build=lambda: _download_about(year, spans, title=title, source=source, base=base, notes=notes),
    )
    # A row that wraps, each button as wide as its label: in columns a narrow window cut
    # the labels ("Download Ex..."), and one layout element costs less than four columns.
    row = (container or st).container(horizontal=True, gap="small")
    stem = exports.file_stem(key, title, year)
    # on_click="ignore": a click on a download must not rerun the screen. A rerun gives every
    # deferred (PNG) button a new file id and drops the old one, so a PNG click made before
    # the browser hears of the new id failed with "MediaFileStorageError: Deferred file ...
    # not found" and the image was silently lost.
    # The bytes are made when the reader clicks (Streamlit's deferred data), never on a rerun.
    row.download_button(
        "Download CSV",
        deferred(exports.csv_bytes, table, about),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    row.download_button(
        "Download Excel",
        deferred(exports.xlsx_bytes, table, about),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    if figure is not None:
        with row:
            image_download(
                figure,
                key=key,
                title=title,
                source=about.source,
                base=f"{base}. {gap}" if gap else base,
                illustrative=illustrative,
                file_stem=stem,
            )


_MADE: OrderedDict = OrderedDict()  # (maker, About, content digest) -> bytes, newest last
_MADE_LOCK = threading.Lock()
MADE_ENTRIES = 64


def _kept(wanted: tuple | None, make) -> bytes:
    """make(), or the bytes it made before for the same ``wanted`` key (None: not kept)."""
    if wanted is not None:
        with _MADE_LOCK:
            if wanted in _MADE:
                _MADE.move_to_end(wanted)
                return _MADE[wanted]
    content = make()
    if wanted is not None:
        with _MADE_LOCK:
            _MADE[wanted] = content
            while len(_MADE) > MADE_ENTRIES:
                _MADE.popitem(last=False)
    return content


def _table_digest(table: pd.DataFrame) -> str | None:
    try:
        digest = hashlib.sha256(pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes())
    except TypeError:  # a cell pandas cannot hash (a list): made afresh each click
        return None
    digest.update(repr(list(table.columns)).encode())
    return digest.hexdigest()


def deferred(make, table: pd.DataFrame, about: exports.About):
    """A callable for download_button's data: make(table, about) when the reader clicks, kept once
    made (the same table and About give the same bytes, whoever clicks). It runs on a server
    thread outside the script run, so it holds everything it needs."""

    def made() -> bytes:
        digest = _table_digest(table)
        wanted = (make.__qualname__, about, digest) if digest else None
        return _kept(wanted, lambda: make(table, about))

    return made


def deferred_png(fig: go.Figure, about: exports.About, illustrative: bool):
    """The chart's stamped PNG when clicked (kaleido), kept once drawn."""

    def made() -> bytes:
        digest = hashlib.sha256(fig.to_json().encode()).hexdigest()
        return _kept(
            ("chart_png", about, illustrative, digest), lambda: images.chart_png(fig, about, illustrative)
        )

    return made


def _download_about(
    year: int, years: tuple[int, ...] | None, *, title: str, source: str | None, base: str, notes: str
) -> tuple[exports.About, bool, str]:
    """What a download carries: its About, whether any year is illustrative, who made no return."""
    spans = years or (year,)
    gaps = [(y, no_return_text(y)) for y in spans]
    gap = "; ".join(text for _, text in gaps if text)
    illustrative = any(data.is_illustrative(y) for y in spans)
    about = exports.About(
        title=title,
        source=source or source_text(year),
        base=base,
        status=provenance.mixed_status(data.part_statuses(), list(spans))
        if years
        else nca.status_text(illustrative),
        notes=" ".join([notes, *(f"{text}: outside every {y} base." for y, text in gaps if text)]).strip(),
    )
    return about, illustrative, gap


def image_download(
    fig: go.Figure,
    *,
    key: str,
    title: str,
    source: str,
    base: str,
    illustrative: bool,
    label: str = "Download chart (PNG)",
    file_stem: str | None = None,
) -> None:
    """The chart as a PNG 1280 wide that carries its title, source, base, status and, for
    demo data, the illustrative notice. Drawn only when clicked (kaleido and Chromium on the
    server; nothing is fetched from outside). Without Chromium a caption says why not."""
    if not images.images_available():
        st.caption("Chart images need Chromium on the server; the CSV and Excel downloads carry the data.")
        return
    about = exports.About(title=title, source=source, base=base, status=nca.status_text(illustrative))
    stem = file_stem or exports.file_stem(key, title)
    st.download_button(
        label,
        deferred_png(fig, about, illustrative),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"png_{key}",
        icon=":material/image:",
        on_click="ignore",
    )


def returns_line(year: int) -> None:
    """'43 of 43 expected force returns received', naming any force with no return."""
    st.markdown(data.view("returns_line", year, build=lambda: _returns_text(year)))


def _returns_text(year: int) -> str:
    frame = data.force_returns(year)
    received = int(frame["returned"].sum())
    missing = frame.loc[~frame["returned"], "name"].tolist()
    text = f"**{received} of {len(frame)} expected force returns received for {year}.**"
    if missing:
        text += " No return from " + and_list(missing) + "; they are left out of every base."
    return text


def no_return_text(year: int) -> str:
    """'No 2016 return from Gwent and Lincolnshire', or '' when every force made one.

    Carried by every download, so a table or image quoted on its own still names them."""
    return data.view("no_return_text", year, build=lambda: _no_return_text(year))


def _no_return_text(year: int) -> str:
    frame = data.force_returns(year)
    missing = frame.loc[~frame["returned"], "name"].tolist()
    if not missing or len(missing) == len(frame):
        return ""
    return f"No {year} return from {and_list(missing)}"


def page_style(css: str) -> None:
    """One style sheet a run (one element): ``css`` and static/narrow.css."""
    st.html(f"<style>{css}{static_text('narrow.css')}</style>")


def narrow_window() -> None:
    """A narrow window (800 px) starts with the sidebar closed (static/narrow.js; its words
    wrap between words by static/narrow.css, in ``page_style``)."""
    script = static_text("narrow.js")
    st.html(f'<div class="cl-script"><script>{script}</script></div>', unsafe_allow_javascript=True)


@functools.cache
def favicon() -> str:
    """static/favicon.png as a data URL, made once: handed a file name, st.set_page_config
    reads the file and registers it with the media store again on every run of every screen."""
    png = (STATIC / "favicon.png").read_bytes()
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@functools.cache
def static_text(name: str) -> str:
    """A style sheet or script of the project's own in static/, read once per process."""
    return (STATIC / name).read_text(encoding="utf-8")
