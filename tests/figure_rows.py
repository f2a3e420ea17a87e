"""Hand-written rows of indicator figures, shaped as ui.year_figures gives them."""

from __future__ import annotations

import pandas as pd

from countylines import catalogue
from countylines.figures import nca, questions


def figure_rows(rows: list[tuple]) -> pd.DataFrame:
    """(year, indicator, yes, possible, no, not_known, base) -> labelled, named figures.

    The question, theme and conditional base come from the shipped catalogue, as the SQL
    takes them.
    """
    asked = catalogue.indicators().set_index("id")
    names = dict(zip(asked.index, asked["label"], strict=True))
    raw = pd.DataFrame(
        [
            {
                "year": year,
                "indicator": indicator,
                "theme": asked.at[indicator, "theme"],
                "theme_title": "",
                "label": names[indicator],
                "question": asked.at[indicator, "question"],
                "source_ref": asked.at[indicator, "source_ref"],
                "base_label": names.get(asked.at[indicator, "base_indicator"]) or None,
                "count": yes,
                "possible": possible,
                "no": no,
                "not_known": not_known,
                "base": base,
                "illustrative": True,
            }
            for year, indicator, yes, possible, no, not_known, base in rows
        ]
    )
    return questions.with_names(nca.add_labels(raw))


def published_rows(rows: list[tuple]) -> pd.DataFrame:
    """(indicator, answer, percent, count, base, source_ref) -> rows of queries/published_figures.sql."""
    frame = pd.DataFrame(
        [
            {
                "year": 2017,
                "indicator": indicator,
                "answer": answer,
                "statement": f"{percent}% of forces printed for {indicator}",
                "percent": percent,
                "count": count,
                "base": base,
                "unit": "forces",
                "source_ref": ref,
                "exporter_code": None,
            }
            for indicator, answer, percent, count, base, ref in rows
        ]
    )
    for column in ("count", "base"):
        frame[column] = frame[column].astype("Int64")
    return frame
