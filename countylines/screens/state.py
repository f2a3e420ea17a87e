"""What a screen remembers in its URL (?year=, ?force=, ...) so a copied link reopens the same
view, checked on the way in; the router's pages; and the rerun through the router on a
first visit."""

from __future__ import annotations

import contextlib
import copy
import inspect
import re
import threading
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from countylines import catalogue
from countylines.screens import data

ROUTED_KEY = "_countylines_routed"

# The choices that follow the reader from screen to screen. Streamlit clears the URL's query
# parameters when the sidebar moves to another screen, and a select box's state goes with
# the screen it was on; a plain session-state entry survives both. Only what the reader chose
# (by the box or a link) is remembered: a screen's own default never overrides another's.
REMEMBERED = ("year", "force")
MEMORY_KEY = "_countylines_chosen"
SCREEN_KEY = "_countylines_screen"  # the screen running now: its file name in pages/
PARAMS_KEY = "_countylines_params"  # screen -> the query parameters it last showed
WRITTEN_KEY = "_countylines_written"  # name -> the value a screen last put in the URL
CAME_FROM_KEY = "_countylines_came_from"  # (screen, params) of the screen before Present
PRESENT = "present"
PRESENT_CHOOSING = "present_choosing"  # presenting mode's set-up dialog is open

_THIS_RUN = threading.local()  # set while the router runs a screen, in the script's thread


@contextlib.contextmanager
def routed():
    """dashboard.py runs the chosen screen inside this: the screen then knows the router has
    pinned this run's snapshot. A screen Streamlit runs on its own pins it itself."""
    _THIS_RUN.routed = True
    try:
        yield
    finally:
        _THIS_RUN.routed = False


_ROUTES: dict[str, dict] = {}  # main script folder -> the router's pages, built once
_ROUTES_LOCK = threading.Lock()


def routes(build) -> dict[str, list]:
    """The router's pages (``build()``: section -> st.Page list), built once per process and
    handed to each run as copies. st.Page looks each file up on the disk (0.6 ms a rerun for
    13 screens); st.navigation marks the page it returns as runnable and its run() unmarks it,
    so each run gets its own copies and one session's mark never meets another's."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    key = str(ctx.pages_manager.main_script_parent) if ctx is not None else ""
    with _ROUTES_LOCK:
        built = _ROUTES.get(key)
        if built is None:
            built = _ROUTES[key] = build()
    return {section: [copy.copy(page) for page in pages] for section, pages in built.items()}


def entering(screen: str) -> None:
    """Notes the screen now running (``through_dashboard`` calls it), and when Present is
    opened, the screen and choices the presenter came from (where leaving returns to)."""
    previous = st.session_state.get(SCREEN_KEY)
    if screen == PRESENT and previous != PRESENT:
        # Opened afresh: the slide, not a set-up dialog left open (by the browser's Back).
        st.session_state.pop(PRESENT_CHOOSING, None)
        if previous is not None:
            shown = st.session_state.get(PARAMS_KEY, {}).get(previous, {})
            st.session_state[CAME_FROM_KEY] = (previous, dict(shown))
    st.session_state[SCREEN_KEY] = screen


def came_from(year: int) -> tuple[str, dict[str, str]]:
    """(page file, query parameters) to leave presenting mode for: the screen the presenter
    came from with its choices, or the national picture for the year shown."""
    screen, params = st.session_state.get(CAME_FROM_KEY, ("national", {"year": str(year)}))
    return f"pages/{screen}.py", params


def _remember(name: str, value) -> None:
    if name in REMEMBERED:
        st.session_state.setdefault(MEMORY_KEY, {})[name] = value


def _remember_box(name: str) -> None:
    """The select box's on_change: the reader picked a value, so later screens follow it."""
    _remember(name, st.session_state.get(f"url_{name}"))


def _note_params() -> None:
    screen = st.session_state.get(SCREEN_KEY)
    if screen is not None:
        st.session_state.setdefault(PARAMS_KEY, {})[screen] = st.query_params.to_dict()


