"""Importing returns and flows files (CSV or Excel), all or nothing.

One path for the command line and the Import screen: ``prepare_import`` reads and checks
the files and reports every problem at once (``reading``, ``cells``, ``returns_file``,
``flows_file``); ``trial`` shows the figures they would give; ``commit_import`` keeps the
accepted files and replaces whole years in one transaction; ``default`` builds a new
database from the embedded illustrative set.

May import: ``countylines.store``, ``countylines.figures``, ``catalogue`` and ``settings``;
never drawing or screens.
"""

from countylines.ingest.commit import (
    ImportResult,
    commit_import,
    illustrative_sources,
    import_files,
    keep_accepted,
    kept_file,
    sources_from_paths,
)
from countylines.ingest.default import open_database
from countylines.ingest.preview import prepare_import, problems_table, replacements, store_warnings
from countylines.ingest.sources import ImportRejected, ParsedFlows, ParsedReturns, Preview, Problem, SourceFile
from countylines.ingest.trial import compare_with_held, trial_figures

__all__ = [
    "ImportRejected",
    "ImportResult",
    "ParsedFlows",
    "ParsedReturns",
    "Preview",
    "Problem",
    "SourceFile",
    "commit_import",
    "compare_with_held",
    "illustrative_sources",
    "import_files",
    "keep_accepted",
    "kept_file",
    "open_database",
    "prepare_import",
    "problems_table",
    "replacements",
    "sources_from_paths",
    "store_warnings",
    "trial_figures",
]
