"""The command line: python -m countylines import|figures|published|status|history|restore|hash-password."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from pathlib import Path

import pandas as pd

from countylines import ILLUSTRATIVE_NOTICE, ingest, passwords, store
from countylines.figures import nca, reconciliation
from countylines.settings import load_settings

FIGURE_COLUMNS = ["indicator", "theme", "count", "possible", "not_known", "base", "percent", "label"]


CLI_WAIT = 300  # seconds an import or restore waits for another writer before giving up


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m countylines", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    data_help = "the data folder (default COUNTYLINES_DATA or data/store)"
    wait_help = f"seconds to wait for another import or restore to finish (default {CLI_WAIT})"

    load = commands.add_parser("import", help="check and import a returns file (and a flows file)")
    load.add_argument("returns_file", nargs="?", help="wide returns file, CSV or .xlsx")
    load.add_argument("--flows", dest="flows_file", help="exporter -> importer flows file, CSV or .xlsx")
    load.add_argument("--illustrative", action="store_true", help="mark the data as illustrative, not real")
    load.add_argument("--check-only", action="store_true", help="check the files and write nothing")
    load.add_argument("--data", help=data_help)
    load.add_argument("--wait", type=float, default=CLI_WAIT, help=wait_help)

    show = commands.add_parser("figures", help="NCA-style figures for a year")
    show.add_argument("--year", type=int, required=True)
    show.add_argument("--format", choices=["csv", "table"], default="table")
    show.add_argument("--data", help=data_help)

    printed = commands.add_parser("published", help="printed NCA figures beside count / base recomputed")
    printed.add_argument("--year", type=int, required=True)
    printed.add_argument("--format", choices=["csv", "table"], default="table")
    printed.add_argument("--data", help=data_help)

    status = commands.add_parser("status", help="years held, their sources, missing returns, kept files")
    status.add_argument("--data", help=data_help)

    history = commands.add_parser("history", help="every snapshot of the data: who, when, which files, what")
    history.add_argument("--data", help=data_help)

    restore = commands.add_parser("restore", help="publish an earlier snapshot again as the newest")
    restore.add_argument("snapshot", type=int, help="the snapshot's number, as `history` lists it")
    restore.add_argument("--data", help=data_help)
    restore.add_argument("--wait", type=float, default=CLI_WAIT, help=wait_help)

    commands.add_parser("hash-password", help="print the argon2 hash of an analyst password typed at a prompt")
    return parser


def main(argv: list[str] | None = None) -> int:
    _printable_output()
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ingest.ImportRejected as rejected:
        count = len(rejected.problems)
        print(f"Nothing was imported: {count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        for problem in rejected.problems:
            print(f"- {problem.sentence()}", file=sys.stderr)
        return 1
    except store.StoreError as error:
        print(str(error), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _printable_output() -> None:
    """Whatever the terminal's encoding (cp1252 on Windows, ASCII when redirected), print what
    it can and replace what it cannot: a file name like 'returns 💣.csv' must never turn a
    finished import into a crash and a failure exit."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def _root(args) -> Path:
    return Path(args.data).expanduser() if getattr(args, "data", None) else load_settings().data_dir


@contextlib.contextmanager
def _reading(args):
    """A read-only connection to the current snapshot, the first one made if there is none.
    It takes no lock, so it works while dashboards and an import run on the same folder."""
    settings = load_settings()
    root = _root(args)
    ingest.ensure_store(root, settings.legacy_db, who=settings.imported_by, keep=settings.keep_snapshots)
    _, conn = store.open_current(root)
    try:
        yield conn
    finally:
        conn.close()


def _reads(command):
    """A read command, run on the current snapshot (see _reading)."""

    def run(args) -> int:
        with _reading(args) as conn:
            return command(args, conn)

    return run


def _waiting(holder: str) -> None:
    print(f"Waiting: {holder}.", file=sys.stderr)


