"""Drawing: pure builders from DataFrames to plotly figures, slides and downloads.

``charts`` (national and theme bars, trends), ``profile_chart``, ``maps/`` (the force-area
layer, flows, choropleths), ``slides`` and ``deck`` (presenting and the PowerPoint pack),
``exports`` (CSV, Excel and PNG with their source, base and status).

May import: ``countylines.figures``, ``catalogue`` and ``settings``; never Streamlit,
DuckDB, the store, importing or screens.
"""
