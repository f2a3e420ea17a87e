"""The data every screen reads: the published snapshot pinned once at the start of each run,
one read-only connection per snapshot per process, and cached reads keyed on the snapshot,
so a new snapshot shows at every process's next rerun and a run that started on snapshot K
finishes on K. Also whether a year's data are illustrative."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from countylines import ingest, store
from countylines.figures import comparability, nca, provenance
from countylines.settings import load_settings

CACHE_TTL = 600  # seconds: snapshots never change, so this only bounds memory
PIN_KEY = "_countylines_snapshot"
VIEWS_KEY = "_countylines_views"  # this run's box of views, looked up once a run
VIEW_ENTRIES = 512  # views kept per snapshot: (screen, year, selection) combinations
_MISSING = object()


@st.cache_resource(show_spinner="Preparing the data…")
def _store_ready(root: str) -> int:
    """Once per process and folder: the first snapshot made (or migrated) if there is none."""
    settings = load_settings()
    return ingest.ensure_store(root, settings.legacy_db, keep=settings.keep_snapshots)


@st.cache_resource(max_entries=4, show_spinner=False)
def _snapshot_connection(root: str, snapshot: int):
    """One read-only connection per snapshot per process; every read runs on its own cursor."""
    return store.open_snapshot(root, snapshot)


def store_root() -> Path:
    return load_settings().data_dir


def pin_snapshot() -> int:
    """Pins the published snapshot for this script run: dashboard.py calls it first, and every
    screen again (state.through_dashboard), as a screen can run without the router."""
    root = str(store_root())
    _store_ready(root)
    snapshot = store.current_snapshot(root)
    if snapshot is None:  # the folder was emptied while this process ran: start it again
        settings = load_settings()
        snapshot = ingest.ensure_store(root, settings.legacy_db, keep=settings.keep_snapshots)
    st.session_state[PIN_KEY] = (root, snapshot)
    st.session_state.pop(VIEWS_KEY, None)  # found again once this run (see view)
    return snapshot


def pin_or_explain() -> int:
    """pin_snapshot(), or a sentence and the end of the run when the store cannot be opened."""
    try:
        return pin_snapshot()
    except store.StoreError as error:
        st.error(f"The data could not be opened. {error}", icon=":material/error:")
        st.stop()


def _pinned() -> tuple[str, int]:
    # Every run pins first (the router, and each screen's through_dashboard), so what is
    # pinned holds this run's folder and snapshot; a run without a pin pins here.
    pinned = st.session_state.get(PIN_KEY)
    if pinned is None:
        pin_snapshot()
        pinned = st.session_state[PIN_KEY]
    return pinned


def snapshot_id() -> int:
    """The snapshot this run reads."""
    return _pinned()[1]


def connection():
    """The read-only connection to this run's snapshot."""
    root, snapshot = _pinned()
    try:
        return _snapshot_connection(root, snapshot)
    except store.SnapshotGone:  # pruned after this session pinned it: read the newest
        return _snapshot_connection(root, pin_snapshot())


@st.cache_data(ttl=CACHE_TTL, max_entries=512, show_spinner=False)
def _read(root: str, snapshot: int, name: str, *args) -> object:
    """store.NAME(*args) on the snapshot: the cache key holds the snapshot, never stale."""
    return getattr(store, name)(_snapshot_connection(root, snapshot), *args)


@st.cache_resource(max_entries=4, show_spinner=False)
def _views(root: str, snapshot: int) -> dict:
    """What the screens show (figures, tables, words) for one snapshot, shared by every session."""
    return {}


def view(name: str, *key, build):
    """build() once per (published snapshot, name, key), shared by every session and rerun.

    The snapshot is part of the key, so an import or a restore is seen at the next rerun. What
    build() returns is shared, not copied: the screens only read it."""
    pinned = _pinned()
    held = st.session_state.get(VIEWS_KEY)
    if held is None or held[0] != pinned:
        held = (pinned, _views(*pinned))
        st.session_state[VIEWS_KEY] = held
    box = held[1]
    wanted = (name, *key)
    found = box.get(wanted, _MISSING)
    if found is _MISSING:
        found = build()
        while len(box) >= VIEW_ENTRIES:  # the oldest first; each snapshot keeps its own box
            box.pop(next(iter(box)), None)
        box[wanted] = found
    return found


