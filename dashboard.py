"""Routes only: page config, the registered screens and the shared sidebar."""

import streamlit as st

from countylines import ILLUSTRATIVE_NOTICE
from countylines.screens import access, data, state, themes, widgets

st.set_page_config(
    page_title="County lines threat picture",
    page_icon=widgets.favicon(),  # our own file: an emoji or material icon is fetched from a CDN
    layout="wide",
    initial_sidebar_state="auto",  # closed on a narrow window (under 960 px: widgets.narrow_window)
)

# One style sheet for every screen (one element on each rerun): visually hidden text for
# screen readers (text alternatives of charts), a visible keyboard focus ring on every control
# (WCAG 2.4.7 / 2.4.11), narrow windows (static/narrow.css) and the finding-as-title screens.
widgets.page_style(
    """
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
           overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
:focus-visible { outline: 3px solid #F46A25 !important; outline-offset: 2px; }
/* Streamlit's default 6rem top padding pushes the first figures below a 720 px screen; its
   header bar is 3.75rem high, and less would hide each screen's name line under it. */
[data-testid="stMainBlockContainer"] { padding-top: 3.75rem; }
/* A section heading written into its Markdown (pages/about.py): ruled as st.subheader's divider,
   and clear of the header bar when its contents link scrolls to it. */
[data-testid="stMarkdown"] h3 { padding-bottom: 0.6rem; margin-bottom: 0.9rem; scroll-margin-top: 4.5rem;
                border-bottom: 2px solid rgba(128, 132, 149, 0.6); }
"""
    + themes.STYLE
    + widgets.DISCLOSURE_STYLE
)

# Nobody sees a screen before signing in when COUNTYLINES_VIEWERS_SIGN_IN is set.
access.viewers_gate()

# The published snapshot this run reads, from start to finish: a new one published while
# the run draws shows at the next rerun, in this process and every other.
data.pin_or_explain()

# Each screen's URL is its file name (/force, /maps, /drugs): on a freshly started server
# Streamlit serves the first visit to such a URL straight from pages/, and
# state.through_dashboard() then reruns it through this router. Custom url_paths that differ
# from the file names would show a "Page not found" box on that first visit instead.
# Built once per process (state.routes): a change here shows after a restart.
PAGES = state.routes(
    lambda: {
        "Overview": [
            st.Page("pages/national.py", title="National picture", icon=":material/flag:", default=True),
            st.Page("pages/force.py", title="Force profile", icon=":material/local_police:"),
            st.Page("pages/maps.py", title="Maps", icon=":material/map:"),
            st.Page("pages/present.py", title="Present", icon=":material/slideshow:"),
        ],
        "Themes": [
            st.Page("pages/scope.py", title="Scope and scale", icon=":material/travel_explore:"),
            st.Page("pages/drugs.py", title="Drugs", icon=":material/medication:"),
            st.Page("pages/violence.py", title="Violence and weapons", icon=":material/warning:"),
            st.Page("pages/cuckooing.py", title="Cuckooing and premises", icon=":material/home:"),
            st.Page("pages/exploitation.py", title="Exploitation", icon=":material/diversity_3:"),
            st.Page("pages/transport.py", title="Transport", icon=":material/train:"),
            st.Page("pages/business_model.py", title="Business model", icon=":material/phone_iphone:"),
        ],
        "Data": [
            st.Page("pages/import.py", title="Import returns", icon=":material/upload_file:"),
        ],
        "About": [
            st.Page("pages/about.py", title="Definitions and about the data", icon=":material/menu_book:"),
        ],
    }
)

# expanded=True: with 13 screens Streamlit would otherwise hide the last ones (including
# Definitions) behind a "View more" button.
navigation = st.navigation(PAGES, expanded=True)
if navigation.url_path != state.PRESENT:  # presenting mode shows no sidebar: nothing is drawn in it
    # A narrow window starts with the sidebar closed and breaks no word in two.
    widgets.narrow_window()
    with st.sidebar:
        signed_in = access.signed_in_user()
        if signed_in is not None:
            st.caption(f"Signed in as {signed_in.get('email') or signed_in.get('name') or signed_in.get('sub')}.")
        st.caption(
            "Figures are percentages of police force returns to the National Crime Agency, "
            f"as the NCA prints them. Where marked, the data are illustrative: {ILLUSTRATIVE_NOTICE.lower()}."
        )
st.session_state[state.ROUTED_KEY] = True
with state.routed():  # the screen reads the snapshot pinned above
    navigation.run()
