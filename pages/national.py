"""National picture: headline NCA-style figures for a year."""

import streamlit as st

from countylines import ui

st.title("National picture")
year = ui.year_choice()
if year is not None:
    ui.status_banner(year)
    ui.returns_line(year)
    table = ui.year_figures(year)[["theme_title", "label", "short_label", "possible", "not_known"]]
    st.dataframe(table, hide_index=True)
