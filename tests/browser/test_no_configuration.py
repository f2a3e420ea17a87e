"""The README's `make run` on a laptop with no configuration at all: a clean copy of the
repository (tracked files only, no secrets, no COUNTYLINES_* settings) builds its store from
the embedded default in data/store/ and serves every screen, and importing works from this
computer, as the README says."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request

import pytest

from browser.conftest import ROOT, STARTUP_TIMEOUT, _free_port

pytestmark = pytest.mark.browser


def clean_copy(target):
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    # The set-up `make` would do, borrowed from this checkout's venv without touching it: its
    # parts linked, and a stamp of the copy's own so `make run` does not run pip again.
    venv, shared = target / ".venv", (ROOT / ".venv").resolve()
    venv.mkdir()
    for part in shared.iterdir():
        if part.name != ".installed":
            (venv / part.name).symlink_to(part)
    (venv / ".installed").touch()


def test_make_run_with_no_configuration(page, wait_for_app, tmp_path):
    copy = tmp_path / "countylines"
    clean_copy(copy)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COUNTYLINES_", "STREAMLIT_"))}
    env["STREAMLIT_SERVER_PORT"] = str(port)  # only so the test does not take 8501
    log = (tmp_path / "make_run.log").open("wb")
    process = subprocess.Popen(
        ["make", "run"], cwd=copy, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert process.poll() is None, (tmp_path / "make_run.log").read_text()
                assert time.monotonic() < deadline, "make run did not serve the dashboard"
                time.sleep(0.25)
        page.goto(url + "/?year=2017", wait_until="domcontentloaded")
        wait_for_app(page)
        assert (
            "43 of 43 expected force returns received for 2017"
            in page.locator('[data-testid="stMain"]').inner_text()
        )
        assert (copy / "data" / "store" / "CURRENT").read_text() == "000001\n"
        page.goto(url + "/import", wait_until="domcontentloaded")
        wait_for_app(page)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "No sign-in is configured, so anyone at this computer may import" in text
        assert page.locator('[data-testid="stMain"] input[type="file"]').count() == 2
        assert page.recorder.external_requests() == []
    finally:
        os.killpg(process.pid, 15)  # make and the streamlit it started, as one group
        process.wait(timeout=15)
        log.close()
