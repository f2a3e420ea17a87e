from countylines.screens import state, themes

"""Drugs: which drugs forces reported county lines groups selling."""


state.through_dashboard()

themes.render_theme(["drugs"], "Drugs", key="drugs")
