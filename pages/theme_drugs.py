"""Drugs: which drugs forces reported county lines groups selling."""

from countylines import theme_view

theme_view.render_theme(["drugs"], "Drugs", key="drugs")
