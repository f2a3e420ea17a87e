from countylines.screens import state, themes

"""Scope and scale: how many forces found county lines, and which export or import them."""


state.through_dashboard()

themes.render_theme(["scope"], "Scope and scale", key="scope")
