"""Figures: the numbers and the words. NCA-style percentages and labels (``nca``), the
printed reports reconciled (``reconciliation``), questions and trends (``questions``), a
year's summary (``summary``), the force profile (``profile``), what the maps say
(``map_words``), the About screen (``about``) and shared English (``words``).

Pure: DataFrames in, numbers, strings and DataFrames out. May import ``catalogue`` and
``settings``; never the store, importing, drawing, Streamlit or screens.
"""
