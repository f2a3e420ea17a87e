"""Importing returns and flows files (CSV or Excel), all or nothing, into the store.

One path for the command line and the Import screen: ``prepare_import`` reads and checks
the files and reports every problem at once (``reading``, ``cells``, ``returns_file``,
``flows_file``); ``trial`` shows the figures they would give; ``commit_import`` keeps the
accepted files (``kept``) and replaces whole years in one transaction; ``publish`` does that
on the next snapshot of the store under the one writer lock, and restores; ``default`` makes
a new store's first snapshot (the previous database migrated, or the embedded default).

May import: ``countylines.store``, ``countylines.figures``, ``catalogue`` and ``settings``;
never drawing or screens.
"""

from countylines.ingest.commit import (
    ImportResult,
    commit_import,
    illustrative_sources,
    import_files,
    sources_from_paths,
)
from countylines.ingest.default import ensure_store, open_database
from countylines.ingest.kept import KeptCheck, check_kept_files, keep_accepted, kept_file, kept_file_unchanged
from countylines.ingest.preview import prepare_import, problems_table, replacements, store_warnings
from countylines.ingest.publish import DataChanged, Published, changes_since, publish_import, restore_snapshot
from countylines.ingest.sources import ImportRejected, ParsedFlows, ParsedReturns, Preview, Problem, SourceFile
from countylines.ingest.trial import compare_snapshots, compare_with_held, snapshot_figures, trial_figures

__all__ = [
    "DataChanged",
    "ImportRejected",
    "ImportResult",
    "KeptCheck",
    "ParsedFlows",
    "ParsedReturns",
    "Preview",
    "Problem",
    "Published",
    "SourceFile",
    "changes_since",
    "check_kept_files",
    "commit_import",
    "compare_snapshots",
    "compare_with_held",
    "ensure_store",
    "illustrative_sources",
    "import_files",
    "keep_accepted",
    "kept_file",
    "kept_file_unchanged",
    "open_database",
    "prepare_import",
    "problems_table",
    "publish_import",
    "replacements",
    "restore_snapshot",
    "snapshot_figures",
    "sources_from_paths",
    "store_warnings",
    "trial_figures",
]