def _import(args) -> int:
    if not args.returns_file and not args.flows_file:
        print("Give a returns file, --flows FILE, or both.", file=sys.stderr)
        return 2
    sources = ingest.sources_from_paths(args.returns_file, args.flows_file)
    preview = ingest.prepare_import(*sources)
    if preview.problems:
        raise ingest.ImportRejected(preview.problems)
    _warn(preview.warnings)
    root = _root(args)
    started_on = store.current_snapshot(root)
    if args.check_only:
        print("The files passed every check. Nothing was written (--check-only).")
        if started_on is not None:
            _, conn = store.open_current(root)
            try:
                _warn(ingest.store_warnings(conn, preview))
                for year, what in ingest.replacements(conn, preview):
                    print(f"Importing would replace {year} whole: {what}.")
            finally:
                conn.close()
        return 0
    if started_on is not None:  # said before anything is written
        _, conn = store.open_current(root)
        try:
            _warn(ingest.store_warnings(conn, preview))
        finally:
            conn.close()
    # A store made by an import holds only the user's data, never the demo set.
    settings = load_settings()
    published = ingest.publish_import(
        root,
        preview,
        illustrative=args.illustrative,
        imported_by=settings.imported_by,
        wait=args.wait,
        on_wait=_waiting,
        keep=settings.keep_snapshots,
    )
    print(published.result.summary() + f" Published as snapshot {published.snapshot}.")
    for line in published.cleared:
        print(line, file=sys.stderr)
    if published.built_on_newer(started_on):
        print(
            f"While this import waited ({published.waited_for}), snapshot {published.parent} was published: "
            f"this import was built on snapshot {published.parent}, so it keeps that change."
        )
    _say_replaced(root, published.parent, preview)
    return 0


def _say_replaced(root: Path, parent: int | None, preview) -> None:
    if parent is None or parent not in store.published_ids(root):
        return
    conn = store.open_snapshot(root, parent)
    try:
        replaced = ingest.replacements(conn, preview)
    finally:
        conn.close()
    for year, what in replaced:
        print(f"Replaced {year} whole: {what}.")
    if replaced:
        print(
            f"The earlier files are kept in {store.Layout(root).accepted}, and snapshot {parent} "
            f"can be restored: python -m countylines restore {parent}"
        )


def _warn(warnings) -> None:
    for warning in warnings:
        print(f"Warning: {warning.sentence()}", file=sys.stderr)


def _year_figures(conn, year: int) -> pd.DataFrame:
    raw = store.indicator_figures(conn, year)
    return nca.add_labels(raw) if not raw.empty else raw


def _no_year(conn, year: int) -> int:
    held = ", ".join(map(str, sorted(store.years(conn)))) or "none"
    print(f"There are no returns for {year}. Years held: {held}.", file=sys.stderr)
    return 1


@_reads
def _figures(args, conn) -> int:
    frame = _year_figures(conn, args.year)
    if frame.empty:
        return _no_year(conn, args.year)
    illustrative = bool(frame["illustrative"].any())
    out = frame[FIGURE_COLUMNS]
    if args.format == "csv":
        if illustrative:
            print(f"{ILLUSTRATIVE_NOTICE} ({args.year}).", file=sys.stderr)
        out.to_csv(sys.stdout, index=False)
        return 0
    returned = store.force_returns(conn, args.year)
    missing = returned.loc[~returned["returned"], "name"].tolist()
    print(f"County lines figures, {args.year}. {nca.status_text(illustrative)}.")
    print(f"Base: {int(returned['returned'].sum())} force returns of 43 expected, {args.year}.")
    if missing:
        print("No return from: " + ", ".join(missing) + ".")
    print("Possible (unconfirmed) answers are counted separately and never added to yes.\n")
    print(out.to_string(index=False))
    return 0


@_reads
def _published(args, conn) -> int:
    printed = store.published_figures(conn, args.year)
    if printed.empty:
        print(f"The NCA reports held here print no figures for {args.year}.", file=sys.stderr)
        return 1
    frame = _year_figures(conn, args.year)
    table = reconciliation.reconcile(printed, frame, store.exporter_reach(conn, args.year))
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
        return 0
    disagree = int((~table["agrees"]).sum())
    illustrative = bool(frame["illustrative"].any()) if not frame.empty else False
    print(f"NCA {args.year} printed figures beside count / base recomputed.")
    if illustrative:
        print(f"Returns columns: {ILLUSTRATIVE_NOTICE}.")
    print(f"{disagree} printed figure{'s' if disagree != 1 else ''} disagree (marked !!).\n")
    shown = table.assign(flag=table["agrees"].map({True: "", False: "!!"}))
    columns = [
        "flag",
        "source_ref",
        "printed_percent",
        "printed_count",
        "printed_base",
        "percent_from_printed",
        "data_count",
        "data_base",
        "check",
        "statement",
    ]
    with pd.option_context("display.max_colwidth", 70, "display.width", 250):
        print(shown[columns].to_string(index=False))
    return 0


