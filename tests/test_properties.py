"""Property tests of the whole path, file to figure: for any set of returns, the figures
the store computes equal a count done here in plain Python, with its own rounding.

The oracle is written independently of queries/indicator_figures.sql: yes, possible and
not known counted apart over the base (every force with a return, or for imprisonment the
forces answering yes to cuckooing), percent = yes / base rounded half up with decimal.
"""

from __future__ import annotations

import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countylines import catalogue, ingest, store
from countylines.figures import nca

FORCES = catalogue.forces()["name"].tolist()
QUESTIONS = ["cuckooing", "imprisonment", "knives"]  # imprisonment's base: yes to cuckooing
ANSWERS = {"yes": "Yes", "no": "n", "possible": "unconfirmed", "not_known": ""}  # as people type them

returns_sets = st.dictionaries(
    keys=st.sampled_from(FORCES),
    values=st.fixed_dictionaries({q: st.sampled_from(list(ANSWERS)) for q in QUESTIONS}),
    min_size=1,
    max_size=12,
)


def expected(returns: dict[str, dict[str, str]]) -> dict[str, tuple[int, int, int, int, int | None]]:
    """(yes, possible, not_known, base, percent) per question, counted by hand."""
    out = {}
    for question in QUESTIONS:
        if question == "imprisonment":
            eligible = [a for a in returns.values() if a["cuckooing"] == "yes"]
        else:
            eligible = list(returns.values())
        yes = sum(a[question] == "yes" for a in eligible)
        possible = sum(a[question] == "possible" for a in eligible)
        not_known = sum(a[question] == "not_known" for a in eligible)
        base = len(eligible)
        percent = None
        if base:
            percent = int((Decimal(100 * yes) / Decimal(base)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        out[question] = (yes, possible, not_known, base, percent)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(returns_sets)
def test_figures_from_any_returns_file_equal_a_count_by_hand(returns):
    lines = ["Year,Force," + ",".join(QUESTIONS)]
    lines += [f"2019,{force},{','.join(ANSWERS[a[q]] for q in QUESTIONS)}" for force, a in returns.items()]
    with tempfile.TemporaryDirectory() as folder:
        conn = store.connect(Path(folder) / "p.duckdb")
        try:
            ingest.import_files(conn, ingest.SourceFile("r.csv", "\r\n".join(lines).encode("cp1252")))
            got = nca.add_labels(store.indicator_figures(conn, 2019)).set_index("indicator")
            missing = store.force_returns(conn, 2019).query("not returned")["name"].tolist()
        finally:
            conn.close()
    want = expected(returns)
    for question in QUESTIONS:
        yes, possible, not_known, base, percent = want[question]
        if base == 0:
            # imprisonment with no force reporting cuckooing: no base, so no percentage
            assert question not in got.index or int(got.loc[question, "base"]) == 0
            continue
        row = got.loc[question]
        assert (int(row["count"]), int(row["possible"]), int(row["not_known"]), int(row["base"])) == (
            yes,
            possible,
            not_known,
            base,
        )
        assert int(row["percent"]) == percent
        assert row["label"].startswith(f"{percent}% of forces")
        assert row["label"].endswith(f"({yes})")
    # every force without a row is named as making no return
    assert sorted(missing) == sorted(set(FORCES) - set(returns))
