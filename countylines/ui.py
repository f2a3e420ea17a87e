"""Streamlit pieces every screen shares: the cached connection and reads, URL state,
the illustrative banner, and the source line, table and downloads under each chart.

The only package module besides pages that imports streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from countylines import ILLUSTRATIVE_NOTICE, ingest, store
from countylines.draw import exports
from countylines.figures import nca
from countylines.figures.words import and_list
from countylines.settings import load_settings

CACHE_TTL = 600  # seconds; imports also clear the caches at once

# Plotly's toolbar without the buttons that confuse non-analysts; the PNG download stays
# and works offline (it renders in the browser).
PLOTLY_CONFIG = {
    "displaylogo": False,
    # No "download as png" in the chart's toolbar: that image would carry no source, base or
    # illustrative notice. image_download() gives a stamped one instead.
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines", "toImage"],
}


ROUTED_KEY = "_countylines_routed"


def through_dashboard() -> None:
    """Reruns a screen through dashboard.py when Streamlit ran its file on its own.

    On a freshly started server Streamlit serves the first visit to a screen's URL straight
    from pages/ (its old folder-based navigation), without dashboard.py's navigation and
    styles. Streamlit switches that off as soon as dashboard.py calls st.navigation, so one
    rerun shows the screen as intended. Every screen calls this first.
    """
    if st.session_state.get(ROUTED_KEY):
        return
    st.session_state[ROUTED_KEY] = True  # never loop, whatever happens
    try:
        # What st.navigation itself sets; the folder fallback only sets it after our
        # router has run once, which on this first visit it has not.
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
    except (ImportError, AttributeError):  # a later Streamlit without the folder fallback
        pass
    st.rerun()


# Data ---------------------------------------------------------------------------------


@st.cache_resource
def connection():
    """One DuckDB connection per process; every read runs on its own cursor."""
    return ingest.open_database(load_settings().db_path)


@st.cache_data(ttl=CACHE_TTL)
def years() -> list[int]:
    return store.years(connection())


@st.cache_data(ttl=CACHE_TTL)
def year_figures(year: int | None = None) -> pd.DataFrame:
    """NCA-style figures (with percent and labels) for a year, or every year."""
    raw = store.indicator_figures(connection(), year)
    return nca.add_labels(raw) if not raw.empty else raw


@st.cache_data(ttl=CACHE_TTL)
def force_returns(year: int) -> pd.DataFrame:
    return store.force_returns(connection(), year)


@st.cache_data(ttl=CACHE_TTL)
def force_answers(year: int, indicator: str) -> pd.DataFrame:
    return store.force_answers(connection(), year, indicator)


@st.cache_data(ttl=CACHE_TTL)
def year_answers(year: int) -> pd.DataFrame:
    return store.year_answers(connection(), year)


@st.cache_data(ttl=CACHE_TTL)
def force_profile(force_code: str) -> pd.DataFrame:
    return store.force_profile(connection(), force_code)


@st.cache_data(ttl=CACHE_TTL)
def flows(year: int) -> pd.DataFrame:
    return store.flows(connection(), year)


@st.cache_data(ttl=CACHE_TTL)
def exporter_reach(year: int) -> pd.DataFrame:
    return store.exporter_reach(connection(), year)


@st.cache_data(ttl=CACHE_TTL)
def importer_reach(year: int) -> pd.DataFrame:
    return store.importer_reach(connection(), year)


@st.cache_data(ttl=CACHE_TTL)
def published_figures(year: int) -> pd.DataFrame:
    return store.published_figures(connection(), year)


@st.cache_data(ttl=CACHE_TTL)
def year_sources() -> pd.DataFrame:
    return store.year_sources(connection())


def clear_caches() -> None:
    st.cache_data.clear()


def illustrative_kinds(year: int) -> list[str]:
    """Which of the year's data are illustrative: "returns", "flows", both or neither."""
    sources = year_sources()
    held = sources[(sources["year"] == year) & sources["illustrative"].astype(bool)]
    return sorted(set(held["kind"]), reverse=True)


def is_illustrative(year: int) -> bool:
    """True when any of the year's data is illustrative: a screen may mix returns and flows,
    so it is labelled whenever either part is the demonstration set."""
    return bool(illustrative_kinds(year))


# URL state ----------------------------------------------------------------------------


def url_choice(
    name: str,
    label: str,
    options: Sequence,
    default,
    format_func=str,
    parse=str,
    help: str | None = None,
    container=None,
):
    """A select box whose value lives in the URL (?name=value) so a copied link reopens it.

    A value in the URL that is not one of the options falls back to the default with a
    notice, never a traceback.
    """
    options = list(options)
    wanted = st.query_params.get(name)
    chosen = default
    if wanted is not None:
        try:
            candidate = parse(wanted)
        except (TypeError, ValueError):
            candidate = None
        if candidate in options:
            chosen = candidate
        else:
            shown = re.sub(r"[^\w .&'-]", "", str(wanted))[:60]
            st.info(
                f"The link asked for {label.lower()} “{shown}”, which is not available here; "
                f"showing {format_func(default)} instead."
            )
    where = container or st
    value = where.selectbox(
        label, options, index=options.index(chosen), format_func=format_func, help=help, key=f"url_{name}"
    )
    st.query_params[name] = str(value)
    return value


