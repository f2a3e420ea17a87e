"""Who may change the data. Viewers read; analysts import and restore. An analyst is one of:
signed in with single sign-on (st.login, [auth] in secrets) and named by e-mail or by a
claim; signed in with the local analyst password (an argon2 hash configured); or, when
neither is configured, anyone at this computer (the server listens on a loopback address
and the request did not come through a proxy). The write path checks again (require_analyst)."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from dataclasses import dataclass

import streamlit as st

from countylines import passwords
from countylines.screens import widgets
from countylines.settings import Settings, load_settings

PASSWORD_KEY = "_countylines_analyst_password"  # never a widget key: clients cannot set it
FAILURES_KEY = "_countylines_password_failures"
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")
HOW_TO_CONFIGURE = (
    "To import or restore from another computer, configure single sign-on ([auth] in "
    ".streamlit/secrets.toml, with analysts named in COUNTYLINES_ANALYSTS) or a local analyst "
    "password (COUNTYLINES_ANALYST_PASSWORD_HASH, made with `python -m countylines hash-password`). "
    "The README shows both."
)


@dataclass(frozen=True)
class Access:
    analyst: bool
    identity: str | None  # recorded in the audit and the history
    reason: str  # what this person may do, and how to sign in if they may not write


class NotAnalyst(Exception):
    """A write asked for by someone who may not write; the message says why."""


def sso_configured() -> bool:
    try:
        return bool(st.secrets.get("auth"))
    except Exception:  # no secrets file at all, or an unreadable one: not configured
        return False


def _provider() -> str | None:
    """st.login's provider: None for one provider set in [auth] itself, else the first named."""
    try:
        auth = st.secrets.get("auth") or {}
    except Exception:
        return None
    if "server_metadata_url" in auth:
        return None
    named = [key for key, value in auth.items() if hasattr(value, "keys")]
    return named[0] if named else None


def signed_in_user() -> dict | None:
    """The single sign-on user's claims, or None when not signed in that way."""
    if not sso_configured():
        return None
    try:
        return st.user.to_dict() if st.user.is_logged_in else None
    except Exception:
        return None


def listening_on_loopback() -> bool:
    address = str(st.get_option("server.address") or "").strip("[]")
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:  # empty (every interface) or a host name
        return False


def through_proxy() -> bool:
    """True when the request came through a proxy (nginx in front, even on loopback)."""
    try:
        headers = {key.lower() for key in st.context.headers}
    except Exception:
        return False
    return any(name in headers for name in PROXY_HEADERS)


def _claim_matches(user: dict, claim: tuple[str, str] | None) -> bool:
    if claim is None:
        return False
    value = user.get(claim[0])
    values = value if isinstance(value, list | tuple) else [value]
    return claim[1] in {str(v) for v in values}


def _password_token(settings: Settings) -> str | None:
    """A stand-in for the configured hash in session state: a changed hash signs everyone out."""
    if not settings.analyst_password_hash:
        return None
    return hashlib.sha256(settings.analyst_password_hash.encode()).hexdigest()


def current() -> Access:
    """What the person using this session may do, decided afresh on every call."""
    settings = load_settings()
    user = signed_in_user()
    sso = sso_configured()
    if user is not None:
        email = str(user.get("email") or "").lower()
        name = email or str(user.get("name") or user.get("sub") or "signed-in user")
        if (email and email in settings.analysts) or _claim_matches(user, settings.analyst_claim):
            return Access(True, f"{name} (single sign-on)", f"Signed in as {name}, an analyst.")
        viewer = f"Signed in as {name}, who is not named as an analyst: you can read every screen."
    else:
        viewer = "Importing and restoring are for analysts: sign in as one."
    password = st.session_state.get(PASSWORD_KEY)
    token = _password_token(settings)
    if password and token and password["token"] == token:
        who = f"local analyst password: {password['name']}"
        return Access(True, who, f"Signed in with the local analyst password as {password['name']}.")
    if password:  # signed in before the password was changed or removed: that sign-in is over
        st.session_state.pop(PASSWORD_KEY, None)
        viewer = "Your analyst sign-in no longer counts, as the analyst password was changed: sign in again."
    if not sso and not token:
        if listening_on_loopback() and not through_proxy():
            return Access(
                True,
                f"{settings.imported_by} (at this computer)",
                "No sign-in is configured, so anyone at this computer may import: the dashboard listens "
                "on this computer only.",
            )
        return Access(
            False, None, "Importing and restoring are switched off: no sign-in is configured. " + HOW_TO_CONFIGURE
        )
    return Access(False, None, viewer)


def require_analyst() -> Access:
    """The write path's own check: raises NotAnalyst with a sentence, whatever the screen showed."""
    access = current()
    if not access.analyst:
        raise NotAnalyst(f"Nothing was changed: only an analyst may import or restore. {access.reason}")
    return access


def password_sign_in() -> None:
    """The local analyst password form: a name to record, the password, slowed on failures."""
    settings = load_settings()
    with st.form("analyst_password", clear_on_submit=True):
        st.markdown("**Sign in with the analyst password**")
        name = st.text_input("Your name (recorded with what you import or restore)")
        typed = st.text_input("Analyst password", type="password")
        if not st.form_submit_button("Sign in as analyst"):
            return
    if not name.strip() or not typed:
        st.error("Give your name and the analyst password.")
        return
    failures = st.session_state.get(FAILURES_KEY, 0)
    try:
        with st.spinner("Checking…"):
            ok = passwords.check(settings.analyst_password_hash, typed, failures)
    except passwords.PasswordNotConfigured as error:
        st.error(str(error))
        return
    if not ok:
        st.session_state[FAILURES_KEY] = failures + 1
        st.error("That is not the analyst password. Each wrong attempt makes the next one wait longer.")
        return
    st.session_state[FAILURES_KEY] = 0
    # The name is shown on screens and in the history: plain words only, never markup.
    shown = re.sub(r"[^\w .'@-]", "", name).strip()[:80] or "analyst"
    st.session_state[PASSWORD_KEY] = {"name": shown, "token": _password_token(settings)}
    st.rerun()


def sign_in_controls(access: Access) -> None:
    """Sign-in and sign-out buttons for the ways configured, under a sentence of what one may do."""
    settings = load_settings()
    # The reason names the person signed in: their own words, shown as typed.
    (st.success if access.analyst else st.info)(widgets.plain(access.reason), icon=":material/badge:")
    if sso_configured():
        if signed_in_user() is None:
            st.button("Sign in (single sign-on)", on_click=st.login, args=(_provider(),), icon=":material/login:")
        else:
            st.button("Sign out", on_click=st.logout, icon=":material/logout:", key="sso_sign_out")
    if settings.analyst_password_hash:
        if st.session_state.get(PASSWORD_KEY):
            st.button("Sign out (analyst password)", on_click=st.session_state.pop, args=(PASSWORD_KEY, None))
        elif not access.analyst:
            password_sign_in()


def viewers_gate() -> None:
    """With viewers_sign_in set, nobody sees a screen before signing in (single sign-on)."""
    if not load_settings().viewers_sign_in:
        return
    if not sso_configured():
        st.error(
            "This dashboard is set to require sign-in (COUNTYLINES_VIEWERS_SIGN_IN), but single sign-on "
            "is not configured: add [auth] to .streamlit/secrets.toml (see the README)."
        )
        st.stop()
    if signed_in_user() is None:
        st.title("County lines threat picture")
        st.markdown("Sign in to see the dashboard.")
        st.button("Sign in", on_click=st.login, args=(_provider(),), type="primary", icon=":material/login:")
        st.stop()
