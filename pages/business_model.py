from countylines.screens import state, themes

"""Business model: how county lines groups run and protect their lines."""


state.through_dashboard()

themes.render_theme(["business_model"], "Business model", key="business_model")
