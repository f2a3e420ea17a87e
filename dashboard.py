"""Routes only: page config, the registered screens and the shared sidebar."""

import streamlit as st

from countylines import ILLUSTRATIVE_NOTICE

st.set_page_config(
    page_title="County lines threat picture",
    page_icon="static/favicon.png",  # a local file: an emoji or material icon is fetched from a CDN
    layout="wide",
    initial_sidebar_state="expanded",
)

# Visually hidden text for screen readers (text alternatives of charts), and a visible
# keyboard focus ring on every control (WCAG 2.4.7 / 2.4.11).
st.html(
    """
<style>
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
           overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
:focus-visible { outline: 3px solid #F46A25 !important; outline-offset: 2px; }
/* Streamlit's default 6rem top padding pushes the first figures below a 720 px screen. */
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
</style>
"""
)

THEMES = [
    ("pages/theme_scope.py", "Scope and scale", ":material/travel_explore:", "scope"),
    ("pages/theme_drugs.py", "Drugs", ":material/medication:", "drugs"),
    ("pages/theme_violence.py", "Violence and weapons", ":material/warning:", "violence"),
    ("pages/theme_cuckooing.py", "Cuckooing and premises", ":material/home:", "cuckooing"),
    ("pages/theme_exploitation.py", "Exploitation", ":material/diversity_3:", "exploitation"),
    ("pages/theme_transport.py", "Transport", ":material/train:", "transport"),
    ("pages/theme_business_model.py", "Business model", ":material/phone_iphone:", "business-model"),
]

PAGES = {
    "Overview": [
        st.Page("pages/national.py", title="National picture", icon=":material/flag:", default=True),
        st.Page("pages/force_profile.py", title="Force profile", icon=":material/local_police:", url_path="force"),
        st.Page("pages/maps.py", title="Maps", icon=":material/map:", url_path="maps"),
    ],
    "Themes": [st.Page(path, title=title, icon=icon, url_path=url) for path, title, icon, url in THEMES],
    "Data": [
        st.Page("pages/upload.py", title="Import returns", icon=":material/upload_file:", url_path="import"),
    ],
    "About": [
        st.Page(
            "pages/definitions.py",
            title="Definitions and about the data",
            icon=":material/menu_book:",
            url_path="about",
        ),
    ],
}

navigation = st.navigation(PAGES)
with st.sidebar:
    st.caption(
        "Figures are percentages of police force returns to the National Crime Agency, "
        f"as the NCA prints them. Where marked, the data are illustrative: {ILLUSTRATIVE_NOTICE.lower()}."
    )
navigation.run()
