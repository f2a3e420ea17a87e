"""Cuckooing and premises: homes taken over and other places county lines groups use."""

from countylines import theme_view, ui

ui.through_dashboard()

theme_view.render_theme(["cuckooing"], "Cuckooing and premises", key="cuckooing")
