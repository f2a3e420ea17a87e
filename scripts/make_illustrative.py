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

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
NOTE = "Illustrative data, not a real force return"

MET = "Metropolitan Police"
MERSEYSIDE = "Merseyside"

# ---------------------------------------------------------------------------------------
# 2017: every count below is printed in NCA 2017 (base 43, imprisonment base 33).
# ---------------------------------------------------------------------------------------
FLOWS_2017 = {
    # para 3.8: London lines reach 65% of other forces (28), mostly south and east, some north
    MET: [
        "Thames Valley",
        "Hampshire",
        "Surrey",
        "Kent",
        "Sussex",
        "Essex",
        "Hertfordshire",
        "Bedfordshire",
        "Cambridgeshire",
        "Norfolk",
        "Suffolk",
        "Devon and Cornwall",
        "Avon and Somerset",
        "Gloucestershire",
        "Wiltshire",
        "Dorset",
        "Northamptonshire",
        "Leicestershire",
        "Lincolnshire",
        "Nottinghamshire",
        "Derbyshire",
        "West Mercia",
        "Staffordshire",
        "South Wales",
        "Dyfed-Powys",
        "Humberside",
        "North Yorkshire",
        "South Yorkshire",
    ],
    # para 3.8: Merseyside reaches 42% of forces (18), mostly north west, also south east
    MERSEYSIDE: [
        "Cumbria",
        "Lancashire",
        "Greater Manchester",
        "Cheshire",
        "North Wales",
        "Dyfed-Powys",
        "West Mercia",
        "Staffordshire",
        "North Yorkshire",
        "West Yorkshire",
        "Derbyshire",
        "South Wales",
        "Gloucestershire",
        "Northumbria",
        "Hampshire",
        "Sussex",
        "Thames Valley",
        "Surrey",
    ],
    "West Midlands": [
        "Staffordshire",
        "West Mercia",
        "Derbyshire",
        "Leicestershire",
        "Northamptonshire",
        "Gloucestershire",
        "Dyfed-Powys",
    ],
    "Greater Manchester": [
        "Cumbria",
        "Lancashire",
        "Cheshire",
        "North Wales",
        "West Yorkshire",
        "Derbyshire",
        "North Yorkshire",
    ],
    "West Yorkshire": ["North Yorkshire", "Humberside", "Lincolnshire"],
    "Thames Valley": ["Hampshire", "Wiltshire", "Dorset"],
    "Essex": ["Suffolk", "Norfolk", "Cambridgeshire"],
    "Nottinghamshire": ["Lincolnshire", "Derbyshire", "Norfolk"],
    "South Yorkshire": ["Lincolnshire", "Humberside", "North Yorkshire", "Derbyshire"],
    "Avon and Somerset": [
        "Devon and Cornwall",
        "Wiltshire",
        "Gloucestershire",
        "Dorset",
        "South Wales",
    ],
    "Northumbria": ["Cumbria", "North Yorkshire"],
    "Lancashire": ["Cumbria"],
    "Leicestershire": ["Northamptonshire", "Lincolnshire"],
}

YEAR_2017 = {
    "year": 2017,
    "seed": 20170601,
    "no_return": [],
    # para 3.1: 12% of forces (5) report no evidence of county lines activity
    "inactive": ["City of London", "Cleveland", "Durham", "Gwent", "Warwickshire"],
    "flows": FLOWS_2017,
    "established": 14,  # para 3.5
    "emerging": 8,  # para 3.5
    "lines_forces": 19,  # para 3.2: 43% of forces (19) gave numbers of lines
    "lines_total": 701,  # + one line in each of the other 19 active forces = 720
    "flow_lines_share": 0.7,
    # indicator: (yes, possible)
    "counts": {
        "heroin": (34, 0),
        "crack_cocaine": (30, 0),
        "cannabis": (15, 0),  # "more than a third (35%)": 15/43 = 34.9%
        "spice": (4, 0),
        "knives": (35, 0),
        "firearms": (32, 0),
        "corrosives": (11, 1),  # para 5.3 "one force reporting potential evidence"
        "homicide": (18, 0),
        "taxing": (15, 2),
        "sexual_violence": (9, 0),
        "turf_wars": (25, 0),
        "cuckooing": (33, 0),
        "other_accommodation": (10, 0),
        "sex_worker_premises": (14, 0),
        "imprisonment": (7, 0),
        "vulnerable_people": (32, 0),
        "mental_health": (16, 0),
        "physical_health": (5, 0),
        "vulnerable_dealing": (25, 0),
        "debt_bondage": (12, 0),
        "drug_users_transport": (25, 0),
        "child_exploitation": (28, 0),
        "children_running": (18, 0),
        "sexual_exploitation": (15, 4),
        "child_sexual_exploitation": (11, 3),
        "rail": (29, 0),
        "hire_vehicles": (22, 0),
        "owned_vehicles": (18, 0),
        "taxis": (14, 0),
        "changing_deal_lines": (11, 0),
        "complicit_companies": (8, 0),
        "plugging": (13, 0),
        "rotating_operatives": (5, 0),
        "franchising": (6, 0),
    },
    # para 8.5: 5% of forces (2) reported no exploitation of children; 19% (8) an
    # intelligence gap (not known). Inactive forces leave it blank to keep "no" at 2.
    "exact_no": {"child_exploitation": 2},
}

