"""Downloads in the chart's own shape, each carrying its source, base and status."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pandas as pd

from countylines import ILLUSTRATIVE_NOTICE


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


# Chart images -------------------------------------------------------------------------------

ILLUSTRATIVE_COLOUR = "#801650"  # Analysis Function plum, as the presenting-mode band
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def images_available() -> bool:
    """Whether kaleido can find a Chromium to draw chart images with (no download, no CDN)."""
    import os
    import shutil

    return bool(os.environ.get("BROWSER_PATH")) or any(shutil.which(name) for name in CHROMIUM_NAMES)


def stamped_figure(fig, about: About, illustrative: bool, width: int = 1280, height: int = 720):
    """A copy of the chart that can be quoted on its own: its title, and under it the source,
    base and status, with the illustrative notice across the top when the data are.

    The on-screen chart carries these as text around it; an image file has only itself.
    """
    import copy
    import textwrap

    out = copy.deepcopy(fig)
    title = out.layout.title.text or about.title
    title_lines = textwrap.wrap(title.replace("<br>", " "), 90) or [""]
    footer = [f"{about.source}. {about.base}.", f"{about.status}. Downloaded {dt.date.today():%d %B %Y}."]
    footer = [line for text in footer for line in textwrap.wrap(text, 150)]
    top = 40 + 26 * len(title_lines) + (34 if illustrative else 0)
    bottom = max(int(out.layout.margin.b or 0), 40) + 18 * len(footer) + 10
    out.update_layout(
        width=width,
        height=height,
        title={
            "text": "<br>".join(title_lines),
            "x": 0,
            "xref": "paper",  # aligned with the notice and the source line, at the plot's left edge
            "xanchor": "left",
            "yanchor": "top",
            "y": 1 - (8 + (34 if illustrative else 0)) / height,
            "font": {"size": 20, "color": "#0b0c0c"},
        },
        margin={"t": top, "b": bottom, "l": max(int(out.layout.margin.l or 0), 40)},
        paper_bgcolor="white",
    )
    out.add_annotation(
        text="<br>".join(footer),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-(bottom - 10 - 18 * len(footer)),
        align="left",
        showarrow=False,
        font={"size": 13, "color": "#3D3D3D"},
    )
    if illustrative:
        out.add_annotation(
            text=f"<b>{ILLUSTRATIVE_NOTICE}</b>",
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            yshift=top - 34,
            showarrow=False,
            bgcolor=ILLUSTRATIVE_COLOUR,
            font={"size": 16, "color": "white"},
            borderpad=6,
        )
    return out


def chart_png(fig, about: About, illustrative: bool) -> bytes:
    """The stamped chart as a 1280x720 PNG, drawn by kaleido with the machine's Chromium."""
    import warnings

    stamped = stamped_figure(fig, about, illustrative)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return stamped.to_image(format="png", width=1280, height=720)
