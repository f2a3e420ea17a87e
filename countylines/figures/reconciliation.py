"""The NCA's printed figures beside count ÷ base: which agree, which differ and why."""

from __future__ import annotations

import re

import pandas as pd

from countylines.figures import nca
from countylines.figures.words import capital


def printed_by_indicator(published: pd.DataFrame) -> pd.DataFrame:
    """The NCA's printed 'yes' figures, one row per question and distinct printed figure.

    Columns: indicator, printed_percent, printed_count (may be missing), source_ref, printed
    ('77% (33)' or '100%' when no count was printed).
    """
    columns = ["indicator", "printed_percent", "printed_count", "source_ref", "printed"]
    if published is None or published.empty:
        return pd.DataFrame(columns=columns)
    rows = published[published["indicator"].notna() & (published["answer"].fillna("yes") == "yes")]
    rows = rows[rows["indicator"].astype(str) != ""]
    out = pd.DataFrame(
        {
            "indicator": rows["indicator"].astype(str),
            "printed_percent": rows["percent"].astype("Int64"),
            "printed_count": rows["count"].astype("Int64"),
            "source_ref": rows["source_ref"],
        }
    )
    out["printed"] = [
        f"{p}%" if pd.isna(c) else f"{p}% ({c})"
        for p, c in zip(out["printed_percent"], out["printed_count"], strict=True)
    ]
    return out.drop_duplicates(["indicator", "printed"]).reset_index(drop=True)[columns]


def printed_text(printed: pd.DataFrame, indicator: str, with_paragraph: bool = False) -> str:
    """'77% (33)'; several printed figures joined with '; '; '' when none was printed."""
    rows = printed[printed["indicator"] == indicator]
    if with_paragraph:
        return "; ".join(f"{r.printed}, {r.source_ref}" for r in rows.itertuples(index=False))
    return "; ".join(rows["printed"])


def printed_paragraphs(printed: pd.DataFrame, indicator: str) -> str:
    """'NCA 2017 para 6.1', in the order of ``printed_text``'s figures; '' when none was printed."""
    return "; ".join(printed.loc[printed["indicator"] == indicator, "source_ref"].astype(str))


def printed_in_paragraphs(printed: pd.DataFrame, indicator: str) -> str:
    """'74% (32) in para 7.1; 72% in para 7.5': every figure the report printed for a question,
    each with its own paragraph ('' when none was printed)."""
    rows = printed[printed["indicator"] == indicator]
    return "; ".join(f"{r.printed} in {paragraph(r.source_ref)}" for r in rows.itertuples(index=False))


_REPORT = re.compile(r"^NCA \d{4} ")


def paragraph(source_ref) -> str:
    """'NCA 2017 para 7.5' -> 'para 7.5' (where the report is already named)."""
    return _REPORT.sub("", str(source_ref))


def printed_differences(reconciled: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``figures.reconcile`` where the printed figure is not count ÷ base, for reading."""
    if reconciled is None or reconciled.empty:
        return pd.DataFrame(columns=["Paragraph", "Printed", "Why they differ", "What the report says"])
    rows = reconciled[~reconciled["agrees"].astype(bool)]
    return pd.DataFrame(
        {
            "Paragraph": rows["source_ref"].to_list(),
            "Printed": [f"{p}%" for p in rows["printed_percent"]],
            "Why they differ": [capital(c) for c in rows["check"]],
            "What the report says": rows["statement"].to_list(),
        }
    )


def reconcile(published: pd.DataFrame, figures: pd.DataFrame, exporters: pd.DataFrame) -> pd.DataFrame:
    """Printed NCA figures beside count / base recomputed, with a plain-English check.

    published: rows of queries/published_figures.sql; figures: add_labels() output for the
    same year; exporters: queries/exporter_reach.sql for the same year.
    """
    by_question = figures.set_index("indicator") if not figures.empty else pd.DataFrame()
    by_exporter = exporters.set_index("code") if not exporters.empty else pd.DataFrame()
    # Numbers of lines are not percentages: comparability.line_count_rows sets them beside the returns.
    published = published[published["unit"].fillna("") != "lines"] if "unit" in published else published
    rows = []
    for item in published.itertuples(index=False):
        printed_count = None if pd.isna(item.count) else int(item.count)
        printed_base = None if pd.isna(item.base) else int(item.base)
        printed_percent = None if pd.isna(item.percent) else int(item.percent)
        from_printed = (
            nca.percent_half_up(printed_count, printed_base)
            if printed_count is not None and printed_base is not None
            else None
        )
        data_count, data_base = _held_count(item, by_question, by_exporter)
        data_percent = nca.percent_half_up(data_count, data_base) if data_count is not None else None
        checks = _checks(printed_percent, printed_count, printed_base, from_printed, data_count, data_base)
        rows.append(
            {
                "source_ref": item.source_ref,
                "statement": item.statement,
                "printed_percent": printed_percent,
                "printed_count": printed_count,
                "printed_base": printed_base,
                "percent_from_printed": from_printed,
                "data_count": data_count,
                "data_base": data_base,
                "data_percent": data_percent,
                "agrees": not any(c.startswith("printed") for c in checks),
                "check": "; ".join(checks) or "agrees",
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame = frame.iloc[sorted(range(len(frame)), key=lambda i: _paragraph_key(frame.at[i, "source_ref"]))]
        frame = frame.reset_index(drop=True)
    for column in (
        "printed_percent",
        "printed_count",
        "printed_base",
        "percent_from_printed",
        "data_count",
        "data_base",
        "data_percent",
    ):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


_ANSWER_COLUMN = {"yes": "count", "possible": "possible", "no": "no"}


def _held_count(item, by_question: pd.DataFrame, by_exporter: pd.DataFrame) -> tuple[int | None, int | None]:
    """(count, base) the returns held here give for a printed figure, or (None, None)."""
    if isinstance(item.exporter_code, str) and item.exporter_code in by_exporter.index:
        return int(by_exporter.loc[item.exporter_code, "count"]), int(by_exporter.loc[item.exporter_code, "base"])
    if isinstance(item.indicator, str) and item.indicator in by_question.index:
        column = _ANSWER_COLUMN.get(item.answer or "yes", "count")
        return int(by_question.loc[item.indicator, column]), int(by_question.loc[item.indicator, "base"])
    return None, None


def _checks(printed_percent, printed_count, printed_base, from_printed, data_count, data_base) -> list[str]:
    """Why a printed figure and count ÷ base differ, in words; empty when they agree."""
    checks = []
    if from_printed is not None and printed_percent is not None and from_printed != printed_percent:
        checks.append(f"printed {printed_percent}% but {printed_count} of {printed_base} is {from_printed}%")
    if printed_count is not None and data_count is not None and printed_count != data_count:
        checks.append(f"printed count {printed_count} but the returns give {data_count}")
    data_percent = nca.percent_half_up(data_count, data_base) if data_count is not None else None
    if printed_count is None and data_percent is not None and printed_percent != data_percent:
        checks.append(
            f"printed {printed_percent}% but the returns give {data_count} of {data_base} = {data_percent}%"
        )
    if printed_base is None:
        checks.append("no base printed")
    return checks


def _paragraph_key(source_ref) -> tuple:
    """'NCA 2017 para 10.1' sorts after 'para 2.1'; the introduction comes first."""
    numbers = [int(n) for n in re.findall(r"\d+", str(source_ref or ""))[1:]]
    return (len(numbers) > 0, numbers)
