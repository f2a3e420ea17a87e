"""One finding per screen or slide, for presenting at board meetings and the papers pack.

Pure: DataFrames in, findings (words, a big number and a small plotly figure) out;
``draw.deck`` turns findings into a PowerPoint deck. The figures follow the house rules:
count ÷ base rounded half up, possible never added in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go

from countylines.draw.palette import DARK_BLUE as DARK
from countylines.draw.palette import DARK_GREY as TEXT
from countylines.draw.palette import HIGHLIGHT_OFF as GREY
from countylines.draw.palette import LIGHT_BLUE as LIGHT
from countylines.figures import nca, questions, summary
from countylines.figures.words import and_list, capital

# The questions shown one per slide, in the order a board hears them.
QUESTIONS = (
    "county_lines_activity",
    "cuckooing",
    "child_exploitation",
    "vulnerable_people",
    "knives",
    "firearms",
)
HUBS = 2  # the biggest exporting hubs get a slide each (Metropolitan Police, Merseyside)
MANAGEMENT_INFORMATION = "Management information, not official statistics"
DEMO_CAVEAT = "These figures come from an invented demonstration set, not real force returns: do not quote them."
FONT = "Arial"


@dataclass(frozen=True)
class Finding:
    """One screen: a sentence, the number to quote and the lines that make it honest."""

    key: str
    title: str  # 'Cuckooing was reported by 77% of forces in 2017'
    number: str  # '77%'
    of: str  # 'of forces (33)'
    base: str  # 'Base: 43 force returns, 2017'
    source: str
    status: str  # the illustrative notice, or management information
    figure: go.Figure | None
    note: str = ""  # e.g. '2 more forces answered possible (not counted in the figure)'
    paragraph: str = ""  # where the NCA reports it: 'NCA 2017 para 6.1'
    question: str = ""  # what the forces were asked, in full
    caveats: tuple[str, ...] = ()  # what a presenter should say before quoting the number
    # The chart not drawn yet (findings(lazy=True)): presenting draws only the slide it shows.
    later: Callable[[], go.Figure] | None = field(default=None, compare=False, repr=False)

    @property
    def has_chart(self) -> bool:
        return self.figure is not None or self.later is not None

    def drawn(self) -> Finding:
        """This finding with its chart drawn (itself when it is drawn or has none)."""
        if self.later is None:
            return self
        return replace(self, figure=self.later(), later=None)

    @property
    def quote(self) -> str:
        return f"{self.number} {self.of}"

    @property
    def alt(self) -> str:
        """The chart's own written description (its text alternative), or ''."""
        meta = self.figure.layout.meta if self.figure is not None else None
        return str(meta.get("alt", "")) if isinstance(meta, dict) else ""

    def speaker_notes(self) -> str:
        """What the presenter needs to hand: the quote, base, source, status, NCA paragraph, caveats."""
        lines = [f"{self.title}.", f"Quote: {self.quote}.", f"{self.base}."]
        if self.question:
            lines.append(f"Question asked: {self.question}")
        lines += [f"{self.source}.", f"Status: {self.status}."]
        if self.paragraph:
            lines.append(f"NCA paragraph where this question is reported: {self.paragraph}.")
        if self.caveats:
            lines.append("Caveats:")
            lines += [f"- {caveat}" for caveat in self.caveats]
        if self.alt:
            lines.append(f"Chart: {self.alt}")
        return "\n".join(lines)


def source_line(year: int, illustrative: bool) -> str:
    kind = "illustrative demonstration data" if illustrative else "police force returns"
    return f"Source: {kind} to the National Crime Agency county lines collection, {year}"


def _split(label: str) -> tuple[str, str]:
    """'77% of forces (33)' -> ('77%', 'of forces (33)')."""
    number, _, rest = label.partition(" ")
    return number, rest


def bars(rows: list[tuple[str, float, str, str]], xmax: float, axis: str, alt: str) -> go.Figure:
    """A few large horizontal bars from zero, each labelled directly: (name, value, text, colour)."""
    names = [r[0] for r in rows]
    fig = go.Figure(
        go.Bar(
            x=[r[1] for r in rows],
            y=names,
            orientation="h",
            marker={"color": [r[3] for r in rows], "line": {"color": DARK, "width": 1}},
            text=[r[2] for r in rows],
            textposition="outside",
            textfont={"size": 22, "color": TEXT, "family": FONT},
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        height=60 + 62 * len(rows),
        margin={"l": 10, "r": 10, "t": 10, "b": 50},
        showlegend=False,
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"size": 20, "color": TEXT, "family": FONT},
        bargap=0.3,
        meta={"alt": alt},
    )
    step = 25 if xmax >= 100 else 10 if xmax > 10 else 1
    ticks = list(range(0, int(xmax) + 1, step))
    fig.update_xaxes(
        range=[0, xmax * 1.3], tickvals=ticks, title_text=axis, showgrid=False, zeroline=True, zerolinecolor=TEXT
    )
    fig.update_yaxes(type="category", autorange="reversed", automargin=True, ticksuffix="  ")
    return fig


