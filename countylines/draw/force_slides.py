"""A force's own slides for its local board, from its profile (``figures.profile``): how many
questions it answered yes beside the median force, where it answered unlike most forces,
and the lines into and out of it. Pure: DataFrames in, ``slides.Finding`` out, so the same
findings are presented on screen and go into the PowerPoint and PDF pack.
"""

from __future__ import annotations

import pandas as pd

from countylines.draw.palette import DARK_BLUE as DARK
from countylines.draw.palette import HIGHLIGHT_OFF as GREY
from countylines.draw.palette import LIGHT_BLUE as LIGHT
from countylines.draw.slides import DEMO_CAVEAT, Finding, chart, source_line
from countylines.figures import nca, profile

DIFFERENCES_SHOWN = 4  # bars on the 'unlike most forces' slide: readable on a projector


def findings(
    name: str,
    code: str,
    year: int,
    *,
    rows: pd.DataFrame | None,
    all_yes: pd.Series,
    flows: pd.DataFrame | None,
    illustrative: bool,
    lazy: bool = False,
) -> list[Finding]:
    """The force's slides for ``year``.

    rows: ``profile.answer_rows`` for the force (None when it made no return); all_yes:
    ``profile.yes_counts`` of every force with a return; flows: the year's flows
    (``ui.flows``), or None when no flows file is held for the year.
    """
    common = {
        "source": source_line(year, illustrative),
        "status": nca.status_text(illustrative),
        "caveats": (DEMO_CAVEAT,) if illustrative else (),
    }
    if rows is None or rows.empty:
        found = [
            Finding(
                key="force_no_return",
                title=f"{name} made no return for {year}",
                number="",
                of="",
                base=f"{name} is left out of every {year} base; its answers in other years are on its profile.",
                figure=None,
                **common,
            )
        ]
    else:
        found = [_answers(name, year, rows, all_yes, common, lazy), _differences(name, year, rows, common, lazy)]
    found.append(_lines(name, code, year, flows, common, lazy))
    return found


def _answers(name: str, year: int, rows: pd.DataFrame, all_yes: pd.Series, common: dict, lazy: bool) -> Finding:
    said_yes = int((rows["answer"] == "yes").sum())
    asked = len(rows)
    median = profile.median_text(all_yes.tolist()) if len(all_yes) else ""
    bars = [(name, said_yes, f"{said_yes} of {asked}", DARK)]
    if median:
        bars.append(("Median force", float(pd.Series(all_yes).median()), f"{median} of {asked}", GREY))
    alt = f"{name} answered yes to {said_yes} of {asked} questions" + (
        f"; the median force answered yes to {median}." if median else "."
    )
    return Finding(
        key="force_answers",
        title=f"{name} answered yes to {said_yes} of the {asked} questions in {year}",
        number=str(said_yes),
        of=f"of {asked} questions answered yes",
        base=f"Median of the {len(all_yes)} forces with a {year} return: yes to {median}" if median else "",
        note="Possible answers are not counted as yes.",
        **chart(bars, asked, "Questions answered yes", alt, lazy),
        **common,
    )


def _differences(name: str, year: int, rows: pd.DataFrame, common: dict, lazy: bool) -> Finding:
    against = profile.differs_from_most(rows)
    title = f"{profile.chart_title(name, rows)} in {year}"
    if against.empty:
        return Finding(
            key="force_differences",
            title=title,
            number="0",
            of=f"of {len(rows)} questions answered unlike most forces",
            base="On every question it answered as more than half of forces did.",
            figure=None,
            **common,
        )
    # The starkest first: furthest from an even split of forces.
    shown = against.assign(_gap=(against["percent"] - 50).abs()).sort_values(
        "_gap", ascending=False, kind="stable"
    )
    shown = shown.head(DIFFERENCES_SHOWN)
    # The force's answer is in each bar's name, in words: the colour only repeats it.
    bars = [
        (
            f"{r['Question']}<br>{name}: {profile.ANSWER_WORDS[r['answer']]}",
            int(r["percent"]),
            nca.short_label(int(r["count"]), int(r["base"])),
            DARK if r["answer"] == "yes" else LIGHT,
        )
        for _, r in shown.iterrows()
    ]
    alt = f"Percent of all forces answering yes where {name} answered otherwise: " + "; ".join(
        f"{label.replace('<br>', ', ')}, {text} of forces yes" for label, _, text, _ in bars
    )
    more = len(against) - len(shown)
    return Finding(
        key="force_differences",
        title=title,
        number=str(len(against)),
        of=f"of {len(rows)} questions answered unlike most forces",
        base=f"Bars: percent of all forces answering yes; under each question, how {name} answered.",
        note=f"{more} more on the force profile." if more > 0 else "",
        **chart(bars, 100, "Percent of forces answering yes", alt, lazy),
        **common,
    )


def _lines(name: str, code: str, year: int, flows: pd.DataFrame | None, common: dict, lazy: bool) -> Finding:
    if flows is None:
        return Finding(
            key="force_lines",
            title=f"No flows file has been imported for {year}",
            number="",
            of="",
            base=f"Which forces send county lines into or receive them from {name} is not known for {year}.",
            figure=None,
            **common,
        )
    coming_in, going_out = profile.flow_tables(flows, code)
    bars = [
        ("Forces sending lines in", len(coming_in), str(len(coming_in)), DARK),
        ("Forces it sends lines to", len(going_out), str(len(going_out)), LIGHT),
    ]
    alt = f"{len(coming_in)} forces send lines into {name}; {name} sends lines to {len(going_out)} forces."
    return Finding(
        key="force_lines",
        title=f"Lines into and out of {name}, {year}",
        number=str(len(coming_in)),
        of="forces sending lines in",
        base=profile.flow_summary(name, coming_in, going_out, year),
        **chart(bars, max(len(coming_in), len(going_out), 1), "Forces", alt, lazy),
        **common,
    )
