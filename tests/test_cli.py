"""`python -m countylines` as a user runs it: a subprocess on a temporary database.

Expected values are worked by hand from the NCA 2017 report (base 43 forces), never
copied from the program's output.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import store_env

from countylines import ILLUSTRATIVE_NOTICE, ingest, store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "indicator,theme,count,possible,not_known,base,percent,label"


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = store_env(folder)
    return subprocess.run(
        [sys.executable, "-m", "countylines", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout


@pytest.fixture(scope="module")
def default_path(tmp_path_factory):
    """The embedded default, built by the command line's first run in a temp dir."""
    db = tmp_path_factory.mktemp("cli_default") / "store"
    first = cli(db, "status")
    assert first.returncode == 0, first.stderr
    return db


@pytest.fixture
def fresh_default(tmp_path):
    """A default database this test may change."""
    db = tmp_path / "store"
    first = cli(db, "status")
    assert first.returncode == 0, first.stderr
    return db


def figures_csv(db: Path, year: int = 2017) -> str:
    result = cli(db, "figures", "--year", str(year), "--format", "csv")
    assert result.returncode == 0, result.stderr
    return result.stdout


# figures ----------------------------------------------------------------------------------


def test_figures_csv_header_and_cuckooing_row(default_path):
    result = cli(default_path, "figures", "--year", "2017", "--format", "csv")
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert result.stdout.splitlines()[0] == HEADER
    rows = {row["indicator"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    cuckooing = rows["cuckooing"]
    # NCA 2017 para 6.1: 33 of 43 forces; 33/43 = 76.7% -> 77.
    assert cuckooing["theme"] == "cuckooing"
    assert cuckooing["count"] == "33"
    assert cuckooing["possible"] == "0"
    assert cuckooing["base"] == "43"
    assert cuckooing["percent"] == "77"
    assert cuckooing["label"] == "77% of forces (33)"
    assert cuckooing["not_known"].isdigit()
    assert ILLUSTRATIVE_NOTICE in result.stderr


def test_figures_table_says_illustrative(default_path):
    result = cli(default_path, "figures", "--year", "2017")
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert ILLUSTRATIVE_NOTICE in result.stdout + result.stderr


def test_figures_for_a_year_not_held_is_a_sentence(default_path):
    result = cli(default_path, "figures", "--year", "1999")
    assert result.returncode == 1
    no_traceback(result)
    assert "1999" in result.stderr
    assert re.search(r"[A-Z][^\n]*\.", result.stderr), result.stderr


# published --------------------------------------------------------------------------------


def test_published_flags_exactly_the_printed_figures_that_disagree(default_path):
    result = cli(default_path, "published", "--year", "2017")
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    flagged = [line for line in result.stdout.splitlines() if line.lstrip().startswith("!!")]
    paras = sorted(re.search(r"para (\d+\.\d+)", line).group(1) for line in flagged)
    # By hand: 8/43 = 18.6 -> 19 not 18 (2.3); 6/43 = 13.95 -> 14 not 13 (2.9);
    # 19/43 = 44.2 -> 44 not 43 (3.2); knives 35/43 = 81.4 -> 81 not 85 (5.1);
    # 11/43 = 25.6 -> 26 not 25 (5.3); para 5.4 prints "21% (9) of the cases reported", of
    # 19 deaths: 9/19 = 47.4 -> 47 (21% is 9 of 43 forces); para 7.5 prints 72% where 32/43 = 74%.
    assert paras == ["2.3", "2.9", "3.2", "5.1", "5.3", "5.4", "7.5"], "\n".join(flagged)
    deaths = next(line for line in flagged if "para 5.4" in line)
    assert "printed 21% but 9 of 19 is 47%" in deaths
    knives = next(line for line in flagged if "para 5.1" in line)
    assert "85" in knives and "Knives" in knives
    # Firearms, also para 5.1, agrees: 32/43 = 74.4 -> 74.
    firearms = next(line for line in result.stdout.splitlines() if "Firearms" in line)
    assert not firearms.lstrip().startswith("!!")


# import -----------------------------------------------------------------------------------


def test_import_with_one_bad_cell_names_it_and_changes_nothing(fresh_default, tmp_path):
    before = figures_csv(fresh_default)
    bad = tmp_path / "returns_bad.csv"
    bad.write_text(
        "year,force,cuckooing,knives\n2017,Norfolk,yes,no\n2017,Kent,maybe,yes\n",
        encoding="utf-8",
    )
    result = cli(fresh_default, "import", str(bad))
    assert result.returncode == 1
    no_traceback(result)
    # The header is row 1, so Kent's line is row 3.
    assert "row 3" in result.stderr
    assert "cuckooing" in result.stderr
    assert "maybe" in result.stderr
    assert figures_csv(fresh_default) == before


def test_import_check_only_writes_nothing(fresh_default, tmp_path):
    before = figures_csv(fresh_default)
    before_status = cli(fresh_default, "status").stdout
    result = cli(fresh_default, "import", str(FIXTURES / "returns_small.csv"), "--check-only")
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    # A real import of this file would replace 2017 with 4 forces' returns, and 2016 with 2;
    # the check says so before anything is done (the default holds 43 and 41).
    assert "Importing would replace 2016 whole: the 41 force returns held now are replaced by this file's 2." in (
        result.stdout
    )
    assert "Importing would replace 2017 whole: the 43 force returns held now are replaced by this file's 4." in (
        result.stdout
    )
    assert figures_csv(fresh_default) == before
    assert cli(fresh_default, "status").stdout == before_status

    unborn = tmp_path / "never_made"
    result = cli(unborn, "import", str(FIXTURES / "returns_small.csv"), "--check-only")
    assert result.returncode == 0, result.stderr
    assert "passed every check" in result.stdout
    assert not unborn.exists(), "--check-only created a store"


# a store in use ---------------------------------------------------------------------------


def test_reads_work_and_an_import_names_the_writer_holding_the_lock(default_path, tmp_path):
    busy = tmp_path / "busy"
    shutil.copytree(default_path, busy)
    before = figures_csv(busy)
    with store.Writer(busy, "a.analyst", "import"):
        # Readers never take the lock: every read command works while a writer holds it.
        assert figures_csv(busy) == before
        for command in (["status"], ["history"], ["published", "--year", "2017"]):
            done = cli(busy, *command)
            assert done.returncode == 0, (command, done.stderr)
        checked = cli(busy, "import", str(FIXTURES / "returns_small.csv"), "--check-only")
        assert checked.returncode == 0 and "passed every check" in checked.stdout
        refused = cli(busy, "import", str(FIXTURES / "returns_small.csv"), "--wait", "0.5")
    assert refused.returncode == 1
    no_traceback(refused)
    assert re.search(
        r"Nothing was changed: another import by a\.analyst started \d\d:\d\d holds the lock", refused.stderr
    )
    assert figures_csv(busy) == before


def test_a_returns_file_given_as_the_data_folder_is_a_sentence_and_untouched(tmp_path):
    returns = tmp_path / "returns.csv"
    returns.write_text("year,force,cuckooing\n2017,Kent,yes\n", encoding="utf-8")
    before = returns.read_bytes()
    result = cli(returns, "status")
    assert result.returncode != 0
    no_traceback(result)
    assert "is a file, not a data folder" in result.stderr, result.stderr
    assert returns.read_bytes() == before


def test_an_import_that_waited_says_it_was_built_on_the_newer_snapshot(default_path, tmp_path):
    import threading
    import time

    from stores import year_file

    folder = tmp_path / "waits"
    shutil.copytree(default_path, folder)
    holding = threading.Event()

    def other_import():
        with store.Writer(folder, "a.analyst", "import") as writer:
            holding.set()
            time.sleep(3)  # long enough for the command below to start and wait
            ingest.commit_import(writer.begin(), year_file(2019), accepted_dir=writer.layout.accepted)
            writer.publish(action="import", files=[], summary="Imported returns for 2019.")

    other = threading.Thread(target=other_import)
    other.start()
    holding.wait(10)
    done = cli(folder, "import", str(FIXTURES / "returns_small.csv"))
    other.join(30)
    assert done.returncode == 0, done.stderr
    no_traceback(done)
    assert re.search(r"Waiting: another import by a\.analyst started \d\d:\d\d holds the lock\.", done.stderr)
    assert "Published as snapshot 3." in done.stdout
    assert "snapshot 2 was published: this import was built on snapshot 2, so it keeps that change." in done.stdout
    # both imports are held: 2019 from the other, 2016 and 2017 from this one
    status = cli(folder, "status").stdout
    assert "2019: 3 of 43 returns" in status and "2017: 4 of 43 returns" in status


def test_import_warns_before_writing_of_a_question_not_asked_and_no_flows(fresh_default):
    real_2018 = FIXTURES / "returns_2018_real.csv"
    check = cli(fresh_default, "import", str(real_2018), "--check-only")
    assert check.returncode == 0, check.stderr
    no_traceback(check)
    cannabis = "the file has no column for 1 question asked in 2017: cannabis"
    assert cannabis in check.stderr
    assert "no flows file is given for 2018 and none is held" in check.stderr
    done = cli(fresh_default, "import", str(real_2018))
    assert done.returncode == 0, done.stderr
    assert cannabis in done.stderr and "Imported returns for 2018." in done.stdout
    # 2018 asked 38 questions, not cannabis: its figures have no cannabis row at all.
    figures = cli(fresh_default, "figures", "--year", "2018", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(figures.stdout)))
    assert len(rows) == 38 and "cannabis" not in {r["indicator"] for r in rows}
    knives = next(r for r in rows if r["indicator"] == "knives")
    assert (knives["count"], knives["base"], knives["label"]) == ("5", "5", "100% of forces (5)")
