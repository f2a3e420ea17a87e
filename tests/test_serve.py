"""deploy/serve.py (make serve) and its nginx config, without a browser.

The rendered config is read as nginx reads it (nginx -t when nginx is here); the script is
run as `make serve` runs it and stopped with Ctrl-C (SIGINT), which must stop nginx and
every process it started. What a browser sees through the proxy is in
tests/browser/test_serve_browser.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import store_env

from deploy import serve

ROOT = Path(__file__).resolve().parents[1]
NO_NGINX = "nginx not found: the tests that start nginx skipped. Install it with: sudo apt-get install nginx"
needs_nginx = pytest.mark.skipif(serve.nginx_binary() is None, reason=NO_NGINX)


def test_the_config_fills_every_place_of_the_template(tmp_path):
    text = serve.render_config(["127.0.0.1:9001", "127.0.0.1:9002"], "127.0.0.1:8080", tmp_path)
    assert "{{" not in text
    assert "server 127.0.0.1:9001 max_fails=3 fail_timeout=10s;" in text
    assert "server 127.0.0.1:9002 max_fails=3 fail_timeout=10s;" in text
    assert "listen 127.0.0.1:8080;" in text
    assert f"pid {tmp_path}/nginx.pid;" in text
    # Sticky on the proxy's own cookie, never on the address (one council network = one address).
    assert "hash $route_key consistent;" in text and "ip_hash;" not in text
    # .streamlit/config.toml allows 5 MB uploads; the proxy takes 5 MB plus 1 for the form.
    assert "client_max_body_size 6m;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_read_timeout 3600s;" in text


def test_the_upload_limit_follows_streamlits_own_setting(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[server]\nmaxUploadSize = 12\n", encoding="utf-8")
    assert serve.upload_limit_mb(config) == 12
    config.write_text("[server]\naddress = 'localhost'\n", encoding="utf-8")
    assert serve.upload_limit_mb(config) == 200  # Streamlit's default


def test_the_policy_allows_exactly_the_inline_scripts_that_run(monkeypatch):
    import base64
    import hashlib

    script = "\nconsole.log(1)\n"
    monkeypatch.setattr(serve, "_app_strings", lambda: [f"<div></div><script>{script}</script>", "no script here"])
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = serve.content_security_policy()
    assert f"'sha256-{digest}'" in policy
    # Streamlit's own index.html has one inline script (window.prerenderReady = false), and
    # the dashboard's scripts in static/ are each one more.
    scripts = list((ROOT / "static").glob("*.js"))
    assert len(re.findall(r"'sha256-", policy)) == 2 + len(scripts)
    for path in scripts:
        assert base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode() in policy
    assert "unsafe-inline' " not in policy.split("style-src")[0] and "unsafe-eval" not in policy


@needs_nginx
def test_nginx_accepts_the_config(tmp_path):
    config = tmp_path / "nginx.conf"
    config.write_text(serve.render_config(["127.0.0.1:9001"], "127.0.0.1:8080", tmp_path))
    nginx = serve.nginx_binary()
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) counts as stopped.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ")[-1][0] != "Z"


def _pids_with(argument: str) -> list[int]:
    """Processes whose command line holds `argument` (arguments separated by NUL, as in /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if argument in cmdline.read_text(errors="replace"):
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return found


@needs_nginx
def test_make_serve_stops_nginx_and_every_process_on_ctrl_c(tmp_path):
    port = serve.free_port()
    command = [
        sys.executable,
        "deploy/serve.py",
        "--processes",
        "1",
        "--port",
        str(port),
        "--run-dir",
        str(tmp_path),
    ]
    env = store_env(tmp_path / "store")
    # Started as a shell starts a job in the background, with SIGINT ignored (trap '' INT is
    # kept across exec): Ctrl-C must stop it all the same.
    process = subprocess.Popen(
        ["/bin/sh", "-c", 'trap "" INT; exec "$@"', "sh", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    nginx_pid, app_pids = None, []
    try:
        line = process.stdout.readline()  # printed once nginx answers
        assert line.startswith(f"Serving the dashboard at http://127.0.0.1:{port} through nginx: 1 processes"), (
            line + process.stderr.read() if process.poll() is not None else line
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as response:
            assert response.status == 200
        app_port = int(re.search(r"\(ports (\d+)\)", line).group(1))
        nginx_pid = int((tmp_path / "nginx.pid").read_text())
        app_pids = _pids_with(f"--server.port\0{app_port}\0")
        assert app_pids and _alive(nginx_pid)

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        assert "Stopped nginx and every dashboard process." in process.stdout.read()
        deadline = time.monotonic() + 10
        while any(map(_alive, [nginx_pid, *app_pids])) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(nginx_pid) and not any(map(_alive, app_pids))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in [nginx_pid, *app_pids]:  # each leads a session of its own: nothing left behind
            if pid is not None and _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
