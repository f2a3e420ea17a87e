from countylines.screens import state, themes

"""Cuckooing and premises: homes taken over and other places county lines groups use."""


state.through_dashboard()

themes.render_theme(["cuckooing"], "Cuckooing and premises", key="cuckooing")
