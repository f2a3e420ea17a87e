"""What a screen remembers in its URL (?year=, ?force=, ...) so a copied link reopens the same
view, checked on the way in; and the rerun through the router on a first visit."""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from countylines import catalogue
from countylines.screens import data

ROUTED_KEY = "_countylines_routed"


def through_dashboard() -> None:
    """Reruns a screen through dashboard.py when Streamlit ran its file on its own.

    On a freshly started server Streamlit serves the first visit to a screen's URL straight
    from pages/ (its old folder-based navigation), without dashboard.py's navigation and
    styles. Streamlit switches that off as soon as dashboard.py calls st.navigation, so one
    rerun shows the screen as intended. Every screen calls this first, so it also pins the
    snapshot the screen reads from start to finish (the router does not run before a screen
    run on its own, as AppTest and the first visit do).
    """
    data.pin_or_explain()
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
    force = catalogue.force_matcher().match(text)
    if force is None:
        raise ValueError(text)
    return force.code


def year_choice(container=None) -> int | None:
    held = data.years()
    if not held:
        st.warning("There are no returns in the database yet. Import a returns file to begin.")
        return None
    return url_choice("year", "Year", held, held[0], parse=int, container=container)
