"""Drugs: which drugs forces reported county lines groups selling."""

from countylines import theme_view, ui

ui.through_dashboard()

theme_view.render_theme(["drugs"], "Drugs", key="drugs")