def through_dashboard() -> None:
    """Reruns a screen through dashboard.py when Streamlit ran its file on its own.

    On a freshly started server Streamlit serves the first visit to a screen's URL straight
    from pages/ (its old folder-based navigation), without dashboard.py's navigation and
    styles. Streamlit switches that off as soon as dashboard.py calls st.navigation, so one
    rerun shows the screen as intended. Every screen calls this first, so a screen run on its
    own (the first visit, or AppTest opening a page file) pins the snapshot it reads from start
    to finish here; run by the router, it reads the one the router pinned (``routed``).
    """
    if not getattr(_THIS_RUN, "routed", False):  # the router pinned this run's snapshot already
        data.pin_or_explain()
    # Every screen calls this first, from its own file: pages/<url_path>.py.
    caller = inspect.currentframe().f_back
    entering(Path(caller.f_code.co_filename).stem if caller else "")
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


def url_value(name: str, label: str, options: Sequence, default, format_func=str, parse=str):
    """The value ?name= asks for, when it is one of the options (a link's choice is kept for
    later screens); without one, a year or force the reader chose on another screen
    (REMEMBERED); else the default. A value that is not one of the options falls back to the
    default with a notice, never a traceback."""
    options = list(options)
    wanted = st.query_params.get(name)
    remembered = st.session_state.get(MEMORY_KEY, {}).get(name)
    if wanted is None:
        return remembered if remembered in options else default
    try:
        candidate = parse(wanted)
    except (TypeError, ValueError):
        candidate = None
    if candidate in options:
        if wanted != st.session_state.get(WRITTEN_KEY, {}).get(name):
            # From a link, not the echo of what a screen last wrote: the reader chose it.
            _remember(name, candidate)
        return candidate
    shown = re.sub(r"[^\w .&'-]", "", str(wanted))[:60]
    st.info(
        f"The link asked for {label.lower()} “{shown}”, which is not available here; "
        f"showing {format_func(default)} instead."
    )
    return default


def keep_in_url(name: str, shown_in_url: str) -> None:
    """Writes the screen's choice into the URL (?name=value), as the screen's own."""
    set_param(name, shown_in_url)
    st.session_state.setdefault(WRITTEN_KEY, {})[name] = shown_in_url
    _note_params()


def choose(name: str, value) -> None:
    """The reader chose ``value`` for ``name`` outside a select box of url_choice's (presenting
    mode's set-up): into the URL, and kept for later screens."""
    _remember(name, value)
    st.query_params[name] = str(value)


def url_choice(
    name: str,
    label: str,
    options: Sequence,
    default,
    format_func=str,
    parse=str,
    help: str | None = None,
    container=None,
    label_visibility: str = "visible",
    in_url=str,
):
    """A select box whose value lives in the URL (?name=value) so a copied link reopens it;
    ``in_url(value)`` is what the URL shows (a force's name: ?force=Norfolk), which ``parse``
    reads back. Its first value is url_value's.
    """
    options = list(options)
    chosen = url_value(name, label, options, default, format_func, parse)
    where = container or st
    value = where.selectbox(
        label,
        options,
        index=options.index(chosen),
        format_func=format_func,
        help=help,
        key=f"url_{name}",
        on_change=_remember_box,
        args=(name,),
        label_visibility=label_visibility,
    )
    keep_in_url(name, in_url(value))
    return value


def parse_force(text: str) -> str:
    """A force code from a URL value that may be a code or a name (?force=Norfolk)."""
    force = catalogue.force_matcher().match(text)
    if force is None:
        raise ValueError(text)
    return force.code


def year_choice(container=None, default: int | None = None) -> int | None:
    """The year, from the URL or the reader's last choice; else ``default`` or the newest held."""
    held = data.years()
    if not held:
        st.warning("There are no returns in the database yet. Import a returns file to begin.")
        return None
    return url_choice(
        "year", "Year", held, default if default in held else held[0], parse=int, container=container
    )


def set_param(name: str, value: str) -> None:
    """?name=value in the URL. Streamlit sends the browser the whole query string each time
    one is set, even to the value it has, so only a change is written."""
    if st.query_params.get(name) != value:
        st.query_params[name] = value
