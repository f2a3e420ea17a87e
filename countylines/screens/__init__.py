"""Screens: everything that imports Streamlit. ``data`` (the snapshot pinned per run and
the reads cached on it), ``access`` (who may change the data, sign-in),
``state`` (URL state and the router rerun), ``widgets`` (banners, source lines, tables and
downloads under every chart) and one module per screen family: ``themes``, ``maps``,
``importing``, ``restoring``, ``presenting``. The files in ``pages/`` are thin and call these.

May import every layer below: ``draw``, ``ingest``, ``figures``, ``store``, ``catalogue``
and ``settings``. Nothing below imports screens.
"""
