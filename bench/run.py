"""make bench: speed and size targets measured as ratios within one run.

Absolute times on shared machines are noise; ratios between two measurements taken
back to back are not. Each target is a ratio or a size, printed with PASS/FAIL, and the
script exits non-zero when one fails. It is not part of `make test`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from countylines import catalogue, ingest, store  # noqa: E402
from countylines.draw.maps import arrows, boundaries  # noqa: E402
from countylines.figures import nca  # noqa: E402


def timed(action, repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def synthetic_returns(years: range) -> ingest.SourceFile:
    """Every force answering every question in each year: the largest realistic file."""
    questions = catalogue.indicator_ids()
    names = catalogue.forces()["name"].tolist()
    rows = []
    for year in years:
        for i, name in enumerate(names):
            answers = [("yes", "no", "possible", "")[(i + j + year) % 4] for j in range(len(questions))]
            rows.append([year, name, *answers, i % 7, ""])
    frame = pd.DataFrame(rows, columns=["year", "force", *questions, "lines_count", "notes"])
    return ingest.SourceFile("synthetic.csv", frame.to_csv(index=False).encode())


def snapshot_costs(one_year: ingest.SourceFile) -> list[tuple[str, float, float]]:
    """What publishing an import as a snapshot costs beside importing into one file."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "store"
        ingest.ensure_store(root)
        preview = ingest.prepare_import(one_year)
        conn = ingest.open_database(Path(folder) / "plain.duckdb")
        t_plain = timed(lambda: ingest.commit_import(conn, preview, accepted_dir=Path(folder) / "kept"), repeat=3)
        conn.close()
        t_publish = timed(lambda: ingest.publish_import(root, preview, imported_by="bench"), repeat=3)
        t_pin = timed(lambda: store.current_snapshot(root))
        largest = max(p.stat().st_size for p in (root / "snapshots").glob("*.duckdb"))
    return [
        ("publish an import as a snapshot / import into one file (time)", t_publish / t_plain, 5.0),
        ("largest snapshot file of the default set after imports (MB)", largest / 1e6, 20.0),
        ("pin the current snapshot / import into one file (time)", t_pin / t_plain, 0.01),
    ]


def present_cost(conn) -> float:
    """What a change of slide costs on Present, beside drawing every slide's chart each time."""
    from countylines.draw import slides

    now = nca.add_labels(store.indicator_figures(conn, 2017))
    before = nca.add_labels(store.indicator_figures(conn, 2016))
    common = {
        "illustrative": True,
        "exporters": store.exporter_reach(conn, 2017),
        "before": before,
        "before_year": 2016,
        "returns": store.force_returns(conn, 2017),
    }
    t_every = timed(lambda: slides.findings(now, 2017, **common))
    t_one = timed(lambda: slides.findings(now, 2017, lazy=True, **common)[0].drawn())
    return t_one / t_every


def main() -> int:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        conn = store.connect(Path(folder) / "bench.duckdb")
        one_year = synthetic_returns(range(2017, 2018))
        ten_years = synthetic_returns(range(2014, 2024))

        t_import_1 = timed(lambda: ingest.import_files(conn, one_year), repeat=3)
        tracemalloc.start()
        t_import_10 = timed(lambda: ingest.import_files(conn, ten_years), repeat=3)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results.append(("import 10 years / import 1 year (time)", t_import_10 / t_import_1, 10.0))
        results.append(("import 10 years peak Python memory (MB)", peak / 1e6, 100.0))

        t_fig_1 = timed(lambda: nca.add_labels(store.indicator_figures(conn, 2017)))
        t_fig_all = timed(lambda: nca.add_labels(store.indicator_figures(conn)))
        results.append(("figures all 10 years / one year (time)", t_fig_all / t_fig_1, 5.0))

        t_years = timed(lambda: store.years(conn))
        results.append(("one year's figures / trivial query (time)", t_fig_1 / t_years, 50.0))
        conn.close()

    areas = boundaries.load_force_areas()
    layer = ROOT / "data" / "boundaries" / "police_force_areas.geojson"
    results.append(("shipped boundary layer (MB)", layer.stat().st_size / 1e6, 1.0))
    conn = ingest.open_database(Path(tempfile.mkdtemp()) / "default.duckdb")
    fig = arrows.flow_map(areas, store.flows(conn, 2017))
    results.append(("2017 flow map figure JSON (MB)", len(fig.to_json()) / 1e6, 1.0))

    results.append(("present: one slide drawn / every slide drawn (time)", present_cost(conn), 0.6))

    results.extend(snapshot_costs(one_year))

    import hostile  # bench/hostile.py: hostile files refused beside a valid import (writes results.md)

    results.extend(hostile.results())

    failed = 0
    for name, value, limit in results:
        ok = value <= limit
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value:.2f} (limit {limit:g})")
    import screens  # bench/screens.py: every screen against its floor, written to bench/results.md

    failed += screens.main()

    # Viewers through the proxy (bench/load.py): prints its table and writes its section of
    # bench/results.md; every error (a screen that failed or timed out) fails the bench.
    import load

    errors = load.main([])
    print(f"{'PASS' if not errors else 'FAIL'}  viewers through the proxy: {errors} errors")
    failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
