"""Transport: rail, hire and owned vehicles, and taxis."""

from countylines import theme_view, ui

ui.through_dashboard()

theme_view.render_theme(["transport"], "Transport", key="transport")
