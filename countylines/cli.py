"""The command line, run as python -m countylines import|figures|published|status."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from countylines import ILLUSTRATIVE_NOTICE, ingest, store
from countylines.figures import nca, reconciliation
from countylines.settings import load_settings

FIGURE_COLUMNS = ["indicator", "theme", "count", "possible", "not_known", "base", "percent", "label"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m countylines", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    load = commands.add_parser("import", help="check and import a returns file (and a flows file)")
    load.add_argument("returns_file", nargs="?", help="wide returns file, CSV or .xlsx")
    load.add_argument("--flows", dest="flows_file", help="exporter -> importer flows file, CSV or .xlsx")
    load.add_argument("--illustrative", action="store_true", help="mark the data as illustrative, not real")
    load.add_argument("--check-only", action="store_true", help="check the files and write nothing")
    load.add_argument("--db", help="database path (default COUNTYLINES_DB or data/threat_picture.duckdb)")

    show = commands.add_parser("figures", help="NCA-style figures for a year")
    show.add_argument("--year", type=int, required=True)
    show.add_argument("--format", choices=["csv", "table"], default="table")
    show.add_argument("--db")

    printed = commands.add_parser("published", help="printed NCA figures beside count / base recomputed")
    printed.add_argument("--year", type=int, required=True)
    printed.add_argument("--format", choices=["csv", "table"], default="table")
    printed.add_argument("--db")

    status = commands.add_parser("status", help="years held, their sources and missing returns")
    status.add_argument("--db")
    return parser


def main(argv: list[str] | None = None) -> int:
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


def _connect(args, load_default: bool = True):
    path = args.db or load_settings().db_path
    return ingest.open_database(path) if load_default else store.connect(path)


def _import(args) -> int:
    if not args.returns_file and not args.flows_file:
        print("Give a returns file, --flows FILE, or both.", file=sys.stderr)
        return 2
    sources = ingest.sources_from_paths(args.returns_file, args.flows_file)
    preview = ingest.prepare_import(*sources)
    if preview.problems:
        raise ingest.ImportRejected(preview.problems)
    _warn(preview.warnings)
    db_path = Path(args.db or load_settings().db_path)
    if args.check_only:
        print("The files passed every check. Nothing was written (--check-only).")
        if db_path.exists():
            conn = store.connect(db_path, read_only=True)
            try:
                _warn(ingest.store_warnings(conn, preview))
                for year, what in ingest.replacements(conn, preview):
                    print(f"Importing would replace {year} whole: {what}.")
            finally:
                conn.close()
        return 0
    # A database made by an import holds only the user's data, never the demo set.
    conn = _connect(args)
    _warn(ingest.store_warnings(conn, preview))  # said before anything is written
    replaced = ingest.replacements(conn, preview)
    result = ingest.commit_import(
        conn, preview, illustrative=args.illustrative, imported_by=load_settings().imported_by
    )
    print(result.summary())
    for year, what in replaced:
        print(f"Replaced {year} whole: {what}.")
    if replaced:
        print(f"The earlier files are kept in {store.accepted_dir(store.database_path(conn))}")
    return 0


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


def _figures(args) -> int:
    conn = _connect(args)
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


def _published(args) -> int:
    conn = _connect(args)
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


def _status(args) -> int:
    conn = _connect(args)
    sources = store.year_sources(conn)
    print(sources.to_string(index=False))
    for year in store.years(conn):
        returned = store.force_returns(conn, year)
        missing = returned.loc[~returned["returned"], "name"].tolist()
        print(f"{year}: {int(returned['returned'].sum())} of 43 returns; missing: {', '.join(missing) or 'none'}")
    return 0


COMMANDS = {"import": _import, "figures": _figures, "published": _published, "status": _status}