def _cached(name: str, *args):
    root, snapshot = _pinned()
    try:
        return _read(root, snapshot, name, *args)
    except store.SnapshotGone:  # pruned after this session pinned it: read the newest
        return _read(root, pin_snapshot(), name, *args)


def years() -> list[int]:
    """Every year with returns, newest first (shared: never changed in place)."""
    return view("years", build=lambda: _cached("years"))


def year_figures(year: int | None = None) -> pd.DataFrame:
    """NCA-style figures (with percent and labels) for a year, or every year."""
    raw = _cached("indicator_figures", year)
    return nca.add_labels(raw) if not raw.empty else raw


def force_returns(year: int) -> pd.DataFrame:
    return _cached("force_returns", year)


def force_answers(year: int, indicator: str) -> pd.DataFrame:
    return _cached("force_answers", year, indicator)


def year_answers(year: int) -> pd.DataFrame:
    return _cached("year_answers", year)


def force_profile(force_code: str) -> pd.DataFrame:
    return _cached("force_profile", force_code)


def flows(year: int) -> pd.DataFrame:
    return _cached("flows", year)


def exporter_reach(year: int) -> pd.DataFrame:
    return _cached("exporter_reach", year)


def importer_reach(year: int) -> pd.DataFrame:
    return _cached("importer_reach", year)


def published_figures(year: int) -> pd.DataFrame:
    return _cached("published_figures", year)


def year_sources() -> pd.DataFrame:
    return _cached("year_sources")


def import_log() -> pd.DataFrame:
    return _cached("import_log")


def history() -> pd.DataFrame:
    """The store's history as this run's snapshot carries it, newest first."""
    return store.history(connection(), _pinned()[0])


@st.cache_data(ttl=CACHE_TTL)
def year_questions() -> pd.DataFrame:
    """The questions each year's returns file asked (year, indicator, label)."""
    return store.year_questions(connection())


@st.cache_data(ttl=CACHE_TTL)
def line_totals(year: int) -> pd.DataFrame:
    return store.line_totals(connection(), year)


def part_statuses(kind: str = "returns") -> dict[int, str]:
    """{2017: 'illustrative', 2018: 'real'} for every year holding that part (provenance)."""
    return view("part_statuses", kind, build=lambda: provenance.statuses(year_sources(), kind))


def flow_years() -> list[int]:
    """Years a flows file has been imported for, newest first."""
    return view("flow_years", build=lambda: sorted(part_statuses("flows"), reverse=True))


def not_asked(year: int, indicators=None) -> pd.DataFrame:
    """Questions asked in another year held but not in this one (comparability.not_asked)."""
    return comparability.not_asked(year_questions(), year, indicators)


def clear_caches() -> None:
    """Not needed after an import (reads are keyed on the snapshot); frees memory."""
    st.cache_data.clear()


def illustrative_kinds(year: int) -> list[str]:
    """Which of the year's data are illustrative: "returns", "flows", both or neither."""

    def build() -> list[str]:
        sources = year_sources()
        held = sources[(sources["year"] == year) & sources["illustrative"].astype(bool)]
        return sorted(set(held["kind"]), reverse=True)

    return view("illustrative_kinds", year, build=build)


def is_illustrative(year: int) -> bool:
    """True when any of the year's data is illustrative: a screen may mix returns and flows,
    so it is labelled whenever either part is the demonstration set."""
    return bool(illustrative_kinds(year))


def year_figures_in(snapshot: int) -> pd.DataFrame:
    """Every year's figures as another kept snapshot holds them (what a restore would show)."""
    raw = _read(_pinned()[0], snapshot, "indicator_figures", None)
    return nca.add_labels(raw) if not raw.empty else raw
