"""kill -9 at named points of an import and its publish, and at random moments: 32 trials.
The published snapshot is always exactly as before or exactly as after, never mixed, the
next writer clears what the dead one left, and the next import works."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import shutil
import signal
import time

import pytest
from stores import held, killable_import, small_store, year_file

from countylines import ingest, store

# Every fault point of store/writer.py and ingest/kept.py, in the order an import meets them.
POINTS = ["locked", "kept-written", "kept-renamed", "copied", "built", "checked", "renamed", "published"]
RANDOM_TRIALS = 16  # killed after a random delay instead, wherever the import has got to
SEED = 20261130


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The store before the import, and the same store after it ran undisturbed."""
    base = tmp_path_factory.mktemp("kill")
    before = small_store(base / "before")
    after = base / "after"
    shutil.copytree(before, after)
    ingest.publish_import(after, year_file(2018, 2, "killed_2018.csv"), imported_by="killed")
    return held(before), held(after), before


@pytest.fixture(scope="module")
def processes():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["countylines.ingest"])
    return context


def trials() -> list[tuple[str | None, float]]:
    rng = random.Random(SEED)
    named = [(point, 0.0) for point in POINTS * 2]
    return named + [(None, rng.uniform(0.0, 0.2)) for _ in range(RANDOM_TRIALS)]


def test_kill_9_anywhere_leaves_before_or_after_and_the_next_import_works(stores, processes, tmp_path):
    before, after, template = stores
    seen = {"before": 0, "after": 0}
    for number, (point, delay) in enumerate(trials()):
        folder = tmp_path / f"trial{number}"
        shutil.copytree(template, folder)
        paused = processes.Event()
        child = processes.Process(target=killable_import, args=(str(folder), point, paused))
        child.start()
        assert paused.wait(30), f"trial {number}: the import never reached {point}"
        time.sleep(delay)  # the child runs on meanwhile (a random trial) or sleeps at its point
        with contextlib.suppress(ProcessLookupError):  # a random trial may find it finished
            os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        state = held(folder)
        where = point or f"after {delay:.3f} s"
        assert state in (before, after), f"trial {number} ({where}): the published snapshot is mixed"
        seen["before" if state == before else "after"] += 1
        # The next import: it clears what the dead writer left and publishes on top.
        done = ingest.publish_import(folder, year_file(2019), imported_by="next")
        assert held(folder)["years"][0] == 2019, f"trial {number} ({where})"
        assert done.parent == store.published_ids(folder)[-2]
        assert not list((folder / "building").iterdir())
        _, conn = store.open_current(folder)
        try:
            assert ingest.check_kept_files(conn, folder / "accepted").sentences() == [], where
        finally:
            conn.close()
        shutil.rmtree(folder)
    # The named points alone guarantee both outcomes were met: killed before publishing
    # (every point up to "renamed") and after ("published").
    assert seen["before"] >= 14 and seen["after"] >= 2, seen
