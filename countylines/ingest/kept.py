"""Kept files: every accepted file stored unchanged under its sha256, written so that a kill
at any moment leaves no half-written file under a kept name, offered back checked against
its sha256, and a check that finds a file the log does not know or that fails its hash."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from countylines import store
from countylines.ingest.sources import SourceFile

TEMPORARY = ".partial-"  # a kept file being written; never offered, cleared by the next writer


def kept_name(source: SourceFile) -> str:
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "_", source.name)
    return f"{source.sha256[:16]}_{safe_name}"


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def keep_accepted(source: SourceFile, folder: Path) -> Path:
    """Stores the file unchanged under its sha256, so a replaced year stays recoverable.

    Written to a temporary name, flushed to disk, read back and checked against its sha256,
    then renamed: the kept name only ever holds the whole file. A file already kept under
    the name is verified, and written again if it does not match.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / kept_name(source)
    if _sha256(target) == source.sha256:
        return target
    temporary = folder / f"{TEMPORARY}{os.getpid()}-{time.monotonic_ns()}-{target.name}"
    try:
        with open(temporary, "wb") as handle:
            handle.write(source.content)
            handle.flush()
            os.fsync(handle.fileno())
        store.fault_point("kept-written")
        if _sha256(temporary) != source.sha256:
            raise store.StoreError(f"Nothing was imported: {source.name} could not be kept unchanged on disk.")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)  # the new name survives a power cut
    finally:
        os.close(handle)
    store.fault_point("kept-renamed")
    return target


def _places(stored_path: str, db_path: Path | str | None, folder: Path | None) -> list[Path]:
    """Where a kept file is looked for: the accepted folder, then where it was first kept, then
    beside the database (which finds it after the database and its folder moved together)."""
    places = [Path(stored_path)]
    if folder is not None:
        places.insert(0, folder / Path(stored_path).name)
    if db_path is not None:
        places.append(store.accepted_dir(db_path) / Path(stored_path).name)
    return places


def kept_file(stored_path: str, sha256: str, db_path: Path | str | None = None, folder: Path | None = None):
    """The bytes of an accepted file exactly as imported, or None when it cannot be found
    unchanged (looked for in ``_places``' order)."""
    for path in _places(stored_path, db_path, folder):
        try:
            content = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(content).hexdigest() == sha256:
            return content
    return None


def kept_file_unchanged(stored_path: str, sha256: str, folder: Path) -> bool:
    """Whether ``kept_file`` would find the file unchanged, for a screen that asks on every
    rerun: hashed again only when a place it is looked for changed (size, modification time,
    inode) since the last look. Reading the bytes to offer them still goes through
    ``kept_file``, which checks them again."""
    seen = []
    for path in _places(stored_path, None, folder):
        try:
            found = path.stat()
        except OSError:
            seen.append(None)
        else:
            seen.append((found.st_size, found.st_mtime_ns, found.st_ino))
    return _unchanged(stored_path, sha256, folder, tuple(seen))


@functools.lru_cache(maxsize=256)
def _unchanged(stored_path: str, sha256: str, folder: Path, _seen: tuple) -> bool:
    return kept_file(stored_path, sha256, folder=folder) is not None


@dataclass
class KeptCheck:
    """What the accepted folder holds against the import log."""

    unknown: list[Path] = field(default_factory=list)  # in the folder, in no log row
    partial: list[Path] = field(default_factory=list)  # a write that never finished
    damaged: list[str] = field(default_factory=list)  # logged, but missing or failing its sha256

    def sentences(self) -> list[str]:
        out = []
        if self.partial:
            out.append(
                f"{len(self.partial)} kept file(s) were left half-written by an import that did not finish."
            )
        if self.unknown:
            names = ", ".join(p.name for p in self.unknown)
            out.append(f"{len(self.unknown)} kept file(s) belong to no import in the log: {names}.")
        for name in self.damaged:
            out.append(
                f"The kept copy of {name} is missing or no longer matches its sha256: "
                "import the original file again to keep it afresh."
            )
        return out


def check_kept_files(conn, folder: Path) -> KeptCheck:
    """Every file in folder against the import log of conn's snapshot, and every log row
    against its file."""
    log = store.import_log(conn)
    check = KeptCheck()
    known = {Path(path).name for path in log["stored_path"]}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(TEMPORARY):
                check.partial.append(path)
            elif path.name not in known:
                check.unknown.append(path)
    for row in log.drop_duplicates("stored_path").itertuples(index=False):
        if kept_file(row.stored_path, row.sha256, folder=folder) is None:
            check.damaged.append(row.file_name)
    return check


def clear_unlogged(conn, folder: Path) -> list[str]:
    """Run by a writer, holding the lock: removes what an import that never published left
    in the accepted folder, and says what it removed and what is still wrong."""
    check = check_kept_files(conn, folder) if conn is not None else KeptCheck()
    for path in check.partial + check.unknown:
        path.unlink(missing_ok=True)
    said = []
    if check.partial:
        said.append(
            f"Removed {len(check.partial)} half-written kept file(s) left by an import that did not finish."
        )
    if check.unknown:
        names = ", ".join(p.name for p in check.unknown)
        said.append(
            f"Removed {len(check.unknown)} kept file(s) left by an import that did not finish "
            f"(no import in the log knows them): {names}."
        )
    return said + [s for s in check.sentences() if s.startswith("The kept copy")]
