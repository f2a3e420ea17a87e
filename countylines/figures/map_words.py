"""What the Maps screen says beside each map: the choices, titles, headline sentences and the
tables the maps are drawn from. Pure functions of DataFrames, so every sentence is tested
without Streamlit. ``flows`` frames are ``queries/flows.sql`` rows; ``reach`` frames
``queries/exporter_reach.sql`` and ``queries/importer_reach.sql``; ``forces`` is
``catalogue.forces()`` (code, name)."""

from __future__ import annotations

import pandas as pd

from countylines.figures import nca
from countylines.figures.words import and_list

ALL_FORCES = "all"


MAP_KINDS = {
    "flows": "Flows: who sends lines where",
    "importers": "Importers: forces lines come from",
    "exporters": "Exporters: forces lines go to",
    "question": "A question, by each force's answer",
    "change": "Change between two years",
}


DIRECTIONS = {"into": "Into this force", "out": "Out of this force", "both": "Both"}


MEASURES = {
    "importers": "Exporting forces reaching each force",
    "exporters": "Forces each force exports into",
}


MEASURE_UNITS = {"importers": "Exporting forces", "exporters": "Forces exported into"}


CHANGE_VIEWS = {"change": "The change between them", "side": "The two years side by side"}


ANSWER_WORDS = {
    "yes": "Yes",
    "possible": "Possible (unconfirmed)",
    "no": "No",
    "not_known": "Not known",
    "no_return": "No return",
}


TOP_EXPORTERS = 3  # named in the headline, with any force tied with the last


BASE_NOTE = (
    "As in NCA 2017 para 3.8, the percentage of forces an exporter reaches is over every "
    "force return that year (a force does not export into itself, but the base is all returns)."
)


LINES_NOTE = "A blank number of lines means the force named the flow but not how many lines it carried."


def no_flows_text(year: int, flow_years: list[int]) -> str:
    """'No flows file has been imported for 2018, ...': a year with returns but no flows is not a
    year in which no lines were found, and the maps must not say so."""
    text = (
        f"No flows file has been imported for {year}, so which forces send county lines into which "
        f"is not known for {year}. It does not mean that no lines were found."
    )
    if flow_years:
        text += f" Flows are held for {and_list([str(y) for y in sorted(flow_years, reverse=True)])}."
    return text


def focus_flows(flows: pd.DataFrame, focus: str | None, direction: str) -> pd.DataFrame:
    """The flows out of and/or into one force (all flows when focus is None)."""
    if not focus:
        return flows
    out_of = flows["exporter_code"] == focus
    into = flows["importer_code"] == focus
    return flows[{"out": out_of, "into": into, "both": out_of | into}[direction]]


def largest_flows(flows: pd.DataFrame, count: int) -> pd.DataFrame:
    """The ``count`` flows with most lines (flows with no number given come last)."""
    ranked = flows.assign(_known=flows["lines"].notna(), _lines=flows["lines"].fillna(0))
    ranked = ranked.sort_values(["_known", "_lines"], ascending=False, kind="stable")
    return ranked.head(count).drop(columns=["_known", "_lines"])


def partners(flows: pd.DataFrame, focus: str) -> tuple[list[str], list[str]]:
    """Names of the forces sending lines into ``focus`` and those it sends lines to."""
    senders = sorted(set(flows.loc[flows["importer_code"] == focus, "exporter"]))
    receivers = sorted(set(flows.loc[flows["exporter_code"] == focus, "importer"]))
    return senders, receivers


def flow_title(flows: pd.DataFrame, year: int, focus: str | None, focus_name: str | None, direction: str) -> str:
    """The finding of a flow map in a sentence, e.g. 'Norfolk receives lines from 4 forces, 2017'."""
    if not focus:
        reach = flows.groupby("exporter")["importer_code"].nunique()
        if reach.empty:
            return f"No county lines between forces were recorded for {year}"
        top = reach[reach == reach.max()].index.tolist()
        verb = "exports" if len(top) == 1 else "export"
        return f"{and_list(top)} {verb} county lines into the most forces ({int(reach.max())}), {year}"
    senders, receivers = partners(flows, focus)
    if direction == "out":
        if not receivers:
            return f"No county lines out of {focus_name} were recorded for {year}"
        return f"{focus_name} exports county lines into {_forces(len(receivers))}, {year}"
    if direction == "into":
        if not senders:
            return f"No county lines into {focus_name} were recorded for {year}"
        return f"County lines from {_forces(len(senders))} run into {focus_name}, {year}"
    if not senders and not receivers:
        return f"No county lines into or out of {focus_name} were recorded for {year}"
    if not receivers:
        return f"County lines from {_forces(len(senders))} run into {focus_name}, none out, {year}"
    if not senders:
        return f"{focus_name} exports county lines into {_forces(len(receivers))}, none come in, {year}"
    return f"{focus_name} receives lines from {_forces(len(senders))} and exports into {len(receivers)}, {year}"