def chart(rows: list[tuple[str, float, str, str]], xmax: float, axis: str, alt: str, lazy: bool) -> dict:
    """Finding's figure fields: the bars drawn now, or (lazy) the means to draw them later."""
    if lazy:
        return {"figure": None, "later": lambda: bars(rows, xmax, axis, alt)}
    return {"figure": bars(rows, xmax, axis, alt)}


def _answer_bars(row, name: str, lazy: bool = False) -> dict:
    base = int(row["base"])
    count, possible = int(row["count"]), int(row["possible"])
    other = base - count - possible
    rows = [("Yes", count, nca.short_label(count, base), DARK)]
    if possible:
        rows.append(("Possible (not counted)", possible, f"{possible} of {base}", LIGHT))
    rows.append(("No or not known", other, f"{other} of {base}", GREY))
    alt = (
        f"{name}: {count} of {base} forces answered yes"
        + (f", {possible} possible (not counted)" if possible else "")
        + f" and {other} no or not known."
    )
    return chart(rows, base, "Forces", alt, lazy)


def question_finding(row, name: str, year: int, illustrative: bool, lazy: bool = False) -> Finding:
    phrase = questions.subject(row["indicator"], name)
    verb = "were" if questions.SUBJECTS.get(row["indicator"], ("", False))[1] else "was"
    number, of = _split(str(row["label"]))
    possible = int(row["possible"])
    note = ""
    if possible:
        noun = "force" if possible == 1 else "forces"
        note = f"{possible} more {noun} answered possible (not counted in the figure)"
    return Finding(
        key=str(row["indicator"]),
        title=f"{capital(phrase)} {verb} reported by {number} of forces in {year}",
        number=number,
        of=of,
        base=str(row["base_text"]),
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        **_answer_bars(row, name, lazy),
        note=note,
        paragraph=str(row.get("source_ref") or ""),
        question=str(row.get("question") or ""),
        caveats=_question_caveats(row, illustrative),
    )


def _question_caveats(row, illustrative: bool) -> tuple[str, ...]:
    """Possible and not-known answers kept apart, a conditional base, demo data."""
    caveats = []
    possible, not_known = int(row["possible"]), int(row["not_known"])
    if possible:
        caveats.append(f"{possible} answered possible (unconfirmed): shown apart, never added to yes.")
    if not_known:
        caveats.append(f"{not_known} did not know; they stay in the base.")
    base_label = row.get("base_label")
    if isinstance(base_label, str) and base_label:
        caveats.append(
            f"Asked only of forces reporting {base_label.lower()}, so the base is {int(row['base'])}, "
            "not every force return."
        )
    if illustrative:
        caveats.append(DEMO_CAVEAT)
    return tuple(caveats)


def hub_finding(hub, year: int, illustrative: bool, lazy: bool = False) -> Finding:
    count, base = int(hub["count"]), int(hub["base"])
    label = nca.nca_label(count, base)
    number, of = _split(label)
    name = str(hub["name"])
    rows = [
        (f"Lines from {name}", count, nca.short_label(count, base), DARK),
        ("No lines from them reported", base - count, f"{base - count} of {base}", GREY),
    ]
    alt = f"{count} of {base} forces reported county lines coming from {name}."
    return Finding(
        key=f"hub_{hub['code']}",
        title=f"{name}: exporting hub for lines into {label}",
        number=number,
        of=of,
        base=nca.base_text(base, year),
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        **chart(rows, base, "Forces", alt, lazy),
        caveats=(
            f"Counts the forces whose flows name {name} as the exporter; the base is every force return.",
            *((DEMO_CAVEAT,) if illustrative else ()),
        ),
    )


def rise_finding(
    now: pd.DataFrame, before: pd.DataFrame, year: int, before_year: int, illustrative: bool, lazy: bool = False
):
    plain = now[~questions.is_conditional(now)]
    moved = summary.changes(plain, before)
    moved = moved[moved["points"].notna() & (moved["points"] > 0)]
    if moved.empty:
        return None
    top = moved.sort_values(["points", "forces"], ascending=[False, False], kind="stable").iloc[0]
    phrase = questions.subject(top["indicator"], top["name"])
    number, of = _split(str(top["label"]))
    was = nca.short_label(int(top["count_before"]), int(top["base_before"]))
    rows = [
        (str(before_year), int(top["percent_before"]), was, GREY),
        (str(year), int(top["percent"]), str(top["short_label"]), DARK),
    ]
    alt = f"{capital(phrase)} rose from {was} of forces in {before_year} to {top['short_label']} in {year}."
    return Finding(
        key=f"rise_{top['indicator']}",
        title=f"Biggest rise since {before_year}: {phrase}, {top['change']}",
        number=number,
        of=of,
        base=f"{top['base_text']}; {int(top['base_before'])} in {before_year}",
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        **chart(rows, 100, "Percent of forces answering yes", alt, lazy),
    )


