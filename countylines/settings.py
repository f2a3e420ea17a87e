"""Every setting the project reads, in one place (documented in the README)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB = DATA_DIR / "threat_picture.duckdb"
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"

DEFAULT_CONTACT = "Set COUNTYLINES_CONTACT (or [countylines] contact in .streamlit/secrets.toml)"
DEFAULT_AUTHOR = "County lines threat picture dashboard"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    boundaries_path: Path | None
    contact: str
    imported_by: str
    author: str = DEFAULT_AUTHOR  # named as the author of the slide pack's files


def _secrets() -> dict:
    # Read the file directly so the package works without Streamlit running.
    try:
        with SECRETS_FILE.open("rb") as handle:
            return tomllib.load(handle).get("countylines", {})
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        return {}


def load_settings() -> Settings:
    """Environment first, then .streamlit/secrets.toml [countylines], then defaults."""
    secrets = _secrets()

    def pick(env: str, key: str) -> str | None:
        value = os.environ.get(env) or secrets.get(key)
        return str(value) if value else None

    db = pick("COUNTYLINES_DB", "db")
    boundaries = pick("COUNTYLINES_BOUNDARIES", "boundaries")
    return Settings(
        db_path=Path(db).expanduser() if db else DEFAULT_DB,
        boundaries_path=Path(boundaries).expanduser() if boundaries else None,
        contact=pick("COUNTYLINES_CONTACT", "contact") or DEFAULT_CONTACT,
        imported_by=pick("COUNTYLINES_USER", "user") or os.environ.get("USER", "unknown"),
        author=pick("COUNTYLINES_AUTHOR", "author") or DEFAULT_AUTHOR,
    )
