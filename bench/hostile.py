"""Hostile files (issue 10): what refusing each costs beside a valid import, in one run.

Each import runs in a fresh child process (`python bench/hostile.py --child FILE STORE`):
modules loaded and warmed first, then the file is read, checked and (if it passes)
published as the next snapshot of a store. The child reports the seconds that took and its
peak resident memory above where it started (VmHWM, its ru_maxrss, minus VmRSS after the
warm-up).
The targets: each hostile file refused in under 5 times a valid 43-row import's time, with
under 200 MB extra memory. `python bench/run.py` (make bench) includes these rows; this
script also replaces its section of bench/results.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results.md"
SECTION = "## Hostile files (bench/hostile.py)"
TIME_RATIO = 5.0
EXTRA_MB = 200.0
REPEAT = 3


def _status_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (its peak) of this process. VmHWM is ru_maxrss for this
    program alone: ru_maxrss itself survives exec, so a child started from a large parent
    would report the parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def child(path: str, root: str) -> None:
    """One import in this process, measured after the warm-up; prints a JSON line."""
    from countylines import catalogue, ingest
    from countylines.ingest import reading

    catalogue.force_matcher()
    catalogue.indicators()
    reading._open_workbook  # noqa: B018 - the module is loaded; openpyxl next
    import openpyxl.reader.excel  # noqa: F401

    source = ingest.SourceFile.from_path(path)
    start_mb = _status_mb("VmRSS")
    started = time.perf_counter()
    preview = ingest.prepare_import(source)
    if preview.ok:
        ingest.publish_import(Path(root), preview, imported_by="bench")
    seconds = time.perf_counter() - started
    peak_mb = _status_mb("VmHWM")
    said = preview.problems[0].sentence() if preview.problems else ""
    print(json.dumps({"seconds": seconds, "extra_mb": peak_mb - start_mb, "imported": preview.ok, "said": said}))


def _run(path: Path, root: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(root)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COUNTYLINES_DATA": str(root)},
    )
    if done.returncode != 0:
        raise RuntimeError(f"{path.name}: child failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure() -> list[dict]:
    from countylines import ingest
    from tests import hostile_files

    cases = [
        ("valid 43-row returns file (CSV), imported", *hostile_files.valid_csv()),
        ("5 KB sparse workbook (A1:XFD1048576, one cell at the far corner)", *hostile_files.sparse_xlsx()),
        ("4.9 MB CSV of 172,000 rows of unknown forces", *hostile_files.unknown_forces_csv()),
        ("200,000-row workbook", *hostile_files.many_rows_xlsx()),
        (
            "200,000-row workbook of a year a row (under the unpacked limit)",
            *hostile_files.many_rows_xlsx(cells=1),
        ),
        ("5 KB sparse workbook of 42 declared columns (A1:AP1048576)", *hostile_files.sparse_xlsx("AP1048576")),
        ("2,000 rows (the limit), unknown forces, every answer wrong", *hostile_files.worst_within_limits_csv()),
        ("valid year, then empty formatted rows to row 250,000 (imported)", *hostile_files.formatted_rows_xlsx()),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "store"
        ingest.ensure_store(root)
        for label, name, content in cases:
            path = Path(folder) / name
            path.write_bytes(content)
            runs = [_run(path, root) for _ in range(REPEAT)]
            rows.append(
                {
                    "label": label,
                    "bytes": len(content),
                    "seconds": statistics.median(r["seconds"] for r in runs),
                    "extra_mb": max(r["extra_mb"] for r in runs),
                    "imported": all(r["imported"] for r in runs),
                    "said": runs[0]["said"],
                }
            )
    return rows


def results(rows: list[dict] | None = None) -> list[tuple[str, float, float]]:
    """(name, value, limit) rows for bench/run.py; measures and writes the section first."""
    rows = rows if rows is not None else measure()
    write_results(section(rows))
    valid = rows[0]["seconds"]
    out = []
    for row in rows[1:]:
        out.append((f"{row['label']} / valid import (time)", row["seconds"] / valid, TIME_RATIO))
        out.append((f"{row['label']}: extra memory (MB)", row["extra_mb"], EXTRA_MB))
        if row["imported"] != row["label"].endswith("(imported)"):
            out.append((f"{row['label']}: imported is {row['imported']}", 1.0, 0.0))
    return out


def section(rows: list[dict]) -> str:
    valid = rows[0]["seconds"]
    lines = [
        SECTION,
        "",
        f"`python bench/hostile.py` ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}).",
        "Each file read, checked and (if it passes) published as a snapshot, in a fresh child process",
        f"after its modules are loaded; median of {REPEAT} runs, memory the highest of them (peak resident",
        f"set above the child's own after warm-up). Targets: under {TIME_RATIO:g}x the valid import's time,",
        f"under {EXTRA_MB:g} MB extra.",
        "",
        "| file | size | outcome | seconds | × valid import | extra MB |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        outcome = "imported" if row["imported"] else "refused: " + row["said"].split(": ", 1)[-1][:90]
        cells = [row["label"], f"{row['bytes'] / 1024:,.0f} KB", outcome, f"{row['seconds']:.3f}"]
        cells += [f"{row['seconds'] / valid:.2f}", f"{row['extra_mb']:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_results(text: str) -> None:
    """Replaces this script's section of bench/results.md, keeping any other section."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# make bench results\n\n"
    head, marker, rest = old.partition(SECTION)
    tail = ""
    if marker:
        after = rest.split("\n## ", 1)
        tail = "\n## " + after[1] if len(after) > 1 else ""
    RESULTS.write_text(head.rstrip() + "\n\n" + text + tail, encoding="utf-8")


def main() -> int:
    failed = 0
    for name, value, limit in results():
        ok = value <= limit
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value:.2f} (limit {limit:g})")
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