def exporter_sentences(reach: pd.DataFrame, top: int = TOP_EXPORTERS) -> list[str]:
    """NCA-style sentences for the biggest exporters, ties with the last one included.

    'Metropolitan Police: exporting hub for lines into 65% of forces (28)', then
    'Merseyside: 42% of forces (18)' (the NCA words once, then the figures).
    """
    if reach.empty:
        return []
    ranked = reach.sort_values(["count", "name"], ascending=[False, True])
    cut = int(ranked["count"].iloc[min(top, len(ranked)) - 1])
    chosen = ranked[ranked["count"] >= cut]
    sentences = []
    for position, row in enumerate(chosen.itertuples(index=False)):
        label = nca.nca_label(int(row.count), int(row.base))
        words = f"exporting hub for lines into {label}" if position == 0 else label
        sentences.append(f"{row.name}: {words}")
    return sentences


def force_reach_sentence(reach: pd.DataFrame, code: str, name: str, year: int) -> str:
    """'Norfolk: exporting hub for lines into 2% of forces (1)', or that it exported none."""
    row = reach[reach["code"] == code]
    if row.empty:
        return f"{name}: no lines out to other forces recorded for {year}"
    count, base = int(row["count"].iloc[0]), int(row["base"].iloc[0])
    return f"{name}: exporting hub for lines into {nca.nca_label(count, base)}"


def flow_table(flows: pd.DataFrame) -> pd.DataFrame:
    """Exporter, importer and lines, largest first: the table a flow map is drawn from."""
    ordered = largest_flows(flows, len(flows))
    return pd.DataFrame(
        {
            "Exporter": ordered["exporter"].to_numpy(),
            "Importer": ordered["importer"].to_numpy(),
            "Lines": ordered["lines"].astype("Int64").to_numpy(),
        }
    )


def importer_table(reach: pd.DataFrame, flows: pd.DataFrame) -> pd.DataFrame:
    """Every force, how many exporting forces send lines into it, and which."""
    senders = flows.groupby("importer_code")["exporter"].agg(lambda names: ", ".join(sorted(set(names))))
    return pd.DataFrame(
        {
            "Force": reach["name"].to_numpy(),
            "Exporting forces": reach["exporters"].astype(int).to_numpy(),
            "Lines come from": [senders.get(code, "") for code in reach["code"]],
        }
    )


def exporter_counts(reach: pd.DataFrame, forces: pd.DataFrame) -> pd.DataFrame:
    """``code, name, count`` for all forces, 0 for those that export into none."""
    counts = reach.set_index("code")["count"]
    frame = forces[["code", "name"]].copy()
    frame["count"] = [int(counts.get(code, 0)) for code in frame["code"]]
    return frame.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)


def exporter_table(reach: pd.DataFrame, forces: pd.DataFrame, flows: pd.DataFrame, base: int) -> pd.DataFrame:
    """Every force, how many forces it exports into, that as the NCA prints it, and which."""
    counts = exporter_counts(reach, forces)
    targets = flows.groupby("exporter_code")["importer"].agg(lambda names: ", ".join(sorted(set(names))))
    return pd.DataFrame(
        {
            "Force": counts["name"].to_numpy(),
            "Forces exported into": counts["count"].to_numpy(),
            "Share of force returns": [nca.nca_label(int(n), base) for n in counts["count"]],
            "Lines go to": [targets.get(code, "") for code in counts["code"]],
        }
    )


def most_title(counts: pd.Series, names: pd.Series, verb_one: str, verb_many: str, what: str, year: int) -> str:
    """'Derbyshire and North Yorkshire receive lines from the most exporting forces (6), 2017'."""
    if counts.empty or int(counts.max()) == 0:
        return f"No county lines between forces were recorded for {year}"
    top = sorted(names[counts == counts.max()])
    who = and_list(top) if len(top) <= 3 else f"{len(top)} forces"
    verb = verb_one if len(top) == 1 else verb_many
    return f"{who} {verb} {what} ({int(counts.max())}), {year}"


def importer_title(reach: pd.DataFrame, year: int) -> str:
    return most_title(
        reach["exporters"], reach["name"], "receives", "receive", "lines from the most exporting forces", year
    )


def exporter_title(counts: pd.DataFrame, year: int) -> str:
    return most_title(
        counts["count"], counts["name"], "exports", "export", "county lines into the most forces", year
    )


def importer_sentences(reach: pd.DataFrame, year: int) -> list[str]:
    """How many force areas receive lines, and the forces reached by the most exporters."""
    reached = int((reach["exporters"] > 0).sum())
    sentences = [f"{reached} of {len(reach)} force areas receive lines from at least one other force in {year}."]
    if reached:
        most = int(reach["exporters"].max())
        top = sorted(reach.loc[reach["exporters"] == most, "name"])
        sentences.append(f"Most exporting forces reaching one area: {most} ({and_list(top)}).")
    return sentences


