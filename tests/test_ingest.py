"""Import: messy real-world files accepted, every mistake reported, bad files change nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES
from openpyxl import Workbook

from countylines import ingest, store
from countylines.figures import nca
from countylines.settings import ROOT

SNAPSHOT_TABLES = ["submissions", "returns", "flows", "imports", "year_sources"]


def snapshot(conn) -> dict[str, list]:
    return {t: sorted(conn.execute(f"select * from {t}").fetchall(), key=str) for t in SNAPSHOT_TABLES}


def source(name: str, text: str, encoding: str = "utf-8") -> ingest.SourceFile:
    return ingest.SourceFile(name, text.encode(encoding))


def problems_of(returns=None, flows=None) -> list[ingest.Problem]:
    return ingest.prepare_import(returns, flows).problems


# Messy but valid files ---------------------------------------------------------------

MESSY = (
    "Year,Force,Cuckooing,Imprisonment,KNIVES,lines count,Notes\r\n"
    "2017,Avon & Somerset Constabulary,Yes,Y,Possible,4,Café visits noted\r\n"
    "2017,Dyfed Powys,TRUE,no,unconfirmed,,\r\n"
    "2017,MPS,y,not known,1,120,\r\n"
    "2017,devon & cornwall police,n,,suspected,,\r\n"
    "2017,W15000002,false,,0,0,\r\n"
    "2017,Hampshire Constabulary,no,,Unknown,,\r\n"
    "2017,Staffs,yes,yes,yes,,\r\n"
    "2017,City of London Police,Yes,,n,,\r\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_messy_csv_in_excel_encodings_gives_nca_figures(empty_db, encoding):
    ingest.import_files(empty_db, source("returns.csv", MESSY, encoding))
    frame = nca.add_labels(store.indicator_figures(empty_db, 2017)).set_index("indicator")
    # 8 forces returned. Cuckooing yes: Avon and Somerset, Dyfed-Powys, Met, Staffordshire,
    # City of London = 5 -> 5/8 = 62.5% -> 63 (half up).
    assert frame.loc["cuckooing", ["count", "possible", "no", "not_known", "base"]].tolist() == [
        5,
        0,
        3,
        0,
        8,
    ]
    assert frame.loc["cuckooing", "label"] == "63% of forces (5)"
    # Knives: yes Met (1), Staffordshire; possible Avon, Dyfed, Devon; no Gwent (0), City;
    # not known Hampshire -> 2/8 = 25%.
    assert frame.loc["knives", ["count", "possible", "no", "not_known"]].tolist() == [2, 3, 2, 1]
    assert frame.loc["knives", "label"] == "25% of forces (2)"
    # Imprisonment: base = the 5 cuckooing forces; yes Avon, Staffordshire -> 2/5 = 40%.
    assert frame.loc["imprisonment", ["count", "base"]].tolist() == [2, 5]
    assert frame.loc["imprisonment", "label"] == "40% of forces reporting cuckooing (2)"
    notes = store.force_returns(empty_db, 2017).set_index("name").loc["Avon and Somerset", "notes"]
    assert notes == "Café visits noted"  # the cp1252 é survived


def test_xlsx_as_excel_saves_it(empty_db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["year", "force", "cuckooing", "heroin", "lines_count"])
    sheet.append([2017.0, "Norfolk Constabulary", "Yes", 1, 12.0])  # Excel numbers are floats
    sheet.append([None, None, None, None, None])  # a blank row Excel leaves behind
    sheet.append([2017, "Kent Police", "no", 0, None])
    path = tmp_path / "returns.xlsx"
    book.save(path)
    ingest.import_files(empty_db, path)
    frame = store.indicator_figures(empty_db, 2017).set_index("indicator")
    assert frame.loc["cuckooing", ["count", "base"]].tolist() == [1, 2]
    assert frame.loc["heroin", ["count", "no"]].tolist() == [1, 1]
    assert store.force_returns(empty_db, 2017).set_index("name").loc["Norfolk", "lines_count"] == 12


@pytest.mark.parametrize("name", ["returns_template.csv", "returns_template.xlsx"])
def test_an_untouched_template_is_refused_with_one_sentence(name):
    template = ingest.SourceFile.from_path(FIXTURES.parents[1] / "data" / "templates" / name)
    preview = ingest.prepare_import(template)
    # Every column is recognised and every force matches; no row is filled in.
    assert [p.message for p in preview.problems] == [
        "no row is filled in: every row has no year and no answers (an untouched template?)"
    ]
    assert preview.warnings == []


def test_template_rows_left_untouched_are_no_return_and_said():
    text = (
        "year,force,cuckooing,knives,lines_count,notes\n"
        "2017,Norfolk,yes,no,,\n"
        ",Gwent,,,,\n"  # untouched: no return
        "2017,Kent,no,yes,3,\n"
    )
    preview = ingest.prepare_import(source("r.csv", text))
    assert preview.problems == []
    assert sorted(preview.returns.submissions["force_code"]) == ["E23000024", "E23000032"]  # Norfolk, Kent
    [warning] = preview.warnings
    assert warning.message == "1 row left as in the template (no year, no answers) is read as no return: Gwent"


def test_a_row_with_a_year_and_no_answers_counts_and_is_said():
    text = "year,force,cuckooing\n2017,Norfolk,yes\n2017,Gwent,\n"
    preview = ingest.prepare_import(source("r.csv", text))
    assert preview.problems == []
    assert len(preview.returns.submissions) == 2  # Gwent is in the base, every answer not known
    [warning] = preview.warnings
    assert warning.row == 3
    assert "counts as a 2017 return with every answer not known" in warning.message


def test_a_row_with_answers_but_no_year_is_still_an_error():
    problems = problems_of(source("r.csv", "year,force,cuckooing\n2017,Norfolk,yes\n,Gwent,no\n"))
    assert [(p.row, p.column, p.message) for p in problems] == [(3, "year", "the year is blank")]


# Every error class, each naming row, column and value ----------------------------------


def one(problems, column):
    found = [p for p in problems if p.column == column]
    assert len(found) == 1, [p.sentence() for p in problems]
    return found[0]


def test_unknown_force_suggests_the_nearest():
    problems = problems_of(source("r.csv", "year,force,cuckooing\n2017,Avon and Somerest,yes\n"))
    problem = one(problems, "force")
    assert (problem.row, problem.value, problem.suggestion) == (2, "Avon and Somerest", "Avon and Somerset")
    assert problem.sentence() == (
        "r.csv, row 2, column 'force': 'Avon and Somerest' is not a force of England and Wales; "
        "did you mean 'Avon and Somerset'?"
    )


def test_unknown_column_suggests_the_question():
    problem = one(problems_of(source("r.csv", "year,force,cuckoing\n2017,Kent,yes\n")), "cuckoing")
    assert (problem.row, problem.suggestion) == (1, "cuckooing")


def test_missing_required_column():
    problem = one(problems_of(source("r.csv", "year,cuckooing\n2017,yes\n")), "force")
    assert "required column 'force' is missing" in problem.message


def test_force_twice_in_a_year():
    text = "year,force,cuckooing\n2017,Met,yes\n2016,Met,yes\n2017,Metropolitan Police Service,no\n"
    problem = one(problems_of(source("r.csv", text)), "force")
    assert problem.row == 4
    assert "already has a return for 2017 in row 2" in problem.message


@pytest.mark.parametrize(
    ("value", "phrase"),
    [("2071", "outside the years"), ("2013", "outside the years"), ("17/18", "is not a year"), ("", "blank")],
)
def test_bad_years(value, phrase):
    problem = one(problems_of(source("r.csv", f"year,force,cuckooing\n{value},Kent,yes\n")), "year")
    assert phrase in problem.message and problem.row == 2


@pytest.mark.parametrize(
    ("value", "phrase"), [("-2", "negative"), ("lots", "not a whole number"), ("2.5", "not a whole")]
)
def test_bad_line_counts(value, phrase):
    problems = problems_of(source("r.csv", f"year,force,cuckooing,lines_count\n2017,Kent,yes,{value}\n"))
    problem = one(problems, "lines_count")
    assert phrase in problem.message and problem.value == value


def test_unrecognised_answer():
    problem = one(problems_of(source("r.csv", "year,force,cuckooing\n2017,Kent,maybe\n")), "cuckooing")
    assert problem.value == "maybe" and "yes, no, possible" in problem.message


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("r.xlsx", b"this is not a workbook", "could not be opened as an Excel workbook"),
        ("r.xls", b"\xd0\xcf\x11\xe0", "save it from Excel"),
        ("r.pdf", b"%PDF-1.4", "is not a CSV or Excel"),
        ("r.csv", b"", "is empty"),
        ("r.csv", b"PK\x03\x04\x00\x00binary", "is not a text CSV"),
    ],
)
def test_unreadable_files(name, content, phrase):
    problems = problems_of(ingest.SourceFile(name, content))
    assert len(problems) == 1 and phrase in problems[0].message


def test_header_only_file():
    assert "no rows of data" in problems_of(source("r.csv", "year,force,cuckooing\n"))[0].message


def test_flows_errors_all_reported_at_once():
    text = (
        "year,exporter,importer,lines\n"
        "2017,Met,Norfolk,3\n"
        "2017,Metropolitan Police,Norfolk,4\n"  # duplicate pair
        "2017,Kent,Kent,\n"  # self-flow
        "2017,Mersyside,Cumbria,-1\n"  # misspelt exporter, negative lines
    )
    problems = problems_of(flows=source("f.csv", text))
    assert [(p.row, p.column) for p in problems] == [
        (3, "importer"),
        (4, "importer"),
        (5, "exporter"),
        (5, "lines"),
    ]
    assert problems[2].suggestion == "Merseyside"


def test_every_problem_in_both_files_is_listed():
    returns = source("r.csv", "year,force,cuckooing,knivez\n2017,Kentt,maybe,\n2099,Kent,yes,\n")
    flows = source("f.csv", "year,exporter,importer\n2017,Met,Nowhere\n")
    problems = problems_of(returns, flows)
    assert len(problems) == 5  # knivez, Kentt, maybe, 2099, Nowhere
    assert {p.file for p in problems} == {"r.csv", "f.csv"}


def test_conditional_base_answer_outside_base_is_a_warning():
    preview = ingest.prepare_import(source("r.csv", "year,force,cuckooing,imprisonment\n2017,Kent,no,yes\n"))
    assert preview.problems == []
    assert len(preview.warnings) == 1 and preview.warnings[0].column == "imprisonment"


# Nothing changes on a bad file; years are replaced whole ------------------------------


def test_one_bad_cell_changes_nothing(small_db):
    before = snapshot(small_db)
    lines = (FIXTURES / "returns_small.csv").read_text().splitlines()
    lines[3] = lines[3].replace("no,,no,yes,3", "no,,no,perhaps,3")  # Staffordshire's heroin
    with pytest.raises(ingest.ImportRejected) as caught:
        ingest.import_files(small_db, source("returns_v2.csv", "\n".join(lines)))
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(4, "heroin", "perhaps")]
    assert snapshot(small_db) == before


def test_database_refusal_rolls_back_whole_import(small_db, monkeypatch):
    before = snapshot(small_db)
    original = store.sql

    def broken(name):
        return "insert into no_such_table values (1)" if name == "replace_flows" else original(name)

    monkeypatch.setattr("countylines.store.database.sql", broken)
    with pytest.raises(store.StoreError, match="Nothing was changed"):
        ingest.import_files(small_db, FIXTURES / "returns_small.csv", FIXTURES / "flows_small.csv")
    assert snapshot(small_db) == before


def test_reimport_replaces_the_year_and_keeps_the_old_file(small_db, tmp_path):
    new_2017 = "year,force,cuckooing\n2017,Essex,yes\n2017,Suffolk,no\n2017,Norfolk,no\n"
    ingest.import_files(small_db, source("returns_2017_v2.csv", new_2017), illustrative=True)
    frame = store.indicator_figures(small_db, 2017)
    # 2017 replaced whole: only cuckooing now, base 3, 1 yes; 2016 untouched.
    assert frame[["indicator", "count", "base"]].values.tolist() == [["cuckooing", 1, 3]]
    assert store.indicator_figures(small_db, 2016)["base"].tolist() == [2, 2, 2, 1]
    # Flows keep their own source and marking: returns are now illustrative, flows not.
    sources = store.year_sources(small_db).set_index(["year", "kind"])
    assert bool(sources.loc[(2017, "returns"), "illustrative"]) is True
    assert bool(sources.loc[(2017, "flows"), "illustrative"]) is False
    assert len(store.flows(small_db, 2017)) == 4
    # Every accepted file is kept unchanged under its sha256.
    log = store.import_log(small_db)
    assert len(log) == 3
    for row in log.itertuples():
        kept = Path(row.stored_path).read_bytes()
        assert hashlib.sha256(kept).hexdigest() == row.sha256
    original = (FIXTURES / "returns_small.csv").read_bytes()
    assert any(Path(p).read_bytes() == original for p in log["stored_path"])


def test_flows_only_import_leaves_returns(small_db):
    before = store.indicator_figures(small_db, 2017)
    ingest.import_files(small_db, flows_file=source("f.csv", "year,exporter,importer\n2017,Essex,Suffolk\n"))
    pd.testing.assert_frame_equal(store.indicator_figures(small_db, 2017), before)
    assert store.flows(small_db, 2017)[["exporter", "importer"]].values.tolist() == [["Essex", "Suffolk"]]


# Recovering what was replaced ---------------------------------------------------------


def test_compare_with_held_puts_each_figure_beside_the_one_it_replaces():
    trial = pd.DataFrame(
        [
            {"year": 2017, "indicator": "cuckooing", "label": "67% of forces (2)", "percent": 67, "count": 2},
            {"year": 2017, "indicator": "knives", "label": "33% of forces (1)", "percent": 33, "count": 1},
            {"year": 2018, "indicator": "knives", "label": "50% of forces (1)", "percent": 50, "count": 1},
        ]
    )
    held = pd.DataFrame(
        [
            {"year": 2017, "indicator": "cuckooing", "label": "77% of forces (33)", "percent": 77, "count": 33},
            {"year": 2017, "indicator": "heroin", "label": "50% of forces (2)", "percent": 50, "count": 2},
        ]
    )
    out = ingest.compare_with_held(trial, held).set_index(["year", "indicator"])
    assert out.loc[(2017, "cuckooing"), "held now"] == "77% of forces (33)"
    assert out.loc[(2017, "cuckooing"), "change"] == "down 10 percentage points (31 fewer forces)"
    assert out.loc[(2017, "knives"), "held now"] == "not held"
    assert out.loc[(2017, "knives"), "change"] == "question not held for this year"
    assert out.loc[(2018, "knives"), "change"] == "new year"
    assert len(out) == 3  # held figures that the file does not carry add no rows
    # Held figures of the demonstration set: the rule withholds the change to a real file,
    # and keeps it when the incoming file is illustrative too.
    invented = held.assign(illustrative=True)
    out = ingest.compare_with_held(trial, invented).set_index(["year", "indicator"])
    assert out.loc[(2017, "cuckooing"), "held now"] == "77% of forces (33)"
    assert out.loc[(2017, "cuckooing"), "change"] == (
        "replaces a figure of the demonstration set: no change worked out, as it would not be real"
    )
    out = ingest.compare_with_held(trial, invented, incoming_illustrative=True).set_index(["year", "indicator"])
    assert out.loc[(2017, "cuckooing"), "change"] == "down 10 percentage points (31 fewer forces)"


def test_kept_file_is_found_unchanged_even_after_the_folder_moved(tmp_path):
    old_db = tmp_path / "old" / "threat_picture.duckdb"
    content = b"year,force,cuckooing\n2017,Kent,yes\n"
    kept = ingest.keep_accepted(ingest.SourceFile("r.csv", content), store.accepted_dir(old_db))
    digest = hashlib.sha256(content).hexdigest()
    assert ingest.kept_file(str(kept), digest, old_db) == content
    moved = tmp_path / "new"
    (tmp_path / "old").rename(moved)
    assert ingest.kept_file(str(kept), digest, moved / "threat_picture.duckdb") == content
    (moved / "accepted" / kept.name).write_bytes(b"edited afterwards")
    assert ingest.kept_file(str(kept), digest, moved / "threat_picture.duckdb") is None


def test_a_kept_file_is_hashed_again_only_when_it_changed_on_the_disk(tmp_path, monkeypatch):
    from countylines.ingest import kept as kept_module

    folder = tmp_path / "accepted"
    content = b"year,force,cuckooing\n2017,Kent,yes\n"
    path = ingest.keep_accepted(ingest.SourceFile("r.csv", content), folder)
    digest = hashlib.sha256(content).hexdigest()
    hashed = []
    real = kept_module.kept_file
    monkeypatch.setattr(kept_module, "kept_file", lambda *a, **k: hashed.append(1) or real(*a, **k))
    assert ingest.kept_file_unchanged(str(path), digest, folder)
    assert ingest.kept_file_unchanged(str(path), digest, folder)
    assert len(hashed) == 1  # the second look found the same size, time and inode
    path.write_bytes(content.replace(b"Kent", b"Kemt"))  # the same size: the time tells
    assert not ingest.kept_file_unchanged(str(path), digest, folder)
    path.unlink()
    assert not ingest.kept_file_unchanged(str(path), digest, folder)
    assert len(hashed) == 3


def test_a_file_known_as_illustrative_stays_illustrative_when_imported_again(small_db, tmp_path):
    demo = ingest.SourceFile("demo.csv", (ROOT / "data" / "illustrative" / "returns.csv").read_bytes())
    result = ingest.commit_import(
        small_db, ingest.prepare_import(demo), illustrative=False, accepted_dir=tmp_path / "kept"
    )
    assert result.kept_illustrative == ["demo.csv"]
    assert "Marked as illustrative" in result.summary()
    marks = small_db.execute("select distinct illustrative from year_sources where kind = 'returns'").fetchall()
    assert marks == [(True,)]


def test_a_real_file_is_not_marked_illustrative(small_db, tmp_path):
    real = source("real.csv", "year,force,cuckooing\n2019,Kent,yes\n")
    result = ingest.commit_import(small_db, ingest.prepare_import(real), accepted_dir=tmp_path / "kept")
    assert result.kept_illustrative == []
    assert small_db.execute("select illustrative from year_sources where year = 2019").fetchall() == [(False,)]


def test_a_row_with_notes_but_no_answers_is_still_said_to_count_in_every_base():
    text = "year,force,cuckooing,lines_count,notes\n2017,Kent,yes,,\n2017,Essex,,,No return received\n"
    preview = ingest.prepare_import(source("r.csv", text))
    [warning] = preview.warnings
    assert (warning.row, warning.value) == (3, "Essex")
    assert "counts as a 2017 return with every answer not known" in warning.message


def test_a_file_with_more_than_one_year_says_so_before_anything_is_replaced():
    text = "year,force,cuckooing\n2025,Kent,yes\n2025,Essex,no\n2017,Gwent,yes\n"
    preview = ingest.prepare_import(source("r.csv", text))
    assert preview.problems == []
    [warning] = preview.warnings
    assert warning.message.startswith("the file holds more than one year (2017: 1 force, 2025: 2 forces)")


def test_a_line_count_beyond_any_force_is_an_error_not_a_database_failure():
    problem = one(
        problems_of(source("r.csv", "year,force,cuckooing,lines_count\n2017,Kent,yes,99999999999\n")),
        "lines_count",
    )
    assert (problem.row, problem.value) == (2, "99999999999")
    assert "more than 10,000 lines" in problem.message
    flows = one(
        problems_of(flows=source("f.csv", "year,exporter,importer,lines\n2017,Met,Kent,99999999999\n")), "lines"
    )
    assert "more than 10,000 lines" in flows.message
    # 1e12 is not a number of lines as typed: it is refused as such, quoted
    flows = one(problems_of(flows=source("f.csv", "year,exporter,importer,lines\n2017,Met,Kent,1e12\n")), "lines")
    assert flows.message == "'1e12' is not a whole number of lines; leave it blank if not known"


def test_cells_past_the_last_column_are_an_error_not_dropped():
    problem = one(problems_of(source("r.csv", "year,force,notes\n2017,Kent,seen, again\n")), "column 4")
    assert problem.row == 2 and "needs the value in double quotes" in problem.message
    # an empty trailing cell (Excel's habit) is fine
    assert problems_of(source("r.csv", "year,force,cuckooing\n2017,Kent,yes,\n")) == []


def test_a_title_row_above_the_header_is_one_sentence():
    text = "County lines returns 2017,,\nyear,force,cuckooing\n2017,Kent,yes\n"
    [problem] = problems_of(source("r.csv", text))
    assert problem.message.startswith("the header must be the first row, but row 2 looks like the header")


def test_a_damaged_workbook_is_a_sentence(tmp_path):
    import zipfile

    good = tmp_path / "good.xlsx"
    book = Workbook()
    book.active.append(["year", "force", "cuckooing"])
    book.active.append([2017, "Kent", "yes"])
    book.save(good)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut in half
            out.writestr(item, data)
    [problem] = problems_of(ingest.SourceFile.from_path(damaged))
    assert problem.message.startswith("The file damaged.xlsx could not be read as an Excel workbook")


def test_a_date_in_the_year_column_says_to_type_the_year():
    problem = one(problems_of(source("r.csv", "year,force,cuckooing\n2017-01-01,Kent,yes\n")), "year")
    assert "is a date; type the year as a plain number" in problem.message


def test_a_refused_import_keeps_no_copy_of_the_file(small_db, monkeypatch):
    folder = store.accepted_dir(store.database_path(small_db))
    before = sorted(p.name for p in folder.iterdir())
    original = store.sql
    monkeypatch.setattr(
        "countylines.store.database.sql",
        lambda name: "insert into no_such_table values (1)" if name == "replace_returns" else original(name),
    )
    with pytest.raises(store.StoreError):
        ingest.import_files(small_db, source("new.csv", "year,force,cuckooing\n2019,Kent,yes\n"))
    assert sorted(p.name for p in folder.iterdir()) == before


def test_common_short_names_match_and_london_alone_is_not_guessed():
    text = "year,force,cuckooing\n2017,Lancs,yes\n2017,Leics,no\n2017,Hants,yes\n2017,London,yes\n"
    problems = problems_of(source("r.csv", text))
    [problem] = problems
    assert (problem.row, problem.value, problem.suggestion) == (5, "London", None)
    assert problem.message == "'London' could be 'Metropolitan Police' or 'City of London'; write the force's name"
