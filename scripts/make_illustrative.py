"""Write the ILLUSTRATIVE force returns and flows: invented data, not real force returns.

The NCA county lines reports publish national figures only. This script invents a
force-level data set, in the documented import format, whose national counts match the
counts printed in NCA 2017 (43 force returns) and roughly follow the percentages printed
in NCA 2016 (here 41 returns, so the dashboard can show forces with no return).

    python scripts/make_illustrative.py [--out DIR]      (default DIR: data/illustrative)

Writes DIR/returns.csv and DIR/flows.csv. The output is deterministic: a fixed seed, no
use of hash() or set iteration order, rows in data/forces.csv order; rerunning it gives
byte-identical files.

returns.csv: year,force,<indicator ids in data/indicators.csv order>,lines_count,notes
    one row per force per year; answers yes / no / possible / blank (= not known).
flows.csv:   year,exporter,importer,lines  (force names; lines blank when unknown)
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from pathlib import Path

from illustrative_years import NOT_ASKED_OUTSIDE_PARENT, PARENT, SCOPE, YEAR_2016, YEAR_2017

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
NOTE = "Illustrative data, not a real force return"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def weighted_sample(rng: random.Random, items: list[str], weights: dict[str, float], k: int):
    """k items without replacement, chance rising with weight (Efraimidis-Spirakis keys)."""
    if k > len(items):
        raise ValueError(f"cannot choose {k} of {len(items)}")
    keyed = [(rng.random() ** (1.0 / weights[item]), -index, item) for index, item in enumerate(items)]
    keyed.sort(reverse=True)
    return [item for _, _, item in keyed[:k]]


def split_total(rng: random.Random, total: int, weights: list[float], minimum: int) -> list[int]:
    """Integers >= minimum, roughly proportional to weights, summing to total exactly."""
    spare = total - minimum * len(weights)
    if spare < 0:
        raise ValueError("total too small")
    scaled = [spare * w / sum(weights) for w in weights]
    parts = [int(s) for s in scaled]
    order = sorted(range(len(weights)), key=lambda i: (-(scaled[i] - parts[i]), i))
    for i in order[: spare - sum(parts)]:
        parts[i] += 1
    return [minimum + p for p in parts]


def make_year(spec: dict, names: list[str], indicator_ids: list[str], previous: dict | None):
    rng = random.Random(spec["seed"])
    returners = [n for n in names if n not in spec["no_return"]]
    inactive = set(spec["inactive"])
    active = [n for n in returners if n not in inactive]
    flows = spec["flows"]
    inflows: Counter = Counter()
    for exporter, targets in flows.items():
        assert len(set(targets)) == len(targets), f"duplicate flow from {exporter}"
        assert exporter not in targets, f"self-flow {exporter}"
        for target in targets:
            inflows[target] += 1
    importers = {n for n in returners if inflows[n]}
    exporters = set(flows)
    assert importers <= set(active) and exporters <= set(active)

    # How completely each force answers: its chance of leaving a non-yes answer blank.
    blank_chance = {n: rng.uniform(0.15, 0.55) for n in returners}
    intensity = {n: 1.0 + inflows[n] + (1.5 if n in exporters else 0.0) for n in active}

    answers: dict[str, dict[str, str]] = {n: {} for n in returners}

    def prior_boost(force: str, indicator: str) -> float:
        if previous and previous.get(force, {}).get(indicator) == "yes":
            return 2.0
        return 1.0

    def no_or_blank(force: str) -> str:
        return "" if rng.random() < blank_chance[force] else "no"

    for n in returners:
        answers[n]["county_lines_activity"] = "no" if n in inactive else "yes"
        answers[n]["importer"] = "yes" if n in importers else "no"
        answers[n]["exporter"] = "yes" if n in exporters else "no"

    # Established and emerging lines are disjoint; the rest of the active forces
    # could not tell (NCA 2017 para 3.5), so both are blank for them.
    markets = [n for n in active if n in importers]
    established = weighted_sample(
        rng,
        markets,
        {n: intensity[n] * prior_boost(n, "established_lines") for n in markets},
        spec["established"],
    )
    rest = [n for n in markets if n not in established]
    emerging = weighted_sample(rng, rest, {n: 1.0 / intensity[n] for n in rest}, spec["emerging"])
    for n in returners:
        if n in inactive:
            answers[n]["established_lines"] = answers[n]["emerging_lines"] = "no"
        elif n in established:
            answers[n]["established_lines"], answers[n]["emerging_lines"] = "yes", "no"
        elif n in emerging:
            answers[n]["established_lines"], answers[n]["emerging_lines"] = "no", "yes"
        else:
            answers[n]["established_lines"] = answers[n]["emerging_lines"] = ""

    for indicator in indicator_ids:
        if indicator in SCOPE:
            continue
        yes_count, possible_count = spec["counts"][indicator]
        parent = PARENT.get(indicator)
        if indicator == "child_sexual_exploitation":
            pool = [
                n
                for n in active
                if answers[n]["sexual_exploitation"] == "yes" and answers[n]["child_exploitation"] == "yes"
            ]
        elif parent:
            pool = [n for n in active if answers[n][parent] == "yes"]
        else:
            pool = list(active)
        weights = {}
        for n in pool:
            weight = intensity[n] * prior_boost(n, indicator)
            if indicator == "sexual_exploitation" and answers[n]["child_exploitation"] == "yes":
                weight *= 4.0
            weights[n] = weight
        yes = set(weighted_sample(rng, pool, weights, yes_count))

        if indicator == "child_sexual_exploitation":
            maybe_pool = [
                n
                for n in active
                if n not in yes
                and answers[n]["sexual_exploitation"] in ("yes", "possible")
                and answers[n]["child_exploitation"] != "no"
            ]
        else:
            maybe_pool = [n for n in pool if n not in yes]
        possible = set(weighted_sample(rng, maybe_pool, {n: intensity[n] for n in maybe_pool}, possible_count))

        exact_no = spec["exact_no"].get(indicator)
        if exact_no is not None:
            others = [n for n in active if n not in yes and n not in possible]
            no_set = set(weighted_sample(rng, others, {n: 1.0 / intensity[n] for n in others}, exact_no))

        for n in returners:
            if n in yes:
                value = "yes"
            elif n in possible:
                value = "possible"
            elif exact_no is not None:
                value = "no" if n in no_set else ""
            elif parent and answers[n][parent] != "yes":
                # Questions not asked outside their parent stay blank; others follow a "no".
                outside = indicator in NOT_ASKED_OUTSIDE_PARENT or answers[n][parent] != "no"
                value = "" if outside else "no"
            elif indicator == "child_sexual_exploitation" and answers[n]["sexual_exploitation"] == "no":
                value = "no"
            elif n in inactive:
                value = "no" if rng.random() < 0.75 else ""
            else:
                value = no_or_blank(n)
            answers[n][indicator] = value

    # Numbers of lines (NCA 2017 para 3.2) and the lines on each flow.
    lines_count = {n: "" for n in returners}
    if spec["lines_forces"]:
        chosen = weighted_sample(rng, markets, {n: float(inflows[n]) for n in markets}, spec["lines_forces"])
        chosen = [n for n in returners if n in chosen]  # forces order
        sizes = split_total(rng, spec["lines_total"], [inflows[n] + rng.uniform(0.5, 4.0) for n in chosen], 4)
        for n, size in zip(chosen, sizes, strict=True):
            lines_count[n] = size

    flow_rows = []
    for exporter in [n for n in names if n in flows]:
        for importer in [n for n in names if n in flows[exporter]]:
            flow_rows.append([exporter, importer, ""])
    by_importer: dict[str, list[list]] = {}
    for row in flow_rows:
        by_importer.setdefault(row[1], []).append(row)
    for importer in [n for n in names if n in by_importer]:
        rows = by_importer[importer]
        if spec["lines_forces"]:
            # Lines are known only where the importer counted its lines, and never add
            # up to more than that count.
            total = lines_count[importer]
            if total == "":
                continue
            known = [r for r in rows if rng.random() < spec["flow_lines_share"]]
            if not known:
                continue
            budget = max(len(known), int(total * rng.uniform(0.5, 0.9)))
            budget = min(budget, total)
            for row, size in zip(
                known, split_total(rng, budget, [rng.uniform(0.5, 3.0) for _ in known], 1), strict=True
            ):
                row[2] = size
        else:
            for row in rows:
                if rng.random() < spec["flow_lines_share"]:
                    row[2] = rng.randint(1, 6)

    return answers, lines_count, flow_rows, returners


def build(out_dir: Path) -> None:
    names = [row["name"] for row in read_csv(DATA_DIR / "forces.csv")]
    indicator_ids = [row["id"] for row in read_csv(DATA_DIR / "indicators.csv")]
    for spec in (YEAR_2016, YEAR_2017):
        missing = set(indicator_ids) - set(SCOPE) - set(spec["counts"])
        assert not missing, f"no rule for {sorted(missing)}"
        for exporter, targets in spec["flows"].items():
            unknown = {exporter, *targets} - set(names)
            assert not unknown, f"unknown forces {unknown}"

    out_dir.mkdir(parents=True, exist_ok=True)
    returns_rows, flows_out = [], []
    previous = None
    for spec in (YEAR_2016, YEAR_2017):
        answers, lines_count, flow_rows, returners = make_year(spec, names, indicator_ids, previous)
        for n in returners:
            returns_rows.append([spec["year"], n, *[answers[n][i] for i in indicator_ids], lines_count[n], NOTE])
        flows_out.extend([spec["year"], *row] for row in flow_rows)
        previous = answers

    with (out_dir / "returns.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["year", "force", *indicator_ids, "lines_count", "notes"])
        writer.writerows(returns_rows)
    with (out_dir / "flows.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["year", "exporter", "importer", "lines"])
        writer.writerows(flows_out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "illustrative", help="output folder")
    args = parser.parse_args()
    build(args.out)
    print(f"wrote {args.out / 'returns.csv'} and {args.out / 'flows.csv'}")


if __name__ == "__main__":
    main()
