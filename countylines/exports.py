"""Downloads in the chart's own shape, each carrying its source, base and status."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class About:
    """What a reader needs to quote a downloaded table."""

    title: str
    source: str
    base: str
    status: str
    notes: str = ""

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("Title", self.title),
            ("Source", self.source),
            ("Base", self.base),
            ("Status", self.status),
            ("Notes", self.notes),
            ("Downloaded", dt.date.today().isoformat()),
        ]


def csv_bytes(table: pd.DataFrame, about: About) -> bytes:
    """The table with source, base, status and notes on every row (UTF-8 with BOM for Excel)."""
    out = table.copy()
    for name, value in (
        ("Source", about.source),
        ("Base", about.base),
        ("Status", about.status),
        ("Notes", about.notes),
    ):
        # Never overwrite a column of the table itself (theme tables have a 'base').
        while name in out.columns:
            name += " (about)"
        out[name] = value
    return out.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(table: pd.DataFrame, about: About) -> bytes:
    """A workbook with the data on one sheet and what it is on another."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name="data", index=False)
        pd.DataFrame(about.rows(), columns=["", ""]).to_excel(
            writer, sheet_name="about", index=False, header=False
        )
        for sheet in writer.book.worksheets:
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column)
                sheet.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 80)
    return buffer.getvalue()