@_reads
def _status(args, conn) -> int:
    sources = store.year_sources(conn)
    print(sources.to_string(index=False))
    for year in store.years(conn):
        returned = store.force_returns(conn, year)
        missing = returned.loc[~returned["returned"], "name"].tolist()
        print(f"{year}: {int(returned['returned'].sum())} of 43 returns; missing: {', '.join(missing) or 'none'}")
    root = _root(args)
    history = store.history(conn)
    latest = history.iloc[0]
    print(
        f"Data folder {root}: snapshot {latest['id']}, {latest['action']} by {latest['made_by']} "
        f"at {latest['made_at']:%d %b %Y %H:%M}. {len(store.published_ids(root))} snapshot(s) kept."
    )
    busy = store.writer_busy(root)
    if busy:  # its files are kept before its snapshot is published: not a fault to report
        print(f"Kept files: not checked now, as {busy}.")
        return 0
    check = ingest.check_kept_files(conn, store.Layout(root).accepted)
    for sentence in check.sentences():
        print(f"Kept files: {sentence}")
    if not check.sentences():
        print("Kept files: every file in the import log is kept unchanged (sha256 checked).")
    return 0


@_reads
def _history(args, conn) -> int:
    root = _root(args)
    history = store.history(conn, root)
    current = store.current_snapshot(root)
    print(f"History of the data in {root}, newest first. Restore a kept one with: python -m countylines restore N")
    for row in history.itertuples(index=False):
        mark = "current" if row.id == current else ("kept" if row.kept else "pruned")
        print(f"\n{row.id:>4}  {row.made_at:%d %b %Y %H:%M}  {row.action:<9} by {row.made_by}  [{mark}]")
        print(f"      {row.summary}")
        if row.files:
            print(f"      files: {store.files_text(row.files)}")
    return 0


def _restore(args) -> int:
    root = _root(args)
    settings = load_settings()
    current = store.current_snapshot(root)
    if current is not None and args.snapshot in store.published_ids(root) and args.snapshot != current:
        changes = ingest.compare_snapshots(
            ingest.snapshot_figures(root, current), ingest.snapshot_figures(root, args.snapshot)
        )
        print(f"Restoring snapshot {args.snapshot} changes {len(changes)} figure(s):")
        with pd.option_context("display.max_colwidth", 60, "display.width", 250):
            print(changes.to_string(index=False) if not changes.empty else "(none)")
    published = ingest.restore_snapshot(
        root, args.snapshot, settings.imported_by, wait=args.wait, on_wait=_waiting, keep=settings.keep_snapshots
    )
    print(
        f"Restored snapshot {args.snapshot} as snapshot {published.snapshot}; snapshot {published.parent} is kept."
    )
    if published.built_on_newer(current):
        print(
            f"While this restore waited ({published.waited_for}), snapshot {published.parent} was published; "
            f"the figures listed above were worked out against snapshot {current}. To undo: "
            f"python -m countylines restore {published.parent}"
        )
    for line in published.cleared:
        print(line, file=sys.stderr)
    return 0


def _hash_password(args) -> int:
    typed = getpass.getpass("Analyst password: ")
    again = getpass.getpass("The same again: ")
    if typed != again:
        print("The two passwords differ; nothing was printed.", file=sys.stderr)
        return 1
    if len(typed) < 12:
        print("Choose a password of at least 12 characters; nothing was printed.", file=sys.stderr)
        return 1
    print(passwords.hash_password(typed))
    print(
        "Configure this hash (never the password) as COUNTYLINES_ANALYST_PASSWORD_HASH or "
        "analyst_password_hash under [countylines] in .streamlit/secrets.toml.",
        file=sys.stderr,
    )
    return 0


COMMANDS = {
    "import": _import,
    "figures": _figures,
    "published": _published,
    "status": _status,
    "history": _history,
    "restore": _restore,
    "hash-password": _hash_password,
}
