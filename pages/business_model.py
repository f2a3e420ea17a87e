"""Business model: how county lines groups run and protect their lines."""

from countylines import theme_view, ui

ui.through_dashboard()

theme_view.render_theme(["business_model"], "Business model", key="business_model")
