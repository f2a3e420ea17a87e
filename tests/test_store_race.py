"""Two imports at once, in threads and in processes, same file and different files, with
readers reading throughout: 50 rounds. No uncaught exception, no lost update reported as
success, every published snapshot whole, every kept file matching its sha256."""

from __future__ import annotations

import multiprocessing
import queue
import shutil
import threading

import pytest
from stores import held, import_worker, small_store

from countylines import ingest, store

THREAD_ROUNDS = 36
PROCESS_ROUNDS = 14
# The states a reader may see: the first snapshot's years, then each import's year added.
VALID_YEARS = {(2017, 2016), (2018, 2017, 2016), (2019, 2017, 2016), (2019, 2018, 2017, 2016)}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return small_store(tmp_path_factory.mktemp("race") / "template")


@pytest.fixture(scope="module")
def processes():
    context = multiprocessing.get_context("forkserver")
    # The server process imports the package once; each writer process forks from it.
    # (tests/ is not on its path, so "stores" itself is imported by each child: it is small.)
    context.set_forkserver_preload(["countylines.ingest"])
    return context


def plan(round_: int) -> list[tuple]:
    """(year, yes, file name, expected snapshot, wait) for the two imports of a round: the same
    file or two different files; built on whatever is current (waiting, as the command line
    does) or only on snapshot 1 (refused after a change, as the Import screen does)."""
    same = round_ % 2 == 0
    screen = round_ % 3 == 0
    second = (2018, 1, "returns_2018.csv") if same else (2019, 3, "returns_2019.csv")
    expected, wait = (1, 10.0) if screen else (None, 10.0)
    if round_ % 5 == 4:
        wait = 0.0  # no waiting: the one that finds the lock held is refused with a sentence
    return [(2018, 1, "returns_2018.csv", expected, wait), (*second, expected, wait)]


def readers(folder, stop: threading.Event, errors: list) -> list[threading.Thread]:
    def read():
        while not stop.is_set():
            try:
                _, conn = store.open_current(folder)
                try:
                    seen = tuple(store.years(conn))
                finally:
                    conn.close()
                if seen not in VALID_YEARS:
                    errors.append(f"a reader saw years {seen}")
            except Exception as error:
                errors.append(f"a reader failed: {error!r}")
            stop.wait(0.02)

    return [threading.Thread(target=read) for _ in range(2)]  # two, so readers overlap too


def check_round(folder, outcomes: list[tuple], round_: int) -> None:
    errors = [o for o in outcomes if o[0] == "error"]
    assert not errors, f"round {round_}: {errors}"
    for outcome in outcomes:
        if outcome[0] == "refused":
            assert outcome[2].startswith("Nothing was "), outcome
    successes = [o for o in outcomes if o[0] == "ok"]
    assert successes, f"round {round_}: neither import published: {outcomes}"
    _, conn = store.open_current(folder)
    try:
        history = store.history(conn)
    finally:
        conn.close()
    published = {
        int(i): [f["name"] for f in files] for i, files in zip(history["id"], history["files"], strict=True)
    }
    assert len(published) == 1 + len(successes), f"round {round_}: {outcomes} but history {published}"
    snapshot = held(folder)
    for _, name, snapshot_id, _ in successes:
        # Reported as published: it is in the history, and its year is held now.
        assert published[snapshot_id] == [name], (round_, outcomes, published)
        assert int(name[8:12]) in snapshot["years"], f"round {round_}: {name} reported but lost"
    if len(successes) == 2:  # the second was built on the first's snapshot, never beside it
        assert sorted(parent for *_, parent in successes) == [1, 2], outcomes
    _, conn = store.open_current(folder)
    try:
        assert ingest.check_kept_files(conn, folder / "accepted").sentences() == []
    finally:
        conn.close()


def thread_round(folder, round_: int) -> list[tuple]:
    results: queue.Queue = queue.Queue()
    workers = [
        threading.Thread(target=import_worker, args=(str(folder), *job[:3], job[3], job[4], results))
        for job in plan(round_)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    return [results.get_nowait() for _ in workers]


def process_round(context, folder, round_: int) -> list[tuple]:
    results = context.Queue()
    workers = [
        context.Process(target=import_worker, args=(str(folder), *job[:3], job[3], job[4], results))
        for job in plan(round_)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0, f"round {round_}: a writer process died ({worker.exitcode})"
    return outcomes


def test_two_imports_at_once_with_readers(template, processes, tmp_path):
    for round_ in range(THREAD_ROUNDS + PROCESS_ROUNDS):
        folder = tmp_path / f"round{round_}"
        shutil.copytree(template, folder)
        stop, errors = threading.Event(), []
        reading = readers(folder, stop, errors)
        for reader in reading:
            reader.start()
        try:
            if round_ < THREAD_ROUNDS:
                outcomes = thread_round(folder, round_)
            else:
                outcomes = process_round(processes, folder, round_)
        finally:
            stop.set()
            for reader in reading:
                reader.join(10)
        assert not errors, f"round {round_}: {errors[:3]}"
        check_round(folder, outcomes, round_)
        shutil.rmtree(folder)
