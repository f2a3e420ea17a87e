"""The container recipe (Dockerfile, compose.yaml) stays the same steps as the Makefile.

No image can be built here (no engine, no registry), so these tests read the files: the
image installs from the same requirements as `make setup`, runs `make run`'s command with the
flags `make serve` gives each process, keeps its data in a volume where COUNTYLINES_DATA
points, checks its health where Streamlit answers; compose runs the replicas behind an nginx
whose config deploy/serve.py renders from the one template, and nginx accepts that config.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from deploy import serve

ROOT = Path(__file__).resolve().parents[1]
NO_NGINX = "nginx not found: the check that nginx accepts the container's config skipped (apt-get install nginx)"


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments left out."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [tuple(line.split(None, 1)) for line in joined.splitlines() if line.strip()]


def instruction(name: str) -> list[str]:
    return [args for op, args in dockerfile() if op == name]


def compose() -> str:
    return (ROOT / "compose.yaml").read_text(encoding="utf-8")


def service(name: str) -> str:
    """The lines of one service in compose.yaml (two-space indented under services:)."""
    match = re.search(rf"^  {name}:\n((?:    .*\n|\s*\n)+)", compose(), flags=re.M)
    assert match, f"compose.yaml has no service {name}"
    return match.group(1)


def makefile_recipe(target: str) -> str:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", text, flags=re.M)
    assert match, f"the Makefile has no target {target}"
    return match.group(1)


def test_the_image_is_python_311_slim_with_debians_chromium_and_no_root():
    assert instruction("FROM") == ["python:3.11-slim"]
    apt = " ".join(args for args in instruction("RUN") if "apt-get install" in args)
    assert "chromium" in apt.split()
    users = instruction("USER")
    assert users and users[-1] not in {"root", "0"}
    assert "BROWSER_PATH=/usr/bin/chromium" in " ".join(instruction("ENV"))


def test_the_image_installs_what_make_setup_installs():
    # make setup: pip install -r requirements-dev.txt, which is requirements.txt plus the
    # test tools. The image takes requirements.txt with the same pip options.
    setup = makefile_recipe("$(STAMP)")
    make_pip = re.search(r"-m pip install (.*) -r (\S+)", setup)
    assert make_pip and make_pip.group(2) == "requirements-dev.txt"
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    (image_pip,) = [args for args in instruction("RUN") if "pip install" in args]
    options = re.search(r"-m pip install (.*) -r (\S+)", image_pip)
    assert options.group(2) == "requirements.txt"
    assert set(make_pip.group(1).split()) <= set(options.group(1).split())
    assert "COPY requirements.txt ./" in [f"COPY {args}" for args in instruction("COPY")]


def cmd() -> list[str]:
    (args,) = instruction("CMD")
    return json.loads(args)


def test_the_image_runs_make_runs_command_with_the_flags_serve_gives_each_process():
    command = cmd()
    assert tuple(command[:3]) == serve.APP_COMMAND
    assert " ".join(serve.APP_COMMAND) in makefile_recipe("run")
    flags = dict(zip(command[3::2], command[4::2], strict=True))
    served = serve.app_command(8501)
    assert served[1:2] == ["-m"] and tuple(served[2:5]) == serve.APP_COMMAND
    served_flags = dict(zip(served[5::2], served[6::2], strict=True))
    assert flags.keys() == served_flags.keys()
    assert flags["--server.address"] == "0.0.0.0"  # inside its container; only the proxy is published
    # On 0.0.0.0 Streamlit looks up its addresses on the internet at start unless
    # browser.serverAddress is set (README, "Serving a team network"): image and compose set it.
    assert "STREAMLIT_BROWSER_SERVER_ADDRESS=" in " ".join(instruction("ENV"))
    assert "STREAMLIT_BROWSER_SERVER_ADDRESS: ${SERVE_HOSTNAME:-localhost}" in service("app")
    assert flags["--server.headless"] == served_flags["--server.headless"]
    assert f"EXPOSE {flags['--server.port']}" in [f"EXPOSE {a}" for a in instruction("EXPOSE")]


def test_the_data_folder_is_a_volume_and_health_is_streamlits_own():
    env = " ".join(instruction("ENV"))
    data = re.search(r"COUNTYLINES_DATA=(\S+)", env).group(1)
    assert json.loads(instruction("VOLUME")[0]) == [data]
    (health,) = instruction("HEALTHCHECK")
    assert f"127.0.0.1:{cmd()[cmd().index('--server.port') + 1]}/_stcore/health" in health
    # compose mounts one named volume there in every replica, and says the same path.
    app = service("app")
    assert f"- data:{data}" in app and f"COUNTYLINES_DATA: {data}" in app


def test_secrets_and_data_never_go_into_the_image():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    for path in (".streamlit/secrets.toml", "data/store", "*.duckdb", ".venv", ".git"):
        assert path in ignored


def proxy_config_command() -> list[str]:
    line = re.search(r"command: (\[.*\])", service("proxy-config")).group(1)
    return json.loads(line)


def test_compose_runs_replicas_behind_the_same_nginx_template():
    app = service("app")
    assert "replicas: ${SERVE_PROCESSES:-2}" in app and not re.search(r"^    ports:", app, flags=re.M)
    command = proxy_config_command()
    assert command[:3] == ["python", "deploy/serve.py", "render"]
    port = cmd()[cmd().index("--server.port") + 1]
    assert command[command.index("--upstream") + 1] == f"app:{port}"
    proxy = service("proxy")
    nginx = json.loads(re.search(r"command: (\[.*\])", proxy).group(1))
    out = command[command.index("--out") + 1]
    assert nginx[nginx.index("-c") + 1] == out
    listen = command[command.index("--listen") + 1]
    assert f'"${{SERVE_PORT:-8080}}:{listen}"' in proxy
    assert "condition: service_healthy" in proxy and "condition: service_completed_successfully" in proxy


def test_the_container_config_is_the_make_serve_config_with_other_upstreams(tmp_path):
    args = proxy_config_command()[3:]
    out = tmp_path / "nginx.conf"
    args[args.index("--out") + 1] = str(out)
    assert serve.main(["render", *args]) == 0
    container = out.read_text(encoding="utf-8")
    local = serve.render_config(["app:8501"], "8080", "/tmp")
    assert container == local
    assert "server app:8501 max_fails=" in container


@pytest.mark.skipif(serve.nginx_binary() is None, reason=NO_NGINX)
def test_nginx_accepts_the_containers_config(tmp_path):
    # "app" resolves only inside compose's network; here it is a loopback address.
    args = proxy_config_command()[3:]
    text = serve.render_config(["127.0.0.1:8501"], args[args.index("--listen") + 1], tmp_path)
    (tmp_path / "nginx.conf").write_text(text, encoding="utf-8")
    checked = subprocess.run(
        shlex.split(f"{serve.nginx_binary()} -t -p {tmp_path} -e {tmp_path}/error.log -c {tmp_path}/nginx.conf"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr
