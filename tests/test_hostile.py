"""Hostile and broken files: each ends in an import or a sentence, within a memory cap and
a time limit, and a refusal leaves the store as it was.

The corpus is generated (tests/hostile_files.py). Each file goes through the command line's
import in a child forked from this process, capped by RLIMIT_AS; the time limit guards
against a hang only (speed is measured as ratios in `make bench`, bench/hostile.py).
"""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from countylines import ingest
from countylines.ingest import cells as cells_module
from countylines.ingest import reading
from tests import hostile_files
from tests.conftest import store_env

MEMORY_BUDGET = 1536 * 1024 * 1024  # address space on top of this process's (DuckDB reserves much it never uses)
HANG = 60.0


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize in /proc/self/status")


def _import_in_child(path: Path, root: Path, out: Path) -> tuple[int, str]:
    """The CLI's import of path, in a forked child capped by RLIMIT_AS; (exit code, stderr)."""
    pid = os.fork()
    if pid == 0:  # the child: cap memory, send output to files, import, exit without cleanup
        code = 70
        try:
            limit = _address_space() + MEMORY_BUDGET
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            sys.stdout = sys.stderr = open(fd, "w", encoding="utf-8")  # noqa: SIM115 - closed by _exit
            from countylines import cli

            code = cli.main(["import", str(path), "--data", str(root), "--wait", "5"])
            sys.stdout.flush()
            sys.stderr.flush()
        except MemoryError:
            code = 71
        except BaseException as error:
            os.write(2, f"child failed: {error!r}".encode())
            code = 72
        os._exit(code)
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), out.read_text(errors="replace")
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return -9, f"still running after {HANG:.0f} s"


def _store_state(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and "lock" not in p.name
    }


@pytest.fixture(scope="module")
def store_root(tmp_path_factory):
    """A store with its first snapshot, made by another process (so no DuckDB thread is forked)."""
    root = tmp_path_factory.mktemp("hostile") / "store"
    subprocess.run(
        [sys.executable, "-m", "countylines", "status", "--data", str(root)],
        env=store_env(root),
        check=True,
        capture_output=True,
        timeout=300,
    )
    return root


def test_every_hostile_file_ends_in_an_import_or_a_sentence(store_root, tmp_path):
    failures = []
    for name, content, expect in hostile_files.corpus():
        path = tmp_path / name
        path.write_bytes(content)
        before = _store_state(store_root)
        code, said = _import_in_child(path, store_root, tmp_path / "out.txt")
        if code == 0:
            if expect not in (hostile_files.IMPORTS, None):
                failures.append(f"{name}: imported, but should be refused with {expect!r}")
            continue
        if code != 1 or "Nothing was imported" not in said or "Traceback" in said:
            failures.append(f"{name}: exit {code}, said {said[-400:]!r}")
        elif expect == hostile_files.IMPORTS:
            failures.append(f"{name}: refused, but should be imported: {said[:400]!r}")
        elif expect is not None and expect not in said:
            failures.append(f"{name}: refused without {expect!r}: {said[:400]!r}")
        if _store_state(store_root) != before:
            failures.append(f"{name}: refused, but the store changed")
    assert not failures, "\n".join(failures)


def _problems(name: str, content: bytes) -> list[ingest.Problem]:
    return ingest.prepare_import(ingest.SourceFile(name, content)).problems


def test_a_short_row_is_refused_naming_its_row():
    header = ",".join(hostile_files.valid_rows()[0])
    width = len(hostile_files.valid_rows()[0])
    text = header + "\n" + "2018,Kent," + ",".join(["yes"] * (width - 2)) + "\n2018,Surrey,yes,no\n"
    [problem] = _problems("r.csv", text.encode())
    assert problem.row == 3
    assert problem.message == f"row 3 has 4 cells; the header has {width}: was the file cut off?"
    # the same file cut in the middle of that row, without its line break
    [problem] = _problems("r.csv", text.rstrip("\n").encode())
    assert problem.message == (
        f"the file ends in the middle of row 3 (it has 4 cells; the header has {width}): was the file cut off?"
    )


def test_a_whole_last_row_without_a_line_break_is_imported_with_a_warning():
    text = "year,force,cuckooing\n2018,Kent,yes"
    preview = ingest.prepare_import(ingest.SourceFile("r.csv", text.encode()))
    assert preview.ok
    assert any("ends without a line break after row 2" in w.message for w in preview.warnings)


def test_unknown_forces_are_listed_ten_times_then_counted(monkeypatch):
    rows = "".join(f"2018,Nowhere {n % 3},yes\n" for n in range(25))
    asked = []
    real = cells_module.catalogue.force_matcher().suggest
    monkeypatch.setattr(cells_module.catalogue.force_matcher(), "suggest", lambda v: asked.append(v) or real(v))
    cells_module._suggest.cache_clear()
    problems = _problems("r.csv", ("year,force,cuckooing\n" + rows).encode())
    assert [p.row for p in problems[:10]] == list(range(2, 12))
    assert problems[10].message == "and 15 more rows with unknown forces"
    assert len(problems) == 11
    assert sorted(asked) == ["Nowhere 0", "Nowhere 1", "Nowhere 2"]  # once per distinct value


