"""Scope and scale: how many forces found county lines, and which export or import them."""

from countylines import theme_view, ui

ui.through_dashboard()

theme_view.render_theme(["scope"], "Scope and scale", key="scope")
