"""Presenting mode: one finding per screen in large type for meeting-room screens, and the
chosen findings as PowerPoint and PDF for the papers pack. The whole choice is in the link:
/present?year=2017&force=Staffordshire&slides=1,3,2&slide=2. The presenter's controls sit in
a strip at the bottom that shows only on hover or focus; keys: → / Page Down / Space next,
← / Page Up previous, Home / End first and last, Esc leaves.
"""

import streamlit as st

from countylines.screens import data, presenting, state

state.through_dashboard()
presenting.full_screen()

held = data.years()
if not held:
    st.warning("There are no returns in the database yet. Import a returns file to begin.")
    st.page_link("pages/import.py", label="Import returns", icon=":material/upload_file:")
    st.stop()

# The strip comes first in the page (it is fixed to the bottom of the screen), so its
# choices are known before the slide is drawn.
strip = st.container(key="present_strip", horizontal=True, vertical_alignment="center", gap="small")
year = state.url_choice("year", "Year", held, held[0], parse=int, container=strip, label_visibility="collapsed")
force, force_name = presenting.choose_force(strip)
show = presenting.Show(year, force, force_name)
available = presenting.available(show)
if not available:
    st.warning(f"No findings are held for {year}.")
    presenting.leave_link(year, strip)
    st.stop()
order = presenting.choose_slides(available, strip)
at = presenting.choose_position(len(order), strip)
presenting.step_buttons(at, len(order), strip)
chosen = [available[n - 1] for n in order]
presenting.prepare_pack(show, chosen, order, strip)
presenting.leave_link(year, strip)

presenting.show_slide(show, chosen[at - 1], data.is_illustrative(year))
presenting.presenter_keys()  # last, so its element adds no space above the slide