@pytest.mark.parametrize(
    ("value", "column"),
    [
        ("2_017", "year"),
        ("\uff12\uff10\uff11\uff17", "year"),
        ("\u0662\u0660\u0661\u0667", "year"),
        ("2017.0", "year"),
        ("1e4", "lines_count"),
        ("1_000", "lines_count"),
        ("+5", "lines_count"),
        ("\u0661\u0662", "lines_count"),
        ("12.0", "lines_count"),
    ],
)
def test_only_ascii_digits_are_numbers_and_the_typed_value_is_quoted(value, column):
    text = f"year,force,cuckooing,lines_count\n{'2017' if column != 'year' else value},Kent,yes,"
    text += (value if column == "lines_count" else "3") + "\n"
    [problem] = _problems("r.csv", text.encode())
    assert (problem.column, problem.value) == (column, value)
    assert problem.message.startswith(f"'{value}' is not a ")


def test_an_over_long_cell_gets_the_projects_sentence_not_pythons():
    for length in (reading.MAX_CELL_CHARS + 1, 131_073, 300_000):
        text = 'year,force,notes\n2017,Kent,"' + "x" * length + '"\n'
        [problem] = _problems("r.csv", text.encode())
        assert problem.row == 2
        assert f"longer than {reading.MAX_CELL_CHARS:,} characters" in problem.message
        assert "field limit" not in problem.message


def test_a_nul_anywhere_is_refused():
    text = "year,force,notes\n" + "2017,Kent,fine\n" * 400 + "2017,Surrey \x00Police,x\n"
    [problem] = _problems("r.csv", text.encode())
    assert "NUL character" in problem.message


def test_a_file_over_5_mb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    with pytest.raises(ingest.ImportRejected) as refused:
        ingest.SourceFile.from_path(path)
    assert "is 6.0 MB; this tool reads files of up to 5 MB" in refused.value.problems[0].message


HOSTILE_TEXT = [
    "![px](http://evil.example/px.png)",
    "[a](http://evil.example)",
    "<img src=http://evil.example/x>",
    "http://evil.example/bare www.evil.example mail@evil.example",
    "[d](data:text/html,<b>x</b>) [f](file:///etc/passwd)",
    "*em* _em_ `code` $x^2$ :red[red] :material/home: # head\n- list\n\n1. one | a | b |",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_plain_text_escapes_every_mark_and_shows_the_text_as_typed(text):
    from countylines.screens.widgets import plain
    from tests.conftest import shown

    made = plain(text)
    assert shown(made) == " ".join(text.split())  # the reader sees what was typed, on one line
    # no Markdown or HTML mark is left unescaped
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", made)
    assert not re.search(r"[\[\]()<>!*_`$:|#@\\]", unescaped), unescaped


def test_disclosure_titles_are_escaped_and_bodies_stay_markdown():
    from countylines.screens.widgets import disclosures

    made = disclosures([('<b>x</b> & "y"', "**body**"), ("Two", "two")], expanded=False)
    assert made.count('<details class="cl-disclosure">') == 2 and " open>" not in made
    assert "<summary>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</summary>" in made
    assert "\n\n**body**\n\n</details>" in made  # blank lines around the body: read as Markdown
    assert disclosures([("One", "one")], expanded=True).startswith('<details class="cl-disclosure" open>')
    assert disclosures([], expanded=False) == ""


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_the_command_line_prints_what_it_can_on_a_narrow_terminal(tmp_path, encoding):
    """Importing, re-importing (which prints what it replaced), status and history with a file
    name the terminal cannot print: every one exits 0 with the unprintable replaced."""
    path = tmp_path / "returns 2017 💣 Ωmega.csv"
    path.write_bytes(hostile_files.valid_csv()[1])
    env = store_env(tmp_path / "store", PYTHONIOENCODING=encoding)
    env.pop("PYTHONUTF8", None)
    for args in (["import", str(path)], ["import", str(path)], ["status"], ["history"]):
        done = subprocess.run(
            [sys.executable, "-m", "countylines", *args], env=env, capture_output=True, timeout=300
        )
        said = (done.stdout + done.stderr).decode(encoding)
        assert done.returncode == 0, said
        assert "Traceback" not in said
    assert "returns 2017 ? " in said  # history names the file, the unprintable replaced


def test_empty_formatted_rows_past_the_limit_end_the_reading_with_a_warning():
    preview = ingest.prepare_import(ingest.SourceFile(*hostile_files.formatted_rows_xlsx(5_000)))
    assert preview.ok and len(preview.returns.submissions) == 43
    assert any(
        w.message.startswith(f"only the first {reading.MAX_ROWS:,} rows were read: row 2,001 is empty")
        for w in preview.warnings
    )
    # a value past the limit, after the empty rows, refuses the file instead
    name, content = hostile_files.sparse_xlsx("B2500")
    [problem] = _problems(name, content)
    assert f"has more than {reading.MAX_ROWS:,} rows" in problem.message
