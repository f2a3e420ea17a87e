"""The data every screen reads: one cached connection per process and cached named reads
(cleared at once by an import), and whether a year's data are illustrative."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countylines import ingest, store
from countylines.figures import comparability, nca, provenance
from countylines.settings import load_settings

CACHE_TTL = 600  # seconds; imports also clear the caches at once


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


@st.cache_data(ttl=CACHE_TTL)
def year_questions() -> pd.DataFrame:
    """The questions each year's returns file asked (year, indicator, label)."""
    return store.year_questions(connection())


@st.cache_data(ttl=CACHE_TTL)
def line_totals(year: int) -> pd.DataFrame:
    return store.line_totals(connection(), year)


def part_statuses(kind: str = "returns") -> dict[int, str]:
    """{2017: 'illustrative', 2018: 'real'} for every year holding that part (provenance)."""
    return provenance.statuses(year_sources(), kind)


def flow_years() -> list[int]:
    """Years a flows file has been imported for, newest first."""
    return sorted(part_statuses("flows"), reverse=True)


def not_asked(year: int, indicators=None) -> pd.DataFrame:
    """Questions asked in another year held but not in this one (comparability.not_asked)."""
    return comparability.not_asked(year_questions(), year, indicators)


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
