"""The store: the only code that imports DuckDB. Opening the database, its schema and
reference tables, named reads (one per ``queries/*.sql``) and the one all-or-nothing write.

May import: ``countylines.catalogue`` and ``countylines.settings``; nothing above it.
"""

from countylines.store.database import (
    StoreError,
    accepted_dir,
    connect,
    database_path,
    query,
    refresh_reference,
    sql,
)
from countylines.store.reads import (
    exporter_reach,
    flows,
    force_answers,
    force_profile,
    force_returns,
    has_any_returns,
    import_log,
    importer_reach,
    indicator_figures,
    line_totals,
    published_figures,
    year_answers,
    year_questions,
    year_sources,
    years,
)
from countylines.store.writes import write_import

__all__ = [
    "StoreError",
    "accepted_dir",
    "connect",
    "database_path",
    "exporter_reach",
    "flows",
    "force_answers",
    "force_profile",
    "force_returns",
    "has_any_returns",
    "import_log",
    "importer_reach",
    "indicator_figures",
    "line_totals",
    "published_figures",
    "query",
    "refresh_reference",
    "sql",
    "write_import",
    "year_answers",
    "year_questions",
    "year_sources",
    "years",
]