def withheld_finding(comparison, illustrative: bool) -> Finding:
    """Where a rise slide would be: why no change on the earlier year is given (provenance's rule)."""
    return Finding(
        key="change_withheld",
        title=f"No change since {comparison.before} is shown",
        number="",
        of="",
        base=comparison.reason(),
        source=source_line(comparison.after, illustrative),
        status=nca.status_text(illustrative),
        figure=None,
    )


def no_flows_finding(year: int, illustrative: bool) -> Finding:
    """Where the exporting hubs would be: no flows file, so no lines between forces are known."""
    return Finding(
        key="no_flows",
        title=f"No flows file has been imported for {year}",
        number="",
        of="",
        base=(
            f"Which forces export county lines into which is not known for {year}: the exporting "
            "hubs and maps of lines between forces need a flows file. It is not that no lines were found."
        ),
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        figure=None,
    )


def returns_finding(
    returns: pd.DataFrame, year: int, illustrative: bool, not_asked: str = "", lazy: bool = False
) -> Finding:
    expected = len(returns)
    made = int(returns["returned"].sum())
    missing = returns.loc[~returns["returned"].astype(bool), "name"].tolist()
    if missing:
        title = f"No return from {and_list(missing)} for {year}"
        number, of = str(len(missing)), f"of {expected} forces made no return"
    else:
        title = f"All {expected} forces made a return for {year}"
        number, of = str(made), f"of {expected} forces made a return"
    rows = [("Made a return", made, f"{made} of {expected}", DARK)]
    if missing:
        rows.append(("No return", len(missing), f"{len(missing)} of {expected}", GREY))
    alt = f"{made} of {expected} expected forces made a return for {year}."
    return Finding(
        key="returns",
        title=title,
        number=number,
        of=of,
        base=f"Expected: {expected} territorial police forces in England and Wales, {year}",
        source=source_line(year, illustrative),
        status=nca.status_text(illustrative),
        **chart(rows, expected, "Forces", alt, lazy),
        note=" ".join(
            part
            for part in ("Forces with no return are left out of every base." if missing else "", not_asked)
            if part
        ),
        caveats=(DEMO_CAVEAT,) if illustrative else (),
    )


def findings(
    now: pd.DataFrame,
    year: int,
    *,
    illustrative: bool,
    exporters: pd.DataFrame | None = None,
    before: pd.DataFrame | None = None,
    before_year: int | None = None,
    returns: pd.DataFrame | None = None,
    flows_held: bool = True,
    not_asked: str = "",
    lazy: bool = False,
) -> list[Finding]:
    """The year's findings, one per slide.

    now/before: rows of ``ui.year_figures`` (names are added here); exporters:
    ``ui.exporter_reach``; returns: ``ui.force_returns`` (all expected forces); flows_held:
    whether a flows file is held for the year (else a slide says none was imported);
    not_asked: the sentence naming questions the year did not ask, put on the returns slide.
    The rise on the earlier year follows provenance's rule: across real and illustrative
    returns it is withheld, and a slide says why. lazy: charts are drawn only when a
    finding's ``drawn()`` is called (presenting draws the one slide it shows).
    """
    out: list[Finding] = []
    if now is None or now.empty:
        return out
    named = questions.with_names(now).set_index("indicator", drop=False)
    for indicator in QUESTIONS:
        if indicator in named.index:
            row = named.loc[indicator]
            out.append(question_finding(row, str(row["name"]), year, illustrative, lazy))
    if not flows_held:
        out.append(no_flows_finding(year, illustrative))
    elif exporters is not None and not exporters.empty:
        ranked = exporters.sort_values("count", ascending=False, kind="stable")
        for _, hub in ranked.head(HUBS).iterrows():
            if int(hub["count"]) > 0:
                out.append(hub_finding(hub, year, illustrative, lazy))
    if before is not None and not before.empty and before_year is not None:
        comparison = summary.comparison_of(now, before, before_year)
        if not comparison.allowed:
            out.append(withheld_finding(comparison, illustrative))
        else:
            earlier = questions.with_names(before)
            rise = rise_finding(named.reset_index(drop=True), earlier, year, before_year, illustrative, lazy)
            if rise is not None:
                out.append(rise)
    if returns is not None and not returns.empty:
        out.append(returns_finding(returns, year, illustrative, not_asked, lazy))
        missing = returns.loc[~returns["returned"].astype(bool), "name"].tolist()
        if missing and len(missing) < len(returns):
            gap = f"No {year} return from {and_list(missing)}: outside every {year} base."
            out = [replace(f, caveats=(*f.caveats, gap)) if f.key != "returns" else f for f in out]
    return out
