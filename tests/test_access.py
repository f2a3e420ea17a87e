"""Who may change the data: settings, the analyst password (argon2, slowed failures, the
hash-password command), and the Import screen for each kind of person (AppTest): anyone at
this computer when nothing is configured; nobody from the network; a viewer; an analyst
signed in with the password; a write forced after the sign-in stopped counting; an import
refused because the data changed after its preview; restore; and a run pinned to one
snapshot from start to finish."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from conftest import use_store
from stores import year_file
from streamlit import config
from streamlit.testing.v1 import AppTest

from countylines import cli, ingest, passwords, store
from countylines.settings import ROOT, load_settings
from tests.conftest import shown

GOOD = b"year,force,cuckooing,knives\n2017,Norfolk,yes,no\n2017,Kent,no,possible\n2017,Essex,yes,yes\n"
PASSWORD = "correct horse battery staple"
HASH = passwords.hash_password(PASSWORD)


# Settings -----------------------------------------------------------------------------------


def test_sign_in_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COUNTYLINES_SECRETS", str(tmp_path / "none.toml"))
    monkeypatch.setenv("COUNTYLINES_ANALYSTS", " A.Analyst@Example.org, b.analyst@example.org ,")
    monkeypatch.setenv("COUNTYLINES_ANALYST_CLAIM", "groups = county-lines-analysts")
    monkeypatch.setenv("COUNTYLINES_KEEP_SNAPSHOTS", "five")
    monkeypatch.setenv("COUNTYLINES_VIEWERS_SIGN_IN", "true")
    monkeypatch.delenv("COUNTYLINES_DATA", raising=False)
    monkeypatch.delenv("COUNTYLINES_DB", raising=False)
    settings = load_settings()
    assert settings.analysts == ("a.analyst@example.org", "b.analyst@example.org")
    assert settings.analyst_claim == ("groups", "county-lines-analysts")
    assert settings.keep_snapshots == 20  # not a number: the default
    assert settings.viewers_sign_in is True
    assert settings.data_dir == ROOT / "data" / "store"
    assert settings.legacy_db == ROOT / "data" / "threat_picture.duckdb"
    # a store somewhere else never migrates this checkout's old database
    monkeypatch.setenv("COUNTYLINES_DATA", str(tmp_path / "store"))
    assert load_settings().legacy_db is None


def test_settings_from_the_secrets_file(monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[countylines]\nanalysts = ["C.Analyst@example.org"]\nanalyst_password_hash = "$argon2id$x"\n'
        'keep_snapshots = 3\ndata = "/srv/countylines"\n',
        encoding="utf-8",
    )
    for name in (
        "COUNTYLINES_ANALYSTS",
        "COUNTYLINES_ANALYST_PASSWORD_HASH",
        "COUNTYLINES_DATA",
        "COUNTYLINES_KEEP_SNAPSHOTS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COUNTYLINES_SECRETS", str(secrets))
    settings = load_settings()
    assert settings.analysts == ("c.analyst@example.org",)
    assert settings.analyst_password_hash == "$argon2id$x"
    assert settings.keep_snapshots == 3
    assert str(settings.data_dir) == "/srv/countylines"


# The analyst password -------------------------------------------------------------------------


def test_a_password_matches_only_its_hash():
    assert HASH.startswith("$argon2id$")
    assert PASSWORD not in HASH
    assert passwords.verify(HASH, PASSWORD)
    assert not passwords.verify(HASH, PASSWORD + " ")
    assert not passwords.verify(HASH, "")
    with pytest.raises(passwords.PasswordNotConfigured, match="not an argon2 hash"):
        passwords.verify(PASSWORD, PASSWORD)  # the password itself configured by mistake


def test_failures_are_slowed_per_session_and_per_process():
    now = [1000.0]
    throttle = passwords.Throttle(clock=lambda: now[0])
    # A session waits 0 s before its first try, then 1, 2, 4 ... seconds, never over 30.
    assert [throttle.session_delay(n) for n in (0, 1, 2, 3, 5, 6, 10)] == [0, 1, 2, 4, 16, 30, 30]
    # Twenty failures from any sessions in five minutes: every attempt waits 10 s.
    for _ in range(19):
        throttle.failed()
    assert throttle.delay(0) == 0
    throttle.failed()
    assert throttle.delay(0) == 10
    assert throttle.delay(6) == 30  # the longer of the two
    now[0] += 301  # five minutes later the failures no longer count
    assert throttle.delay(0) == 0


def test_hash_password_prints_a_hash_of_the_password_typed_twice(monkeypatch, capsys):
    typed = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt: next(typed))
    assert cli.main(["hash-password"]) == 0
    out = capsys.readouterr()
    printed = out.out.strip()
    assert passwords.verify(printed, PASSWORD)
    assert PASSWORD not in out.out + out.err
    typed = iter([PASSWORD, "something else entirely"])
    assert cli.main(["hash-password"]) == 1
    assert "differ" in capsys.readouterr().err


# The Import screen, for each kind of person ----------------------------------------------------


@pytest.fixture
def open_import(tmp_path, monkeypatch):
    """open_import(**env) opens the Import screen on a new store, with env set."""

    def open_(**env) -> tuple[AppTest, object]:
        folder = use_store(monkeypatch, tmp_path / "store", COUNTYLINES_SECRETS=str(tmp_path / "none.toml"), **env)
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.run()
        at.switch_page("pages/import.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at, folder

    yield open_
    config.set_option("server.address", "localhost")
    st.cache_resource.clear()
    st.cache_data.clear()


def texts(at: AppTest) -> str:
    kinds = ("title", "subheader", "markdown", "caption", "info", "success", "warning", "error")
    return "\n".join(shown(e.value) for kind in kinds for e in getattr(at, kind))


def controls(at: AppTest) -> dict:
    return {
        "upload": len(at.get("file_uploader")),
        "history": "History of the data" in texts(at),
        "log": "Import log" in texts(at),
        "restore": any(b.label.startswith("Restore snapshot") for b in at.button),
    }


def test_at_this_computer_with_nothing_configured_anyone_may_import(open_import):
    at, _ = open_import()
    assert "No sign-in is configured, so anyone at this computer may import" in texts(at)
    assert controls(at) == {"upload": 2, "history": True, "log": True, "restore": False}


def test_on_a_network_address_with_nothing_configured_nobody_may(open_import):
    config.set_option("server.address", "0.0.0.0")
    at, _ = open_import()
    assert "Importing and restoring are switched off: no sign-in is configured." in texts(at)
    assert "python -m countylines hash-password" in texts(at)
    assert controls(at) == {"upload": 0, "history": False, "log": False, "restore": False}


def test_a_viewer_sees_no_controls_and_an_analyst_signs_in_with_the_password(open_import, monkeypatch):
    waits = []
    monkeypatch.setattr(passwords, "sleep", waits.append)
    at, folder = open_import(COUNTYLINES_ANALYST_PASSWORD_HASH=HASH)
    assert controls(at) == {"upload": 0, "history": False, "log": False, "restore": False}
    assert "Importing and restoring are for analysts: sign in as one." in texts(at)
    at.text_input[0].input("Ann Analyst")
    at.text_input[1].input("not the password")
    at.button[-1].click().run()  # the form's submit button
    assert "That is not the analyst password." in texts(at)
    assert controls(at)["upload"] == 0
    at.text_input[0].input("Ann Analyst")
    at.text_input[1].input(PASSWORD)
    at.button[-1].click().run()
    assert waits == [1.0], "the second attempt of a session waits a second"
    assert "Signed in with the local analyst password as Ann Analyst." in texts(at)
    assert controls(at)["upload"] == 2
    at.file_uploader[0].set_value(("returns_2017.csv", GOOD, "text/csv"))
    at.run()
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    assert not at.exception
    assert any("Imported returns for 2017" in shown(s.value) for s in at.success)
    _, conn = store.open_current(folder)
    try:
        assert store.history(conn).iloc[0]["made_by"] == "local analyst password: Ann Analyst"
        assert store.import_log(conn).iloc[0]["imported_by"] == "local analyst password: Ann Analyst"
    finally:
        conn.close()


def test_a_write_forced_after_the_sign_in_stopped_counting_is_refused(open_import, monkeypatch):
    monkeypatch.setattr(passwords, "sleep", lambda seconds: None)
    at, folder = open_import(COUNTYLINES_ANALYST_PASSWORD_HASH=HASH)
    at.text_input[0].input("Ann Analyst")
    at.text_input[1].input(PASSWORD)
    at.button[-1].click().run()
    at.file_uploader[0].set_value(("returns_2017.csv", GOOD, "text/csv"))
    at.run()
    [button] = [b for b in at.button if b.label == "Import"]
    # The password is changed while the button is on screen: the click reaches the write
    # path, which checks the role again and refuses.
    monkeypatch.setenv("COUNTYLINES_ANALYST_PASSWORD_HASH", passwords.hash_password("a new password for everyone"))
    button.click().run()
    assert not at.exception
    assert any(
        shown(e.value).startswith("Nothing was changed: only an analyst may import or restore.") for e in at.error
    ), texts(at)
    assert store.published_ids(folder) == [1]
    assert controls(at)["upload"] == 0


def test_a_restore_forced_after_the_sign_in_stopped_counting_is_refused(open_import, monkeypatch):
    monkeypatch.setattr(passwords, "sleep", lambda seconds: None)
    at, folder = open_import(COUNTYLINES_ANALYST_PASSWORD_HASH=HASH)
    ingest.publish_import(folder, year_file(2018), imported_by="cli")
    at.text_input[0].input("Ann <b>Analyst</b>")
    at.text_input[1].input(PASSWORD)
    at.button[-1].click().run()
    assert "Signed in with the local analyst password as Ann bAnalystb." in texts(at)  # no markup kept
    [restore] = [b for b in at.button if b.label == "Restore snapshot 1"]
    monkeypatch.setenv("COUNTYLINES_ANALYST_PASSWORD_HASH", passwords.hash_password("a new password for everyone"))
    restore.click().run()
    assert any(
        shown(e.value).startswith("Nothing was changed: only an analyst may import or restore.") for e in at.error
    )
    assert "sign-in no longer counts, as the analyst password was changed" in texts(at)
    assert store.published_ids(folder) == [1, 2]


def test_an_import_prepared_before_another_is_refused_then_shown_again(open_import):
    at, folder = open_import()
    at.file_uploader[0].set_value(("returns_2017.csv", GOOD, "text/csv"))
    at.run()
    preview = at.dataframe[0].value.set_index("indicator")
    assert preview.loc["cuckooing", "held now"] == "77% of forces (33)"
    # Meanwhile the command line imports 2019 and 2017 (cuckooing: 1 of 3 = 33%).
    ingest.publish_import(folder, year_file(2017, yes=1), imported_by="b.analyst")
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    [refusal] = [shown(e.value) for e in at.error]
    assert re.match(
        r"Nothing was imported: the data changed after your preview was made \(snapshot 2, import by "
        r"b\.analyst at \d\d:\d\d \(Imported returns for 2017\.\)\)\. The preview below is now made against",
        refusal,
    ), refusal
    assert store.published_ids(folder) == [1, 2]
    # The preview is shown again, against snapshot 2: 2 of 3 = 67% beside 1 of 3 = 33%.
    preview = at.dataframe[0].value.set_index("indicator")
    assert preview.loc["cuckooing", "held now"] == "33% of forces (1)"
    [button] = [b for b in at.button if b.label == "Import"]
    button.click().run()
    assert any("(snapshot 3)" in shown(s.value) for s in at.success), texts(at)


def test_restore_shows_the_figures_that_change_then_brings_them_back(open_import):
    at, _folder = open_import()
    at.file_uploader[0].set_value(("returns_2017.csv", GOOD, "text/csv"))
    at.run()
    next(b for b in at.button if b.label == "Import").click().run()
    [choice] = [s for s in at.selectbox if s.label == "Snapshot to restore"]
    assert choice.options[0].startswith("1: ")
    said = texts(at)
    # 2017 now: 3 returns. Snapshot 1: the embedded 43. Every 2017 question the file did not
    # carry comes back; cuckooing goes from 2 of 3 (67%) to 33 of 43 (77%).
    assert re.search(r"Restoring snapshot 1 would change \d+ figures", said)
    changes = next(d.value for d in at.dataframe if "after restore" in d.value.columns)
    cuckooing = changes[(changes["year"] == 2017) & (changes["question"] == "cuckooing")].iloc[0]
    assert (cuckooing["now"], cuckooing["after restore"]) == ("67% of forces (2)", "77% of forces (33)")
    assert cuckooing["change"] == "up 10 percentage points (31 more forces)"
    next(b for b in at.button if b.label == "Restore snapshot 1").click().run()
    assert any("Restored snapshot 1 as snapshot 3." in shown(s.value) for s in at.success), texts(at)
    at.switch_page("pages/national.py").run()
    assert "77%" in texts(at) and "43 of 43 expected force returns received for 2017" in texts(at)


def test_a_new_snapshot_shows_at_the_next_rerun_with_no_cache_cleared(open_import):
    at, folder = open_import()
    at.switch_page("pages/national.py").run()
    assert "43 of 43 expected force returns received for 2017" in texts(at)
    ingest.publish_import(folder, year_file(2017, yes=2), imported_by="cli")
    at.run()
    assert "3 of 43 expected force returns received for 2017" in texts(at)


def test_a_run_reads_the_snapshot_it_started_on_to_the_end(tmp_path, monkeypatch):
    def script():
        import streamlit as st
        from stores import year_file

        from countylines import ingest
        from countylines.screens import data

        data.pin_snapshot()
        first = data.years()
        ingest.publish_import(data.store_root(), year_file(2019), imported_by="meanwhile")
        st.write(f"{first} {data.years()} {data.snapshot_id()}")

    use_store(monkeypatch, tmp_path / "store")
    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.markdown[0].value == "[2017, 2016] [2017, 2016] 1"


# Everyone signs in (COUNTYLINES_VIEWERS_SIGN_IN) --------------------------------------------------


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a cookie secret for this test only",
    "client_id": "countylines",
    "client_secret": "not a real secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def test_with_viewers_signing_in_nobody_sees_a_screen_before_signing_in(tmp_path, monkeypatch):
    use_store(monkeypatch, tmp_path / "store", COUNTYLINES_VIEWERS_SIGN_IN="true")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert "Sign in to see the dashboard." in texts(at)
    assert "expected force returns" not in texts(at)


def test_viewers_signing_in_without_single_sign_on_configured_shows_nothing_but_why(tmp_path, monkeypatch):
    use_store(
        monkeypatch,
        tmp_path / "store",
        COUNTYLINES_VIEWERS_SIGN_IN="true",
        COUNTYLINES_SECRETS=str(tmp_path / "none.toml"),
    )
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert "single sign-on is not configured: add [auth] to .streamlit/secrets.toml" in texts(at)
    assert "expected force returns" not in texts(at)


def test_single_sign_on_configured_offers_the_sign_in_on_the_import_screen(open_import, monkeypatch):
    # With [auth] configured and nobody signed in, this computer is no longer enough.
    at, _ = open_import()
    at.secrets["auth"] = AUTH
    at.run()
    assert "Sign in (single sign-on)" in [b.label for b in at.button]
    assert controls(at)["upload"] == 0


@pytest.mark.parametrize(
    ("claims", "rule", "expected"),
    [
        ({"groups": ["staff", "county-lines-analysts"]}, ("groups", "county-lines-analysts"), True),
        ({"groups": ["staff"]}, ("groups", "county-lines-analysts"), False),
        ({"role": "analyst"}, ("role", "analyst"), True),
        ({"role": "viewer"}, ("role", "analyst"), False),
        ({}, ("role", "analyst"), False),
        ({"role": "analyst"}, None, False),
    ],
)
def test_analysts_by_a_claim(claims, rule, expected):
    from countylines.screens import access

    assert access._claim_matches(claims, rule) is expected


def test_settings_are_read_again_when_a_variable_they_read_changes(monkeypatch):
    """load_settings keeps what it read until one of ENV_NAMES (or the secrets file) changes:
    every COUNTYLINES_ variable settings.py reads must be one of them."""
    from pathlib import Path

    from countylines import settings

    source = Path(settings.__file__).read_text(encoding="utf-8")
    read = set(re.findall(r'"(COUNTYLINES_[A-Z_]+)"', source))
    assert read <= set(settings.ENV_NAMES)
    monkeypatch.setenv("COUNTYLINES_CONTACT", "first@example.org")
    assert settings.load_settings().contact == "first@example.org"
    monkeypatch.setenv("COUNTYLINES_CONTACT", "second@example.org")
    assert settings.load_settings().contact == "second@example.org"
