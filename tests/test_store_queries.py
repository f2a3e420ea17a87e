"""One test per queries/*.sql, with expected rows written by hand from tests/fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from countylines import store

ROOT = Path(__file__).resolve().parents[1]


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in r) for r in frame[columns].itertuples(index=False)]


def test_every_query_file_is_used_by_the_code():
    code = "".join(p.read_text() for p in (ROOT / "countylines").rglob("*.py"))
    for path in (ROOT / "queries").glob("*.sql"):
        assert re.search(rf'"{path.stem}"', code), f"{path.name} is not used by countylines/"


def test_create_schema_and_refresh_reference(empty_db):
    tables = set(empty_db.execute("select table_name from information_schema.tables").df()["table_name"])
    assert {
        "forces",
        "themes",
        "indicators",
        "published",
        "imports",
        "submissions",
        "returns",
        "flows",
        "year_sources",
        "year_questions",
    } <= tables
    assert empty_db.execute("select count(*) from forces").fetchone()[0] == 43
    assert empty_db.execute("select name from forces where code = 'E23000036'").fetchone()[0] == (
        "Avon and Somerset"
    )
    base = empty_db.execute("select base_indicator from indicators where id = 'imprisonment'").fetchone()
    assert base[0] == "cuckooing"
    # A second refresh (every start) leaves one copy of each row.
    store.refresh_reference(empty_db)
    assert empty_db.execute("select count(*) from forces").fetchone()[0] == 43


def test_years(small_db):
    assert store.years(small_db) == [2017, 2016]


def test_indicator_figures_2017(small_db):
    frame = store.indicator_figures(small_db, 2017)
    # Norfolk, Kent, Staffordshire, Cumbria returned; imprisonment's base is the two
    # forces answering yes to cuckooing (Norfolk, Kent); Cumbria's yes is outside it.
    assert rows(frame, ["indicator", "count", "possible", "no", "not_known", "base", "base_label"]) == [
        ("heroin", 3, 0, 1, 0, 4, None),
        ("knives", 1, 1, 1, 1, 4, None),
        ("cuckooing", 2, 1, 1, 0, 4, None),
        ("imprisonment", 1, 0, 1, 0, 2, "Cuckooing"),
    ]
    assert set(frame["year"]) == {2017}
    assert not frame["illustrative"].any()


def test_indicator_figures_all_years(small_db):
    frame = store.indicator_figures(small_db)
    y2016 = frame[frame["year"] == 2016]
    assert rows(y2016, ["indicator", "count", "possible", "not_known", "base"]) == [
        ("heroin", 2, 0, 0, 2),
        ("knives", 0, 0, 0, 2),
        ("cuckooing", 1, 0, 0, 2),
        ("imprisonment", 0, 0, 1, 1),  # base: Norfolk, the one 2016 yes to cuckooing
    ]


def test_force_returns_lists_missing_forces(small_db):
    frame = store.force_returns(small_db, 2016)
    assert len(frame) == 43
    returned = frame[frame["returned"]]
    assert rows(returned, ["name", "lines_count"]) == [("Kent", None), ("Norfolk", None)]
    staffs = store.force_returns(small_db, 2017).set_index("name").loc["Staffordshire"]
    assert (staffs["lines_count"], staffs["notes"]) == (3, "small test return")


def test_force_answers(small_db):
    frame = store.force_answers(small_db, 2017, "knives").set_index("name")
    assert frame.loc["Norfolk", "answer"] == "yes"
    assert frame.loc["Kent", "answer"] == "possible"
    assert frame.loc["Staffordshire", "answer"] == "no"
    assert frame.loc["Cumbria", "answer"] == "not_known"
    assert frame.loc["Essex", "answer"] == "no_return"
    assert (frame["answer"] == "no_return").sum() == 39


def test_force_profile(small_db):
    frame = store.force_profile(small_db, "E23000024")  # Norfolk
    assert rows(frame, ["year", "indicator", "answer"]) == [
        (2016, "heroin", "yes"),
        (2016, "knives", "no"),
        (2016, "cuckooing", "yes"),
        (2016, "imprisonment", "not_known"),
        (2017, "heroin", "yes"),
        (2017, "knives", "yes"),
        (2017, "cuckooing", "yes"),
        (2017, "imprisonment", "yes"),
    ]


def test_flows(small_db):
    frame = store.flows(small_db, 2017)
    assert rows(frame, ["exporter", "importer", "lines"]) == [
        ("Metropolitan Police", "Norfolk", 12),
        ("Merseyside", "Cumbria", 3),
        ("Merseyside", "Norfolk", 2),
        ("Metropolitan Police", "Kent", None),
    ]
    assert frame.loc[0, "exporter_code"] == "E23000001"


def test_exporter_reach(small_db):
    frame = store.exporter_reach(small_db, 2017)
    assert rows(frame, ["code", "name", "count", "base"]) == [
        ("E23000004", "Merseyside", 2, 4),
        ("E23000001", "Metropolitan Police", 2, 4),
    ]


def test_importer_reach(small_db):
    frame = store.importer_reach(small_db, 2017)
    assert len(frame) == 43
    assert rows(frame.head(3), ["name", "exporters"]) == [("Norfolk", 2), ("Cumbria", 1), ("Kent", 1)]
    assert frame["exporters"].iloc[3:].eq(0).all()


def test_published_figures(empty_db):
    frame = store.published_figures(empty_db, 2017)
    cuckooing = frame[(frame["indicator"] == "cuckooing") & (frame["answer"] == "yes")]
    assert rows(cuckooing, ["percent", "count", "base"]) == [(77, 33, 43)]
    percents = frame[frame["unit"] != "lines"]
    # 43 forces; 33 reporting cuckooing (para 6.8); 19 deaths (para 5.4's "cases reported").
    assert set(percents["base"].dropna()) == {43, 33, 19}
    lines = frame[frame["unit"] == "lines"]
    assert rows(lines, ["source_ref", "count"]) == [
        ("NCA 2017 para 3.2", 720),
        ("NCA 2017 para 3.3", 283),
        ("NCA 2017 para 3.4", 371),
    ]
    assert store.published_figures(empty_db, 2016)["base"].isna().all()


def test_year_sources_and_import_log(small_db):
    sources = store.year_sources(small_db)
    assert rows(sources, ["year", "kind", "illustrative", "file_name"]) == [
        (2017, "flows", False, "flows_small.csv"),
        (2017, "returns", False, "returns_small.csv"),
        (2016, "flows", False, "flows_small.csv"),
        (2016, "returns", False, "returns_small.csv"),
    ]
    log = store.import_log(small_db)
    assert rows(log, ["kind", "file_name", "rows", "years", "imported_by"]) == [
        ("flows", "flows_small.csv", 5, "2016, 2017", "tests"),
        ("returns", "returns_small.csv", 6, "2016, 2017", "tests"),
    ]
    assert all(len(s) == 64 for s in log["sha256"])


@pytest.mark.parametrize("name", ["record_import", "replace_returns", "replace_flows", "record_snapshot"])
def test_write_queries_bind_parameters(name):
    text = store.sql(name)
    assert "$import_id" in text or "$kind" in text or "$made_by" in text
    assert "format(" not in text and "{" not in text  # values are bound, never pasted


def test_year_answers(small_db):
    frame = store.year_answers(small_db, 2017)
    # 43 forces x the 4 questions asked in 2017; forces with no return marked as such.
    assert len(frame) == 43 * 4
    kent = frame[frame["name"] == "Kent"]
    assert rows(kent, ["indicator", "answer"]) == [
        ("cuckooing", "yes"),
        ("heroin", "yes"),
        ("imprisonment", "no"),
        ("knives", "possible"),
    ]
    cumbria = frame[frame["name"] == "Cumbria"].set_index("indicator")["answer"]
    assert cumbria["knives"] == "not_known"  # returned, left the cell blank
    assert set(frame[frame["name"] == "Essex"]["answer"]) == {"no_return"}


def test_record_snapshot_and_snapshot_history(empty_db):
    from datetime import datetime

    from countylines.store.database import run_script

    rows = [
        (1, None, datetime(2026, 11, 1, 9, 30), "first start", "initial", "[]", "The embedded set.", "a" * 64),
        (
            2,
            1,
            datetime(2026, 11, 2, 10, 32),
            "a.analyst",
            "import",
            '[{"kind": "returns"}]',
            "Imported.",
            "a" * 64,
        ),
    ]
    names = ["id", "parent", "made_at", "made_by", "action", "files", "summary", "reference_sha256"]
    cursor = empty_db.cursor()
    for row in rows:
        run_script(cursor, "record_snapshot", dict(zip(names, row, strict=True)))
    cursor.close()
    history = store.query(empty_db, "snapshot_history")
    assert [tuple(r) for r in history[["id", "made_by", "action", "summary"]].itertuples(index=False)] == [
        (2, "a.analyst", "import", "Imported."),
        (1, "first start", "initial", "The embedded set."),
    ]
    assert store.snapshot_reference(empty_db) == "a" * 64


def test_record_import_numbers_on_from_the_highest_held(empty_db):
    from countylines.store.database import run_script

    cursor = empty_db.cursor()
    base = {
        "kind": "returns",
        "sha256": "0" * 64,
        "rows": 1,
        "years": "2017",
        "imported_by": "t",
        "illustrative": False,
    }
    cursor.execute(
        "insert into imports (id, kind, file_name, sha256, rows, years, imported_by, illustrative, stored_path) "
        "values (7, 'flows', 'carried.csv', '', 1, '2016', 't', false, 'x')"
    )  # a row carried forward by a restore, above anything the sequence would give
    new_id = run_script(cursor, "record_import", {**base, "file_name": "new.csv", "stored_path": "y"}).fetchone()[
        0
    ]
    cursor.close()
    assert new_id == 8


def test_snapshot_check(empty_db):
    check = store.query(empty_db, "snapshot_check").iloc[0]
    assert pd.isna(check["newest"]) and check["forces"] == 43  # no history row yet; 43 forces


def test_year_questions(small_db):
    # returns_small.csv has the columns cuckooing, imprisonment, knives and heroin for both
    # years, in the report's order (cuckooing 17, imprisonment 20 ... heroin 6, knives 10).
    asked = store.year_questions(small_db)
    expected = [
        (year, indicator)
        for year in (2016, 2017)
        for indicator in ("heroin", "knives", "cuckooing", "imprisonment")
    ]
    assert rows(asked, ["year", "indicator"]) == expected
    assert rows(asked.head(1), ["label"]) == [("Heroin",)]


def test_year_questions_records_the_columns_of_each_import(small_db, tmp_path):
    from countylines import ingest

    # A 2018 file without heroin or imprisonment: 2018 asked knives and cuckooing only, and
    # replacing 2017 with a file of one column leaves 2017 asking that one question.
    path = tmp_path / "returns_2018.csv"
    path.write_text("year,force,knives,cuckooing\n2018,Norfolk,yes,no\n2018,Kent,,yes\n", encoding="utf-8")
    ingest.import_files(small_db, path)
    again = tmp_path / "returns_2017.csv"
    again.write_text("year,force,heroin\n2017,Kent,no\n", encoding="utf-8")
    ingest.import_files(small_db, again)
    asked = rows(store.year_questions(small_db), ["year", "indicator"])
    assert [r for r in asked if r[0] == 2018] == [(2018, "knives"), (2018, "cuckooing")]
    assert [r for r in asked if r[0] == 2017] == [(2017, "heroin")]


def test_year_questions_is_filled_for_a_database_made_before_it(tmp_path):
    from countylines import ingest

    path = tmp_path / "old.duckdb"
    conn = store.connect(path)
    ingest.import_files(conn, ROOT / "tests" / "fixtures" / "returns_small.csv")
    conn.execute("delete from year_questions")  # as a database made before the table was
    conn.close()
    conn = store.connect(path)  # opening it fills the table from the returns it holds
    try:
        assert len(store.year_questions(conn)) == 8  # 4 questions in each of 2016 and 2017
    finally:
        conn.close()


def test_line_totals(small_db):
    # 2017: Norfolk counted 12 lines and Staffordshire 3; Kent and Cumbria gave no number and
    # county_lines_activity was not asked, so none is added for them: at least 15 lines.
    assert rows(
        store.line_totals(small_db, 2017), ["returns", "forces_counting", "lines_counted", "active_uncounted"]
    ) == [(4, 2, 15, 0)]
    assert rows(store.line_totals(small_db, 2016), ["returns", "forces_counting", "lines_counted"]) == [(2, 0, 0)]
    assert rows(store.line_totals(small_db, 2019), ["returns", "lines_counted"]) == [(0, 0)]


def test_line_totals_counts_one_line_for_each_active_force_without_a_number(empty_db, tmp_path):
    from countylines import ingest

    # By hand: Norfolk 12 lines, Kent active with no number (+1), Essex not active with no
    # number (+0), Cumbria active with 3: 15 counted by 2 forces, 1 more = at least 16.
    path = tmp_path / "returns.csv"
    path.write_text(
        "year,force,county_lines_activity,lines_count\n"
        "2018,Norfolk,yes,12\n2018,Kent,yes,\n2018,Essex,no,\n2018,Cumbria,yes,3\n",
        encoding="utf-8",
    )
    ingest.import_files(empty_db, path)
    assert rows(
        store.line_totals(empty_db, 2018), ["returns", "forces_counting", "lines_counted", "active_uncounted"]
    ) == [(4, 2, 15, 1)]
