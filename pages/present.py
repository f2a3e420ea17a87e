"""Presenting mode: one finding per screen in large type for meeting-room screens, and the
chosen findings as PowerPoint and PDF for the papers pack. The whole choice is in the link:
/present?year=2017&force=Staffordshire&slides=1,3,2&slide=2. The presenter's controls sit in
a strip at the bottom that shows only on hover or focus; keys: → / Page Down / Space next,
← / Page Up previous, Home / End first and last, Esc leaves.
"""

import streamlit as st

from countylines.screens import data, presenting, state

state.through_dashboard()

held = data.years()
if not held:
    st.warning("There are no returns in the database yet. Import a returns file to begin.")
    st.page_link("pages/import.py", label="Import returns", icon=":material/upload_file:")
    st.stop()

# Every choice comes from the link (and goes back into it), so a copied link reopens the slide.
year = presenting.choose_year(held)
force, force_name = presenting.choose_force()
show = presenting.Show(year, force, force_name)
available = presenting.available(show)
picked = presenting.choose_slides(available)
order = picked or list(range(1, len(available) + 1))
at = presenting.choose_position(len(order))
# The strip comes first in the page (it is fixed to the bottom of the screen and takes no room).
if presenting.strip(at, len(order)) == "leave":
    presenting.leave(year)
if presenting.choosing():
    presenting.choose(held, show, available, picked, order)
if not available:
    st.warning(f"No findings are held for {year}. Choose slides to pick another year.")
    st.stop()
presenting.show_slide(show, available[order[at - 1] - 1], data.is_illustrative(year))