def parse_force(text: str) -> str:
    """A force code from a URL value that may be a code or a name (?force=Norfolk)."""
    from countylines import catalogue

    force = catalogue.force_matcher().match(text)
    if force is None:
        raise ValueError(text)
    return force.code


def year_choice(container=None) -> int | None:
    held = years()
    if not held:
        st.warning("There are no returns in the database yet. Import a returns file to begin.")
        return None
    return url_choice("year", "Year", held, held[0], parse=int, container=container)


# Status and source ---------------------------------------------------------------------


def status_banner(year: int) -> None:
    """Says plainly, on every screen, when the year's data is illustrative."""
    kinds = illustrative_kinds(year)
    held = set(year_sources().query("year == @year")["kind"])
    if not kinds:
        return
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
    st.warning(text, icon=":material/info:")


def source_text(year: int) -> str:
    status = "illustrative demonstration data" if is_illustrative(year) else "police force returns"
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
) -> None:
    """A chart, its one-line source and base, a 'show as table' alternative and downloads."""
    alt = (fig.layout.meta or {}).get("alt") if isinstance(fig.layout.meta, dict) else None
    # Streamlit gives the chart an accessible name from alt; plotly's SVG has none of its own.
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=f"chart_{key}", alt=alt or None)
    source_line = source or source_text(year)
    st.caption(f"{source_line}. {base}.")
    table_and_downloads(
        table, key=key, year=year, base=base, title=title, notes=notes, source=source_line, figure=fig
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
) -> None:
    with st.expander("Show as table", expanded=expanded):
        st.dataframe(table, hide_index=True, width="stretch")
    download_buttons(table, key=key, year=year, base=base, title=title, notes=notes, source=source, figure=figure)


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
) -> None:
    """CSV and Excel downloads of a table, each carrying its source, base and status; and the
    chart as a PNG stamped with the same when a figure is given. Forces with no return
    that year are named in every one."""
    gap = no_return_text(year)
    about = exports.About(
        title=title,
        source=source or source_text(year),
        base=base,
        status=nca.status_text(is_illustrative(year)),
        notes=" ".join(part for part in (notes, f"{gap}: outside every {year} base." if gap else "") if part),
    )
    left, right, third, _ = (container or st).columns([1, 1, 1.4, 1.6])
    stem = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:60] or key
    left.download_button(
        "Download CSV",
        exports.csv_bytes(table, about),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        icon=":material/download:",
    )
    right.download_button(
        "Download Excel",
        exports.xlsx_bytes(table, about),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        icon=":material/download:",
    )
    if figure is not None:
        with third:
            image_download(
                figure,
                key=key,
                title=title,
                source=about.source,
                base=f"{base}. {gap}" if gap else base,
                illustrative=is_illustrative(year),
                file_stem=stem,
            )


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
    """The chart as a 1280x720 PNG that carries its title, source, base, status and, for
    demo data, the illustrative notice. Drawn only when clicked (kaleido and Chromium on the
    server; nothing is fetched from outside). Without Chromium a caption says why not."""
    if not exports.images_available():
        st.caption("Chart images need Chromium on the server; the CSV and Excel downloads carry the data.")
        return
    about = exports.About(title=title, source=source, base=base, status=nca.status_text(illustrative))
    stem = file_stem or re.sub(r"[^a-z0-9]+", "_", (title or key).lower()).strip("_")[:60] or key
    st.download_button(
        label,
        lambda: exports.chart_png(fig, about, illustrative),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"png_{key}",
        icon=":material/image:",
    )


def returns_line(year: int) -> None:
    """'43 of 43 expected force returns received', naming any force with no return."""
    frame = force_returns(year)
    received = int(frame["returned"].sum())
    missing = frame.loc[~frame["returned"], "name"].tolist()
    text = f"**{received} of {len(frame)} expected force returns received for {year}.**"
    if missing:
        text += " No return from " + and_list(missing) + "; they are left out of every base."
    st.markdown(text)


def no_return_text(year: int) -> str:
    """'No 2016 return from Gwent and Lincolnshire', or '' when every force made one.

    Carried by every download, so a table or image quoted on its own still names them."""
    frame = force_returns(year)
    missing = frame.loc[~frame["returned"], "name"].tolist()
    if not missing or len(missing) == len(frame):
        return ""
    return f"No {year} return from {and_list(missing)}"
