from countylines.screens import state, themes

"""Transport: rail, hire and owned vehicles, and taxis."""


state.through_dashboard()

themes.render_theme(["transport"], "Transport", key="transport")
