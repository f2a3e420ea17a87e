"""Reference data shipped in data/: the 43 forces, the questions (indicators) and themes."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from countylines.settings import DATA_DIR

ANSWERS = ("yes", "no", "possible", "not_known")

_WORDS_TO_DROP = re.compile(r"\b(police|constabulary|service|force|the)\b")


def force_key(text: str) -> str:
    """The form two force names are compared in: case, '&', 'Police' and punctuation ignored."""
    text = str(text).lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = _WORDS_TO_DROP.sub(" ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Force:
    code: str
    name: str
    region: str


class ForceMatcher:
    """Finds a force from a name, alias or ONS code as people type them."""

    def __init__(self, forces: pd.DataFrame):
        self.by_code: dict[str, Force] = {}
        self._by_key: dict[str, Force] = {}
        self._display: dict[str, str] = {}  # spelling shown in suggestions -> code
        for row in forces.itertuples(index=False):
            force = Force(row.code, row.name, row.region)
            self.by_code[row.code] = force
            aliases = [a.strip() for a in str(row.aliases or "").split(";") if a.strip()]
            for spelling in [row.name, row.code, *aliases]:
                self._by_key[force_key(spelling)] = force
            for spelling in [row.name, *aliases]:
                self._display[spelling] = row.code

    def match(self, text: str) -> Force | None:
        if text is None:
            return None
        stripped = str(text).strip()
        if stripped.upper() in self.by_code:
            return self.by_code[stripped.upper()]
        return self._by_key.get(force_key(stripped))

    def suggest(self, text: str) -> str | None:
        """The force name closest to a misspelling, or None (and never a guess for 'London',
        which could be either London force)."""
        if force_key(text) in AMBIGUOUS:
            return None
        keys = {force_key(s): code for s, code in self._display.items()}
        close = difflib.get_close_matches(force_key(text), list(keys), n=1, cutoff=0.6)
        return self.by_code[keys[close[0]]].name if close else None


# Names that could mean more than one force: no suggestion, and a message that says so.
AMBIGUOUS = {"london": ("Metropolitan Police", "City of London")}


@cache
def forces() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "forces.csv", dtype=str, keep_default_na=False)


@cache
def force_names() -> dict[str, str]:
    """Each force's code to its name, in order of name (the pickers' order), made once."""
    ordered = forces().sort_values("name")
    return dict(zip(ordered["code"], ordered["name"], strict=True))


@cache
def force_matcher() -> ForceMatcher:
    return ForceMatcher(forces())


@cache
def indicators() -> pd.DataFrame:
    frame = pd.read_csv(DATA_DIR / "indicators.csv", dtype=str, keep_default_na=False)
    frame["sort_order"] = frame["sort_order"].astype(int)
    return frame


@cache
def themes() -> pd.DataFrame:
    frame = pd.read_csv(DATA_DIR / "themes.csv", dtype=str, keep_default_na=False)
    frame["sort_order"] = frame["sort_order"].astype(int)
    return frame


def indicator_ids() -> list[str]:
    return indicators()["id"].tolist()


_ANSWER_WORDS = {
    "yes": "yes",
    "y": "yes",
    "true": "yes",
    "1": "yes",
    "no": "no",
    "n": "no",
    "false": "no",
    "0": "no",
    "possible": "possible",
    "unconfirmed": "possible",
    "suspected": "possible",
    "": "not_known",
    "not known": "not_known",
    "not_known": "not_known",
    "unknown": "not_known",
}


def parse_answer(value: object) -> str | None:
    """yes/no/possible/not_known from what people type, or None if unrecognised."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "not_known"
    text = " ".join(str(value).strip().lower().replace("_", " ").split())
    if text in {"1.0", "0.0"}:  # Excel stores 1/0 cells as floats
        text = text[0]
    return _ANSWER_WORDS.get(text)
