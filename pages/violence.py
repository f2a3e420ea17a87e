"""Violence and weapons: knives, firearms, corrosives, homicide, taxing and turf wars."""

from countylines import theme_view, ui

ui.through_dashboard()

theme_view.render_theme(["violence"], "Violence and weapons", key="violence")
