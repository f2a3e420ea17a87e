"""Every setting the project reads, in one place (documented in the README)."""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
DEFAULT_STORE = DATA_DIR / "store"
# The previous layout: one DuckDB file. Migrated into a new store as its first snapshot.
DEFAULT_LEGACY_DB = DATA_DIR / "threat_picture.duckdb"
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
DEFAULT_KEEP_SNAPSHOTS = 20

DEFAULT_CONTACT = "Set COUNTYLINES_CONTACT (or [countylines] contact in .streamlit/secrets.toml)"
DEFAULT_AUTHOR = "County lines threat picture dashboard"


@dataclass(frozen=True)
class Settings:
    data_dir: Path  # the store: published snapshots, kept files, the writer lock
    legacy_db: Path | None  # a single-file database to migrate from when the store is new
    keep_snapshots: int
    boundaries_path: Path | None
    contact: str
    imported_by: str  # who the command line records in the audit
    analysts: tuple[str, ...]  # e-mail addresses of signed-in analysts (lower case)
    analyst_claim: tuple[str, str] | None  # (claim, value): e.g. ("groups", "county-lines-analysts")
    analyst_password_hash: str | None  # argon2 hash of the local analyst password
    viewers_sign_in: bool  # everyone must sign in (single sign-on) to see any screen
    author: str = DEFAULT_AUTHOR  # named as the author of the slide pack's files


def secrets_file() -> Path:
    """The secrets file read for [countylines]: COUNTYLINES_SECRETS, else .streamlit/secrets.toml."""
    named = os.environ.get("COUNTYLINES_SECRETS")
    return Path(named).expanduser() if named else SECRETS_FILE


def _secrets() -> dict:
    # Read the file directly so the package works without Streamlit running.
    try:
        with secrets_file().open("rb") as handle:
            return tomllib.load(handle).get("countylines", {})
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        return {}


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "unknown"


def _words(value) -> tuple[str, ...]:
    """A list from TOML, or a comma-separated string from the environment."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return tuple(str(item).strip().lower() for item in items if str(item).strip())


def _claim(value: str | None) -> tuple[str, str] | None:
    if not value or "=" not in value:
        return None
    name, wanted = value.split("=", 1)
    return (name.strip(), wanted.strip()) if name.strip() and wanted.strip() else None


def _keep(value: str | None) -> int:
    try:
        return max(1, int(value)) if value else DEFAULT_KEEP_SNAPSHOTS
    except ValueError:
        return DEFAULT_KEEP_SNAPSHOTS


_LOADED: dict[tuple, Settings] = {}
ENV_NAMES = tuple(
    f"COUNTYLINES_{name}"
    for name in [
        "DATA",
        "DB",
        "ANALYSTS",
        "ANALYST_CLAIM",
        "ANALYST_PASSWORD_HASH",
        "AUTHOR",
        "BOUNDARIES",
        "CONTACT",
        "KEEP_SNAPSHOTS",
        "SECRETS",
        "USER",
        "VIEWERS_SIGN_IN",
    ]
)  # every variable load_settings reads: a change to any is read at once


def load_settings() -> Settings:
    """Environment first, then .streamlit/secrets.toml [countylines], then defaults.

    Read again whenever a COUNTYLINES_ variable or the secrets file changes; otherwise the
    settings read last (every screen asks several times a rerun: one stat, not a parse)."""
    path = secrets_file()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (tuple(os.environ.get(name) for name in ENV_NAMES), str(path), stamp)
    found = _LOADED.get(key)
    if found is None:
        found = _read_settings()
        _LOADED.clear()
        _LOADED[key] = found
    return found


def _read_settings() -> Settings:
    secrets = _secrets()

    def pick(env: str, key: str) -> str | None:
        value = os.environ.get(env) or secrets.get(key)
        return str(value) if value not in (None, "", []) else None

    data = pick("COUNTYLINES_DATA", "data")
    legacy = pick("COUNTYLINES_DB", "db")
    data_dir = Path(data).expanduser() if data else DEFAULT_STORE
    # The old default file is only migrated into the default store, so a store made
    # elsewhere (a test's temporary folder) never picks up this checkout's database.
    if legacy:
        legacy_db = Path(legacy).expanduser()
    else:
        legacy_db = DEFAULT_LEGACY_DB if data_dir.resolve() == DEFAULT_STORE.resolve() else None
    analysts = os.environ.get("COUNTYLINES_ANALYSTS") or secrets.get("analysts")
    return Settings(
        data_dir=data_dir,
        legacy_db=legacy_db,
        keep_snapshots=_keep(pick("COUNTYLINES_KEEP_SNAPSHOTS", "keep_snapshots")),
        boundaries_path=Path(b).expanduser() if (b := pick("COUNTYLINES_BOUNDARIES", "boundaries")) else None,
        contact=pick("COUNTYLINES_CONTACT", "contact") or DEFAULT_CONTACT,
        imported_by=pick("COUNTYLINES_USER", "user") or _os_user(),
        analysts=_words(analysts),
        analyst_claim=_claim(pick("COUNTYLINES_ANALYST_CLAIM", "analyst_claim")),
        analyst_password_hash=pick("COUNTYLINES_ANALYST_PASSWORD_HASH", "analyst_password_hash"),
        viewers_sign_in=(pick("COUNTYLINES_VIEWERS_SIGN_IN", "viewers_sign_in") or "").lower()
        in {"1", "true", "yes"},
        author=pick("COUNTYLINES_AUTHOR", "author") or DEFAULT_AUTHOR,
    )
