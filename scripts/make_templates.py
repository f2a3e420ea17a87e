"""Writes the blank returns and flows templates in data/templates/ (CSV and Excel).

The Excel template has a drop-down of the accepted answers in every question cell, which
refuses anything else with a message (Excel's and LibreOffice's "stop" alert), checks the
year and the line count as they are typed, and has a second sheet with each question in
plain English, so a force can fill it in directly. Run: .venv/bin/python scripts/make_templates.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from countylines import catalogue

OUT = Path(__file__).resolve().parents[1] / "data" / "templates"


ANSWER_LIST = "yes,no,possible,not known"
FIRST_YEAR = 2014
MAX_LINES = 10_000  # as ingest.cells: more than this is refused as implausible


def add_validations(sheet, questions: int, forces: int) -> None:
    """Answer cells take only the listed answers (or blank); year and line count are checked."""
    last_row = forces + 1
    answers = DataValidation(
        type="list",
        formula1=f'"{ANSWER_LIST}"',
        allow_blank=True,
        showDropDown=False,  # openpyxl's name is inverted: False shows the drop-down arrow
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not an answer",
        error="Choose yes, no, possible or not known from the list, or leave the cell blank for not known.",
        showInputMessage=True,
        promptTitle="Answer",
        prompt="yes, no, possible or not known (blank means not known)",
    )
    answers.add(f"{get_column_letter(3)}2:{get_column_letter(2 + questions)}{last_row}")
    year = DataValidation(
        type="custom",
        # A whole year from 2014 to this year, checked when typed (blank allowed for no return).
        formula1=f"AND(INT(A2)=A2,A2>={FIRST_YEAR},A2<=YEAR(TODAY()))",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not a year",
        error=f"Type the year of the return as four digits, from {FIRST_YEAR} to this year (for example 2018).",
    )
    year.add(f"A2:A{last_row}")
    lines = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2=str(MAX_LINES),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not a number of lines",
        error=(
            f"Type the number of county lines as a whole number from 0 to {MAX_LINES:,}, "
            "or leave it blank if not known."
        ),
    )
    column = get_column_letter(3 + questions)
    lines.add(f"{column}2:{column}{last_row}")
    for validation in (answers, year, lines):
        sheet.add_data_validation(validation)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    questions = catalogue.indicator_ids()
    header = ["year", "force", *questions, "lines_count", "notes"]
    forces = catalogue.forces()["name"].tolist()
    with (OUT / "returns_template.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for name in forces:
            writer.writerow(["", name, *[""] * (len(header) - 2)])
    with (OUT / "flows_template.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["year", "exporter", "importer", "lines"])

    book = Workbook()
    sheet = book.active
    sheet.title = "returns"
    sheet.append(header)
    for name in forces:
        sheet.append([None, name])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    add_validations(sheet, len(questions), len(forces))
    guide = book.create_sheet("questions")
    guide.append(["column", "theme", "question", "source"])
    for row in catalogue.indicators().itertuples():
        guide.append([row.id, row.theme, row.question, row.source_ref])
    guide.append(["lines_count", "", "How many county lines did the force identify? Blank if not known.", ""])
    guide.append(["notes", "", "Anything the analyst should know about this return.", ""])
    book.save(OUT / "returns_template.xlsx")


if __name__ == "__main__":
    main()
