"""Cuckooing and premises: homes taken over and other places county lines groups use."""

from countylines import theme_view

theme_view.render_theme(["cuckooing"], "Cuckooing and premises", key="cuckooing")
