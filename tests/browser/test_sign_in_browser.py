"""Who may change the data, in Chromium against real servers: single sign-on through a real
OpenID Connect provider on loopback (oidc-provider-mock), where the analyst sees the Import
controls and a viewer does not; the local analyst password, its import recorded under the
name typed; a write forced after the sign-in stopped counting, refused; and a request through
a proxy given no controls even though the server listens on this computer only."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import store_env

from browser.conftest import ROOT, VIEWPORT, _free_port, streamlit_server
from countylines import passwords

pytestmark = pytest.mark.browser

PASSWORD = "a long analyst password"
GOOD_2017 = "year,force,cuckooing,knives\n2017,Norfolk,yes,no\n2017,Kent,no,possible\n2017,Essex,yes,yes\n"
GOOD_2018 = GOOD_2017.replace("2017", "2018")
UPLOAD = '[data-testid="stMain"] input[type="file"]'


@contextlib.contextmanager
def oidc_provider(folder):
    """oidc-provider-mock on a free loopback port; yields its base URL."""
    port = _free_port()
    log = (folder / "oidc.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the OIDC provider did not start: {(folder / 'oidc.log').read_text()}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def main_text(page) -> str:
    """The main area's words; without the invisible word joiners that keep a signed-in
    e-mail address from becoming a link (screens.widgets.plain)."""
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")


def open_import(page, url, wait_for_app):
    page.goto(url + "/import", wait_until="domcontentloaded")
    wait_for_app(page)


def sign_in_with_sso(browser, url, who: str, wait_for_app, screenshot, name: str):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    open_import(page, url, wait_for_app)
    assert page.locator(UPLOAD).count() == 0
    page.get_by_role("button", name="Sign in (single sign-on)").click()
    page.wait_for_selector('input[name="sub"]', timeout=30_000)  # the provider's own page
    page.fill('input[name="sub"]', who)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(url + "/**", timeout=30_000)
    wait_for_app(page)
    open_import(page, url, wait_for_app)
    screenshot(page, name)
    return page


def test_single_sign_on_round_trip_analyst_sees_import_viewer_does_not(
    browser, wait_for_app, screenshot, tmp_path
):
    with oidc_provider(tmp_path) as provider:
        port = _free_port()
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
            'cookie_secret = "a cookie secret for the sign-in browser test only"\n'
            'client_id = "countylines"\nclient_secret = "not a real secret"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        env = {"COUNTYLINES_SECRETS": str(secrets), "COUNTYLINES_ANALYSTS": "analyst@example.org"}
        with streamlit_server(tmp_path, env=env, args=("--secrets.files", str(secrets)), port=port) as url:
            analyst = sign_in_with_sso(
                browser, url, "analyst@example.org", wait_for_app, screenshot, "sign_in_analyst"
            )
            text = main_text(analyst)
            assert "Signed in as analyst@example.org, an analyst." in text
            assert analyst.locator(UPLOAD).count() == 2
            assert "History of the data" in text
            assert analyst.get_by_role("button", name="Sign out").count() == 1
            analyst.context.close()

            viewer = sign_in_with_sso(
                browser, url, "viewer@example.org", wait_for_app, screenshot, "sign_in_viewer"
            )
            text = main_text(viewer)
            assert "Signed in as viewer@example.org, who is not named as an analyst" in text
            assert viewer.locator(UPLOAD).count() == 0
            assert "History of the data" not in text and "Import log" not in text
            # the viewer still reads every screen
            viewer.goto(url + "/?year=2017", wait_until="domcontentloaded")
            wait_for_app(viewer)
            assert "43 of 43 expected force returns received for 2017" in main_text(viewer)
            viewer.context.close()


def history(folder) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "countylines", "history"],
        cwd=ROOT,
        env=store_env(folder),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def upload(page, tmp_path, name: str, text: str, wait_for_app) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.locator(UPLOAD).first.set_input_files(str(path))
    page.get_by_text("The files passed every check.").wait_for(timeout=30_000)
    wait_for_app(page)


def test_the_analyst_password_and_a_write_forced_after_it_stopped_counting(
    page, wait_for_app, screenshot, tmp_path
):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[countylines]\nanalyst_password_hash = "{passwords.hash_password(PASSWORD)}"\n')
    with streamlit_server(tmp_path, env={"COUNTYLINES_SECRETS": str(secrets)}) as url:
        open_import(page, url, wait_for_app)
        assert page.locator(UPLOAD).count() == 0
        assert "Importing and restoring are for analysts: sign in as one." in main_text(page)
        page.get_by_label("Your name (recorded with what you import or restore)").fill("Ann Analyst")
        page.get_by_label("Analyst password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in as analyst").click()
        page.get_by_text("Signed in with the local analyst password as Ann Analyst.").wait_for(timeout=30_000)
        wait_for_app(page)
        assert page.locator(UPLOAD).count() == 2

        upload(page, tmp_path, "returns_2017.csv", GOOD_2017, wait_for_app)
        page.get_by_role("button", name="Import", exact=True).click()
        page.get_by_text("Imported returns for 2017").wait_for(timeout=30_000)
        wait_for_app(page)
        assert "import    by local analyst password: Ann Analyst" in history(tmp_path / "store")

        # The Import button is on screen when the password is changed: pressing it reaches
        # the write path, which checks again and refuses. Nothing is published.
        upload(page, tmp_path, "returns_2018.csv", GOOD_2018, wait_for_app)
        secrets.write_text(f'[countylines]\nanalyst_password_hash = "{passwords.hash_password("another one")}"\n')
        page.get_by_role("button", name="Import", exact=True).click()
        page.get_by_text("Nothing was changed: only an analyst may import or restore.").wait_for(timeout=30_000)
        wait_for_app(page)
        screenshot(page, "sign_in_forced_write_refused")
        assert page.locator(UPLOAD).count() == 0
        listed = history(tmp_path / "store")
        assert "   2  " in listed and "   3  " not in listed and "2018" not in listed
        assert page.recorder.external_requests() == []


def test_on_this_computer_with_no_sign_in_an_analyst_can_import(browser, app_url, wait_for_app):
    """Straight to the dashboard on this computer, with no sign-in configured, the Import screen
    offers its uploads. Through a proxy it does not: that is shown through nginx itself
    (tests/browser/test_serve_browser.py), as Chromium does not add a context's extra headers
    (X-Forwarded-For) to the websocket's handshake, where the dashboard reads them."""
    direct = browser.new_context(viewport=VIEWPORT).new_page()
    open_import(direct, app_url, wait_for_app)
    assert direct.locator(UPLOAD).count() == 2
    assert "switched off" not in main_text(direct)
    direct.context.close()