def importer_sentence(reach: pd.DataFrame, flows: pd.DataFrame, code: str, name: str, year: int) -> str:
    senders, _ = partners(flows, code)
    if not senders:
        return f"{name}: no lines in from other forces recorded for {year}."
    return f"{name}: lines come in from {_forces(len(senders))} ({and_list(senders)})."


def answer_table(answers: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"Force": answers["name"].to_numpy(), "Answer": answers["answer"].map(ANSWER_WORDS).to_numpy()}
    )


def answer_counts(answers: pd.DataFrame) -> str:
    """'Yes 38 · Possible (unconfirmed) 2 · No 3 · Not known 0 · No return 0'."""
    counts = answers["answer"].value_counts()
    return " · ".join(f"{word} {int(counts.get(key, 0))}" for key, word in ANSWER_WORDS.items())


def question_title(short_name: str, figure_row: pd.Series | None, year: int) -> str:
    """'Cuckooing: 77% of forces (33) answered yes, 2017'."""
    if figure_row is None:
        return f"{short_name}: no force returns held for {year}"
    return f"{short_name}: {figure_row['label']} answered yes, {year}"


def change_title(changes: pd.DataFrame, measure: str, before: int, after: int) -> str:
    """'Exporting forces reaching each force rose in 20 areas and fell in 8, 2016 to 2017'."""
    shown = changes["change"].dropna().astype(int)
    up, down = int((shown > 0).sum()), int((shown < 0).sum())
    what = MEASURES[measure]
    if up == 0 and down == 0:
        return f"{what}: no change, {before} to {after}"
    return f"{what} rose in {_forces(up)} and fell in {down}, {before} to {after}"


def change_sentences(changes: pd.DataFrame) -> list[str]:
    """'Up in 16 forces', 'Down in 5', 'No change in 22', and any forces not scored, named."""
    shown = changes["change"].dropna().astype(int)
    return [
        f"Up in {_forces(int((shown > 0).sum()))}",
        f"Down in {int((shown < 0).sum())}",
        f"No change in {int((shown == 0).sum())}",
        *not_scored_sentences(changes),
    ]


def not_scored_sentences(changes: pd.DataFrame) -> list[str]:
    """'Not scored: Gwent and Lincolnshire (no return in 2016)', one per reason."""
    if "not_scored" not in changes:
        return []
    unscored = changes[changes["not_scored"].fillna("") != ""]
    return [
        f"Not scored: {and_list(sorted(rows['name']))} ({reason})"
        for reason, rows in unscored.groupby("not_scored", sort=True)
    ]


def not_scored(returns: dict[int, pd.DataFrame], before: int, after: int) -> dict[str, str]:
    """Each force with no return in either year -> 'no return in 2016' (or '... in 2016 or 2017').

    returns: year -> queries/force_returns.sql rows (code, returned) for both years.
    """
    out = {}
    made = {
        year: dict(zip(frame["code"], frame["returned"].astype(bool), strict=True))
        for year, frame in returns.items()
    }
    for code in made[before]:
        missing = [str(year) for year in (before, after) if not made[year].get(code, False)]
        if missing:
            out[code] = f"no return in {' or '.join(missing)}"
    return out


def change_table(changes: pd.DataFrame, before: int, after: int) -> pd.DataFrame:
    ordered = changes.sort_values(["change", "name"], ascending=[False, True], na_position="last")
    reasons = ordered["not_scored"] if "not_scored" in ordered else pd.Series("", index=ordered.index)
    return pd.DataFrame(
        {
            "Force": ordered["name"].to_numpy(),
            str(before): ordered["before"].astype("Int64").to_numpy(),
            str(after): ordered["after"].astype("Int64").to_numpy(),
            "Change": ordered["change"].astype("Int64").to_numpy(),
            "Not scored because": reasons.fillna("").to_numpy(),
        }
    )


def reach_counts(measure: str, importers: pd.DataFrame, exporters: pd.DataFrame, forces) -> pd.DataFrame:
    """``code, name, value`` for every force under one measure, ready for difference_counts."""
    if measure == "importers":
        return importers[["code", "name"]].assign(value=importers["exporters"].astype(int))
    return exporter_counts(exporters, forces).rename(columns={"count": "value"})


def _forces(count: int) -> str:
    return f"{count} force" + ("" if count == 1 else "s")


def largest_flow_title(shown: pd.DataFrame, total: int, year: int) -> str:
    """Title when only the largest flows are drawn: the biggest one, and how many are shown."""
    known = shown.dropna(subset=["lines"])
    if known.empty:
        return f"The {len(shown)} largest of {total} county lines flows, {year}"
    top = largest_flows(known, 1).iloc[0]
    return f"The largest flow runs from {top['exporter']} to {top['importer']} ({int(top['lines'])} lines), {year}"
