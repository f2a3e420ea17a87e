"""The store as published snapshots: the first snapshot, migration, import, history, pruning,
restore, the writer lock, a change after a preview, kept files, and readers that keep reading
the snapshot they opened. Expected values are worked by hand from the fixtures."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest
from stores import FIXTURES, held, small_store, year_file

from countylines import ingest, store

DEFAULT_RETURNS = "data/illustrative/returns.csv"


def current_history(folder):
    _, conn = store.open_current(folder)
    try:
        return store.history(conn, folder)
    finally:
        conn.close()


def test_first_start_publishes_the_embedded_default_as_snapshot_1(tmp_path):
    folder = tmp_path / "store"
    assert ingest.ensure_store(folder) == 1
    assert (folder / "CURRENT").read_text() == "000001\n"
    assert store.published_ids(folder) == [1]
    history = current_history(folder)
    assert history[["id", "action"]].values.tolist() == [[1, "initial"]]
    assert history["parent"].isna().all()
    assert [f["name"] for f in history["files"][0]] == ["returns.csv", "flows.csv"]
    assert held(folder)["years"] == [2017, 2016]
    # a second start changes nothing
    assert ingest.ensure_store(folder) == 1
    assert store.published_ids(folder) == [1]


def test_an_old_single_file_database_is_migrated_whole_with_its_kept_files(tmp_path):
    legacy = tmp_path / "data" / "threat_picture.duckdb"
    conn = store.connect(legacy)
    ingest.import_files(conn, FIXTURES / "returns_small.csv", imported_by="a.analyst")
    conn.close()
    before = hashlib.sha256(legacy.read_bytes()).hexdigest()
    folder = tmp_path / "data" / "store"
    assert ingest.ensure_store(folder, legacy) == 1
    [row] = current_history(folder).itertuples()
    assert row.action == "migrated"
    assert "years held: 2017, 2016; 1 kept file(s) copied" in row.summary
    snapshot = held(folder)
    assert snapshot["years"] == [2017, 2016]
    assert [(kind, name) for kind, name, _ in snapshot["log"]] == [("returns", "returns_small.csv")]
    # Norfolk, Kent, Staffordshire and Cumbria in 2017; Norfolk and Kent in 2016
    assert len(snapshot["submissions"]) == 6
    kept = list((folder / "accepted").iterdir())
    assert [p.read_bytes() for p in kept] == [(FIXTURES / "returns_small.csv").read_bytes()]
    assert hashlib.sha256(legacy.read_bytes()).hexdigest() == before, "the old file was changed"


def test_an_import_publishes_the_next_snapshot_with_who_what_and_which_files(tmp_path):
    folder = small_store(tmp_path / "store")
    preview = year_file(2018, yes=2)
    done = ingest.publish_import(folder, preview, imported_by="a.analyst")
    assert (done.snapshot, done.parent) == (2, 1)
    history = current_history(folder)
    assert history["id"].tolist() == [2, 1]
    newest = history.iloc[0]
    assert (newest["action"], newest["made_by"], newest["parent"]) == ("import", "a.analyst", 1)
    assert newest["files"] == [
        {"kind": "returns", "name": "returns_2018_2.csv", "sha256": preview.returns.source.sha256}
    ]
    assert newest["summary"] == "Imported returns for 2018."
    assert held(folder)["years"] == [2018, 2017, 2016]
    assert held(folder, 1)["years"] == [2017, 2016], "a published snapshot was changed"


def test_pruning_keeps_the_newest_and_history_survives_it(tmp_path):
    folder = small_store(tmp_path / "store")
    for year in (2018, 2019, 2020, 2021):
        ingest.publish_import(folder, year_file(year), imported_by="tests", keep=3)
    assert store.published_ids(folder) == [3, 4, 5]
    history = current_history(folder)
    assert history["id"].tolist() == [5, 4, 3, 2, 1]
    assert history["kept"].tolist() == [True, True, True, False, False]
    with pytest.raises(store.SnapshotGone, match="Snapshot 1 is no longer kept"):
        store.restore(folder, 1, "tests", keep=3)


def test_restore_brings_the_old_figures_back_and_forgets_nothing(tmp_path):
    folder = small_store(tmp_path / "store")
    first = held(folder)
    ingest.publish_import(folder, year_file(2017, yes=3), imported_by="a.analyst")
    assert held(folder)["years"] == [2017, 2016]
    assert held(folder)["submissions"] != first["submissions"]
    done = ingest.restore_snapshot(folder, 1, "b.analyst")
    assert (done.snapshot, done.parent) == (3, 2)
    restored = held(folder)
    for table in ("submissions", "returns", "flows", "year_sources"):
        assert restored[table] == first[table], table
    # the import log and the history are the newest ones, plus the restore
    assert [name for _, name, _ in restored["log"]] == [
        "returns_2017_3.csv",
        "flows_small.csv",
        "returns_small.csv",
    ]
    history = current_history(folder)
    assert history[["id", "action", "made_by"]].values.tolist() == [
        [3, "restore", "b.analyst"],
        [2, "import", "a.analyst"],
        [1, "initial", "tests"],
    ]
    assert history.iloc[0]["summary"].startswith("Restored snapshot 1 (initial by tests, ")
    assert store.published_ids(folder) == [1, 2, 3]
    # the next import after a restore gets the next audit id (no clash with the carried log)
    ingest.publish_import(folder, year_file(2018), imported_by="a.analyst")
    assert held(folder)["years"] == [2018, 2017, 2016]


def test_restoring_the_current_snapshot_is_a_sentence(tmp_path):
    folder = small_store(tmp_path / "store")
    with pytest.raises(store.StoreError, match="Snapshot 1 is already the current one"):
        store.restore(folder, 1, "tests")


def test_compare_snapshots_lists_only_the_figures_that_change():
    import pandas as pd

    now = pd.DataFrame(
        [
            {
                "year": 2017,
                "theme_title": "C",
                "indicator": "cuckooing",
                "label": "100% of forces (3)",
                "percent": 100,
                "count": 3,
            },
            {
                "year": 2017,
                "theme_title": "V",
                "indicator": "knives",
                "label": "0% of forces (0)",
                "percent": 0,
                "count": 0,
            },
            {
                "year": 2018,
                "theme_title": "V",
                "indicator": "knives",
                "label": "50% of forces (1)",
                "percent": 50,
                "count": 1,
            },
        ]
    )
    then = pd.DataFrame(
        [
            {
                "year": 2017,
                "theme_title": "C",
                "indicator": "cuckooing",
                "label": "77% of forces (33)",
                "percent": 77,
                "count": 33,
            },
            {
                "year": 2017,
                "theme_title": "V",
                "indicator": "knives",
                "label": "0% of forces (0)",
                "percent": 0,
                "count": 0,
            },
            {
                "year": 2016,
                "theme_title": "D",
                "indicator": "heroin",
                "label": "90% of forces (37)",
                "percent": 90,
                "count": 37,
            },
        ]
    )
    out = ingest.compare_snapshots(now, then)
    # knives 2017 is the same on both sides, so it is not listed; a change of a figure held on
    # both sides comes first, then the years a restore removes or brings back.
    assert out.values.tolist() == [
        [
            2017,
            "C",
            "cuckooing",
            "100% of forces (3)",
            "77% of forces (33)",
            "down 23 percentage points (30 more forces)",
        ],
        [2018, "V", "knives", "50% of forces (1)", "not held", "year removed"],
        [2016, "D", "heroin", "not held", "90% of forces (37)", "year added back"],
    ]


# One writer at a time ------------------------------------------------------------------------


def test_a_second_writer_is_refused_with_a_sentence_naming_the_holder(tmp_path):
    folder = small_store(tmp_path / "store")
    with store.Writer(folder, "a.analyst", "import"):
        with pytest.raises(store.StoreBusy) as refused:
            ingest.publish_import(folder, year_file(2018), imported_by="b.analyst")
        assert store.writer_busy(folder).startswith("another import by a.analyst started ")
    message = str(refused.value)
    assert message.startswith("Nothing was changed: another import by a.analyst started ")
    assert message.endswith(" holds the lock. Try again when it has finished.")
    assert store.published_ids(folder) == [1]
    assert store.writer_busy(folder) is None


def test_a_waiting_writer_publishes_after_the_holder_built_on_its_snapshot(tmp_path):
    folder = small_store(tmp_path / "store")
    told = []
    with store.Writer(folder, "a.analyst", "import") as holder:
        outcome = {}
        waiter = threading.Thread(
            target=lambda: outcome.setdefault(
                "done",
                ingest.publish_import(folder, year_file(2019), imported_by="b", wait=30, on_wait=told.append),
            )
        )
        waiter.start()
        time.sleep(0.3)
        holder.begin()
        ingest.commit_import(holder._conn, year_file(2018), accepted_dir=holder.layout.accepted)
        holder.publish(action="import", files=[], summary="2018")
    waiter.join(30)
    done = outcome["done"]
    assert told and told[0].startswith("another import by a.analyst started ")
    assert (done.snapshot, done.parent) == (3, 2)
    assert done.built_on_newer(1)
    assert held(folder)["years"] == [2019, 2018, 2017, 2016], "the first import was lost"


def test_an_import_prepared_on_an_older_snapshot_is_refused_naming_the_change(tmp_path):
    folder = small_store(tmp_path / "store")
    ingest.publish_import(folder, year_file(2018), imported_by="b.analyst")
    with pytest.raises(ingest.DataChanged) as refused:
        ingest.publish_import(folder, year_file(2019), imported_by="a.analyst", expected_snapshot=1)
    message = str(refused.value)
    assert message.startswith(
        "Nothing was imported: the data changed after your preview was made (snapshot 2, import by b.analyst at "
    )
    assert "(Imported returns for 2018.)" in message
    assert refused.value.current == 2
    assert store.published_ids(folder) == [1, 2]
    assert held(folder)["years"] == [2018, 2017, 2016]


# Kept files ------------------------------------------------------------------------------------


def test_a_kept_file_that_does_not_match_is_written_again(tmp_path):
    folder = small_store(tmp_path / "store")
    preview = year_file(2018)
    name = ingest.kept.kept_name(preview.returns.source)
    (folder / "accepted" / name).write_bytes(b"half a fi")  # left by a crash before this fix
    ingest.publish_import(folder, preview, imported_by="tests")
    assert (folder / "accepted" / name).read_bytes() == preview.returns.source.content


def test_the_next_writer_clears_kept_files_no_import_knows_and_says_so(tmp_path):
    folder = small_store(tmp_path / "store")
    (folder / "accepted" / "0123456789abcdef_never_published.csv").write_bytes(b"x")
    (folder / "accepted" / ".partial-1-2-0123_returns.csv").write_bytes(b"x")
    done = ingest.publish_import(folder, year_file(2018), imported_by="tests")
    assert done.cleared == [
        "Removed 1 half-written kept file(s) left by an import that did not finish.",
        "Removed 1 kept file(s) left by an import that did not finish (no import in the log knows them): "
        "0123456789abcdef_never_published.csv.",
    ]
    _, conn = store.open_current(folder)
    try:
        check = ingest.check_kept_files(conn, folder / "accepted")
    finally:
        conn.close()
    assert check.sentences() == []
    assert len(list((folder / "accepted").iterdir())) == 3  # returns_small, flows_small, the 2018 file


def test_the_check_finds_a_kept_file_that_fails_its_hash(tmp_path):
    folder = small_store(tmp_path / "store")
    [kept] = [p for p in (folder / "accepted").iterdir() if p.name.endswith("flows_small.csv")]
    kept.write_bytes(b"changed by hand")
    _, conn = store.open_current(folder)
    try:
        check = ingest.check_kept_files(conn, folder / "accepted")
    finally:
        conn.close()
    assert check.sentences() == [
        "The kept copy of flows_small.csv is missing or no longer matches its sha256: "
        "import the original file again to keep it afresh."
    ]


# Readers ----------------------------------------------------------------------------------------


def test_a_reader_keeps_reading_the_snapshot_it_opened_through_publish_and_prune(tmp_path):
    folder = small_store(tmp_path / "store")
    snapshot, reader = store.open_current(folder)
    try:
        for year in (2018, 2019, 2020):
            ingest.publish_import(folder, year_file(year), imported_by="tests", keep=1)
        assert store.published_ids(folder) == [4]
        assert snapshot == 1 and store.years(reader) == [2017, 2016]
    finally:
        reader.close()


def test_changed_reference_files_publish_a_reference_snapshot(tmp_path, monkeypatch):
    folder = small_store(tmp_path / "store")
    for where in ("countylines.store.reference_sha256", "countylines.store.writer.reference_sha256"):
        monkeypatch.setattr(where, lambda: "0" * 64)  # as if data/published.csv had changed
    assert ingest.ensure_store(folder) == 2
    assert current_history(folder).iloc[0]["action"] == "reference"
    assert ingest.ensure_store(folder) == 2


def test_a_store_whose_pointer_was_lost_is_not_started_again(tmp_path):
    folder = small_store(tmp_path / "store")
    ingest.publish_import(folder, year_file(2018), imported_by="tests")
    (folder / "CURRENT").unlink()
    with pytest.raises(store.StoreError, match=r"its pointer CURRENT is missing\. Nothing was changed"):
        ingest.ensure_store(folder)
    assert store.published_ids(folder) == [1, 2]
