"""Applying an import to one database: keep each accepted file unchanged by sha256, then
replace whole years in one transaction (``publish`` runs this on the next snapshot)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from countylines import store
from countylines.ingest.kept import keep_accepted
from countylines.ingest.preview import prepare_import
from countylines.ingest.sources import ImportRejected, Preview, Problem, SourceFile
from countylines.settings import DATA_DIR


def illustrative_sources(conn, preview: Preview) -> list[str]:
    """Names of the files in preview already known to be illustrative: the shipped demo
    files, or a file the import log holds as illustrative (same sha256). Importing one of
    them again, to recover a replaced year, keeps it marked: demo data never turns real."""
    folder = DATA_DIR / "illustrative"
    known = {hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.glob("*.csv"))}
    log = store.import_log(conn)
    if not log.empty:
        known |= set(log.loc[log["illustrative"].astype(bool), "sha256"])
    return [
        parsed.source.name
        for parsed in (preview.returns, preview.flows)
        if parsed is not None and parsed.source.sha256 in known
    ]


@dataclass
class ImportResult:
    import_ids: list[int]
    returns_years: list[int]
    flows_years: list[int]
    warnings: list[Problem]
    kept_illustrative: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = []
        if self.returns_years:
            parts.append("returns for " + ", ".join(map(str, self.returns_years)))
        if self.flows_years:
            parts.append("flows for " + ", ".join(map(str, self.flows_years)))
        text = "Imported " + " and ".join(parts) + "."
        if self.kept_illustrative:
            text += (
                " Marked as illustrative, because "
                + ", ".join(self.kept_illustrative)
                + " is known illustrative data."
            )
        return text


def commit_import(
    conn,
    preview: Preview,
    *,
    illustrative: bool = False,
    imported_by: str = "unknown",
    accepted_dir: Path | None = None,
) -> ImportResult:
    """Keeps the accepted files, then replaces their years in one transaction."""
    if not preview.ok:
        raise ImportRejected(preview.problems or [Problem("import", None, None, None, "Nothing to import.")])
    folder = accepted_dir or store.accepted_dir(store.database_path(conn))
    kept_illustrative = illustrative_sources(conn, preview)
    illustrative = illustrative or bool(kept_illustrative)
    audit, new_files = [], []
    for kind, parsed in (("returns", preview.returns), ("flows", preview.flows)):
        if parsed is None:
            continue
        existed = folder.exists() and any(folder.glob(f"{parsed.source.sha256[:16]}_*"))
        kept = keep_accepted(parsed.source, folder)
        if not existed:
            new_files.append(kept)
        rows = len(parsed.submissions) if kind == "returns" else len(parsed.flows)
        audit.append(
            {
                "kind": kind,
                "file_name": parsed.source.name,
                "sha256": parsed.source.sha256,
                "rows": rows,
                "years": ", ".join(map(str, parsed.years)),
                "imported_by": imported_by,
                "stored_path": str(kept),
            }
        )
    try:
        ids = store.write_import(
            conn,
            audit=audit,
            submissions=preview.returns.submissions if preview.returns else None,
            answers=preview.returns.answers if preview.returns else None,
            flows=preview.flows.flows if preview.flows else None,
            illustrative=illustrative,
        )
    except Exception:
        # Nothing was written, so nothing was accepted: the kept copies go too.
        for path in new_files:
            path.unlink(missing_ok=True)
        raise
    return ImportResult(
        ids,
        preview.returns.years if preview.returns else [],
        preview.flows.years if preview.flows else [],
        preview.warnings,
        kept_illustrative,
    )


def sources_from_paths(*items: Path | str | SourceFile | None) -> list[SourceFile | None]:
    """Opens each file given; raises ImportRejected naming every one that cannot be read."""
    problems, sources = [], []
    for item in items:
        if item is None or isinstance(item, SourceFile):
            sources.append(item)
            continue
        try:
            sources.append(SourceFile.from_path(item))
        except ImportRejected as rejected:
            problems.extend(rejected.problems)
            sources.append(None)
    if problems:
        raise ImportRejected(problems)
    return sources


def import_files(
    conn,
    returns_file: Path | str | SourceFile | None = None,
    flows_file: Path | str | SourceFile | None = None,
    **options,
) -> ImportResult:
    """Checks and imports in one go; raises ImportRejected listing every problem."""
    preview = prepare_import(*sources_from_paths(returns_file, flows_file))
    if preview.problems:
        raise ImportRejected(preview.problems)
    return commit_import(conn, preview, **options)