# ---------------------------------------------------------------------------------------
# 2016: NCA 2016 prints percentages of "areas" only; counts here are those percentages
# applied to 41 returns, and lower than 2017 on the trends 2017 calls new or emerging.
# ---------------------------------------------------------------------------------------
FLOWS_2016 = {
    # para 3.1: 85% of areas encountered gangs from London
    MET: [
        "Thames Valley",
        "Hampshire",
        "Surrey",
        "Kent",
        "Sussex",
        "Essex",
        "Hertfordshire",
        "Bedfordshire",
        "Cambridgeshire",
        "Norfolk",
        "Suffolk",
        "Devon and Cornwall",
        "Avon and Somerset",
        "Gloucestershire",
        "Wiltshire",
        "Dorset",
        "Northamptonshire",
        "Leicestershire",
        "Nottinghamshire",
        "Derbyshire",
        "West Mercia",
        "Staffordshire",
        "Warwickshire",
        "West Midlands",
        "South Wales",
        "Humberside",
        "North Yorkshire",
        "South Yorkshire",
        "West Yorkshire",
        "Lancashire",
        "Greater Manchester",
    ],
    # para 3.1: other gangs from Liverpool, Manchester, Birmingham, Reading and Essex
    MERSEYSIDE: [
        "Cumbria",
        "Lancashire",
        "Cheshire",
        "North Wales",
        "West Mercia",
        "Staffordshire",
        "Greater Manchester",
        "West Yorkshire",
        "Northumbria",
        "Hampshire",
    ],
    "West Midlands": [
        "Staffordshire",
        "West Mercia",
        "Warwickshire",
        "Leicestershire",
        "Gloucestershire",
    ],
    "Greater Manchester": ["Cumbria", "Lancashire", "Cheshire", "North Wales", "West Yorkshire"],
    "Thames Valley": ["Hampshire", "Wiltshire", "Surrey"],
    "Essex": ["Suffolk", "Norfolk"],
}

YEAR_2016 = {
    "year": 2016,
    "seed": 20160601,
    "no_return": ["Gwent", "Lincolnshire"],
    "inactive": ["City of London", "Cleveland", "Durham", "Dyfed-Powys"],
    "flows": FLOWS_2016,
    "established": 29,  # para 2.1: 71% established (0.71 * 41 = 29.1)
    "emerging": 5,  # para 2.1: 12% emerging (0.12 * 41 = 4.9)
    "lines_forces": 0,  # NCA 2016 published no numbers of lines
    "lines_total": 0,
    "flow_lines_share": 0.35,
    "counts": {
        "heroin": (37, 0),  # para 5.1: all gangs sold crack cocaine and heroin
        "crack_cocaine": (37, 0),
        "cannabis": (12, 0),  # para 13.3: 30%
        "spice": (1, 0),
        "knives": (31, 0),  # para 10.4: knives the most common weapon
        "firearms": (26, 0),
        "corrosives": (4, 1),  # para 10.5: acid a developing trend
        "homicide": (10, 0),
        "taxing": (3, 1),
        "sexual_violence": (6, 0),
        "turf_wars": (18, 0),
        "cuckooing": (37, 0),  # para 6.1: all returns
        "other_accommodation": (6, 0),
        "sex_worker_premises": (6, 0),
        "imprisonment": (4, 0),
        "vulnerable_people": (37, 0),
        "mental_health": (10, 0),  # para 6.5: a new trend
        "physical_health": (3, 0),
        "vulnerable_dealing": (37, 0),  # para 6.2: 90% (0.9 * 41 = 36.9)
        "debt_bondage": (16, 0),
        "drug_users_transport": (20, 0),
        "child_exploitation": (33, 0),  # para 8.4: 80% (0.8 * 41 = 32.8)
        "children_running": (21, 0),
        "sexual_exploitation": (7, 2),  # para 9.1: not widely reported
        "child_sexual_exploitation": (4, 2),
        "rail": (27, 0),
        "hire_vehicles": (25, 0),  # para 12.2: the majority use hire cars
        "owned_vehicles": (7, 0),  # para 12.2: a small number use private cars
        "taxis": (13, 0),
        "changing_deal_lines": (5, 0),
        "complicit_companies": (3, 0),
        "plugging": (6, 0),
        "rotating_operatives": (9, 0),  # para 4.1: a number of areas rotate members
        "franchising": (2, 0),
    },
    "exact_no": {},
}

# A question asked only of forces answering yes to another, or whose yes answers must
# fall within another question's yes answers.
PARENT = {
    "imprisonment": "cuckooing",
    "mental_health": "vulnerable_people",
    "physical_health": "vulnerable_people",
    "vulnerable_dealing": "vulnerable_people",
    "debt_bondage": "vulnerable_people",
    "children_running": "child_exploitation",
}
NOT_ASKED_OUTSIDE_PARENT = {"imprisonment"}  # base is cuckooing forces (NCA 2017 para 6.8)
SCOPE = ("county_lines_activity", "importer", "exporter", "established_lines", "emerging_lines")


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
