"""Transport: rail, hire and owned vehicles, and taxis."""

from countylines import theme_view

theme_view.render_theme(["transport"], "Transport", key="transport")
