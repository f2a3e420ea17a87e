"""Writes the blank returns and flows templates in data/templates/ (CSV and Excel).

The Excel template has a drop-down of the accepted answers in every question cell and
a second sheet with each question in plain English, so a force can fill it in directly.
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
    answers = DataValidation(type="list", formula1='"yes,no,possible"', allow_blank=True)
    answers.error = "Use yes, no or possible, or leave blank for not known."
    sheet.add_data_validation(answers)
    first, last = get_column_letter(3), get_column_letter(2 + len(questions))
    answers.add(f"{first}2:{last}{len(forces) + 1}")
    guide = book.create_sheet("questions")
    guide.append(["column", "theme", "question", "source"])
    for row in catalogue.indicators().itertuples():
        guide.append([row.id, row.theme, row.question, row.source_ref])
    guide.append(["lines_count", "", "How many county lines did the force identify? Blank if not known.", ""])
    guide.append(["notes", "", "Anything the analyst should know about this return.", ""])
    book.save(OUT / "returns_template.xlsx")


if __name__ == "__main__":
    main()
