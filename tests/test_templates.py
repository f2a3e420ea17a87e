"""The shipped returns template refuses what the import would refuse, as it is typed."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.worksheet.cell_range import CellRange

from countylines import catalogue
from countylines.settings import DATA_DIR

TEMPLATE = DATA_DIR / "templates" / "returns_template.xlsx"


def validations():
    sheet = load_workbook(TEMPLATE)["returns"]
    header = [cell.value for cell in sheet[1]]
    return sheet, header, list(sheet.data_validations.dataValidation)


def covering(rules, cell: str):
    return [rule for rule in rules if any(cell in CellRange(str(r)) for r in rule.sqref.ranges)]


def test_every_answer_cell_takes_only_the_listed_answers_with_a_message():
    sheet, header, rules = validations()
    questions = catalogue.indicator_ids()
    assert header[2 : 2 + len(questions)] == questions
    last_row = 1 + len(catalogue.forces())  # 43 forces under the header
    for column in range(3, 3 + len(questions)):
        for row in (2, last_row):
            cell = sheet.cell(row, column).coordinate
            [rule] = covering(rules, cell)
            assert rule.type == "list"
            assert rule.formula1 == '"yes,no,possible,not known"'
            assert rule.showErrorMessage is True and rule.errorStyle == "stop"
            assert "yes, no, possible or not known" in rule.error
            assert rule.allow_blank  # blank is "not known", as the import reads it
            assert rule.showDropDown is False  # (openpyxl's inverted name: the arrow is shown)


def test_every_listed_answer_is_one_the_import_accepts():
    _, _, rules = validations()
    [rule] = covering(rules, "C2")
    listed = rule.formula1.strip('"').split(",")
    assert [catalogue.parse_answer(word) for word in listed] == ["yes", "no", "possible", "not_known"]


def test_year_and_line_count_are_checked_as_typed():
    sheet, header, rules = validations()
    [year] = covering(rules, "A2")
    assert year.type == "custom" and "2014" in year.formula1 and "YEAR(TODAY())" in year.formula1
    assert year.showErrorMessage and year.errorStyle == "stop"
    lines_column = sheet.cell(1, header.index("lines_count") + 1).column_letter
    [lines] = covering(rules, f"{lines_column}44")
    assert (lines.type, lines.formula1, lines.formula2) == ("whole", "0", "10000")
    assert lines.showErrorMessage and "whole number from 0 to 10,000" in lines.error
    # The force and notes columns stay free text.
    assert covering(rules, "B2") == []
    assert covering(rules, f"{sheet.cell(1, header.index('notes') + 1).column_letter}2") == []
