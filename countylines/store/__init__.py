"""The store: the only code that imports DuckDB. A folder of published snapshots (each a
complete database, read-only once published) that many processes read at once, the one
writer that builds and publishes the next snapshot, restore, named reads (one per
``queries/*.sql``) and the one all-or-nothing write. ``connect`` still opens a plain single
database file (unit tests and the import preview's throwaway database use it).

May import: ``countylines.catalogue`` and ``countylines.settings``; nothing above it.
"""

from countylines.store.database import (
    StoreError,
    accepted_dir,
    connect,
    database_path,
    query,
    reference_sha256,
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
    snapshot_reference,
    year_answers,
    year_questions,
    year_sources,
    years,
)
from countylines.store.restore import restore
from countylines.store.snapshots import (
    Layout,
    SnapshotGone,
    current_snapshot,
    files_text,
    history,
    open_current,
    open_snapshot,
    published_ids,
)
from countylines.store.writer import SnapshotChanged, StoreBusy, Writer, fault_point, writer_busy
from countylines.store.writes import write_import

__all__ = [
    "Layout",
    "SnapshotChanged",
    "SnapshotGone",
    "StoreBusy",
    "StoreError",
    "Writer",
    "accepted_dir",
    "connect",
    "current_snapshot",
    "database_path",
    "exporter_reach",
    "fault_point",
    "files_text",
    "flows",
    "force_answers",
    "force_profile",
    "force_returns",
    "has_any_returns",
    "history",
    "import_log",
    "importer_reach",
    "indicator_figures",
    "line_totals",
    "open_current",
    "open_snapshot",
    "published_figures",
    "published_ids",
    "query",
    "reference_sha256",
    "refresh_reference",
    "restore",
    "snapshot_reference",
    "sql",
    "write_import",
    "writer_busy",
    "year_answers",
    "year_questions",
    "year_sources",
    "years",
]
