"""The README's team-network recipe makes Streamlit call out to nothing at start.

Listening on every address (0.0.0.0), Streamlit works out the "Network URL" and "External
URL" it prints: a connect to 8.8.8.8 and an HTTP request to checkip.amazonaws.com
(streamlit/web/bootstrap.py _print_url, net_util). With browser.serverAddress set it uses
that instead. The server here runs in a network namespace of its own (unshare -rn: only a
loopback interface, so nothing can leave even if asked) under strace, and every connect()
is read back: none may go to an address that is not loopback.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import store_env

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765  # inside the namespace of its own, so no clash with anything outside
# Starts Streamlit under strace in its own process group, waits for its health check,
# loads the first page, then stops the group.
DRIVER = r"""
import os, signal, subprocess, sys, time, urllib.request
log, port, options = sys.argv[1], sys.argv[2], sys.argv[3:]
command = ["strace", "-f", "-qq", "-e", "trace=connect", "-o", log, sys.executable, "-m", "streamlit",
           "run", "dashboard.py", "--server.port", port, "--server.headless", "true", *options]
server = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
deadline, up = time.monotonic() + 120, False
while time.monotonic() < deadline and server.poll() is None and not up:
    try:
        up = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).status == 200
    except OSError:
        time.sleep(0.3)
if up:
    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()
    time.sleep(1)
os.killpg(server.pid, signal.SIGTERM)
try:
    server.wait(timeout=20)
except subprocess.TimeoutExpired:
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
print("UP" if up else "DOWN")
"""
LOOPBACK = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|sa_family=AF_UNIX|AF_NETLINK')


def _namespaces_work() -> str | None:
    for tool in ("strace", "unshare", "ip"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return f"{tool} is not installed: the outbound-connection test needs strace, unshare and ip"
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        return (
            "this machine does not allow a network namespace (unshare -rn), so the test cannot isolate the server"
        )
    return None


def readme_recipe() -> dict[str, str]:
    """The team-network settings of the README, as Streamlit command-line options."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.S)
    [recipe] = [block for block in blocks if "serverAddress" in block]
    settings = tomllib.loads(recipe)
    return {f"{section}.{key}": str(value) for section, keys in settings.items() for key, value in keys.items()}


def outbound_connects(tmp_path: Path, options: dict[str, str]) -> list[str]:
    reason = _namespaces_work()
    if reason:
        pytest.skip(reason)
    log = tmp_path / "connect.log"
    flags = [part for name, value in options.items() for part in (f"--{name}", value)]
    script = 'ip link set lo up && exec "$0" -c "$1" "$2" "$3" "${@:4}"'
    done = subprocess.run(
        ["unshare", "-rn", "bash", "-c", script, sys.executable, DRIVER, str(log), str(PORT), *flags],
        cwd=ROOT,
        env=store_env(tmp_path / "store"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stdout.strip().endswith("UP"), done.stdout + done.stderr
    calls = [line for line in log.read_text().splitlines() if "connect(" in line]
    return [line for line in calls if not LOOPBACK.search(line)]


def test_the_readme_team_network_recipe_makes_no_outbound_connection(tmp_path):
    options = readme_recipe()
    assert options["server.address"] == "0.0.0.0"  # every address: the case that looks itself up
    assert outbound_connects(tmp_path, options) == []


def test_without_the_server_address_streamlit_would_call_out(tmp_path):
    """What the recipe prevents, seen by the same means (inside the namespace nothing leaves)."""
    options = {k: v for k, v in readme_recipe().items() if k != "browser.serverAddress"}
    outside = outbound_connects(tmp_path, options)
    assert any('inet_addr("8.8.8.8")' in line for line in outside), outside
