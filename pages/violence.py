from countylines.screens import state, themes

"""Violence and weapons: knives, firearms, corrosives, homicide, taxing and turf wars."""


state.through_dashboard()

themes.render_theme(["violence"], "Violence and weapons", key="violence")
