"""make serve: K Streamlit processes on loopback ports behind a root-less nginx.

    python deploy/serve.py                      # SERVE_PROCESSES (2) processes, nginx on SERVE_PORT (8080)
    python deploy/serve.py --processes 4 --port 8080 --address 0.0.0.0
    python deploy/serve.py render --upstream app:8501 --listen 8080 --run-dir /tmp/nginx --out nginx.conf

Every process reads the same data folder (COUNTYLINES_DATA, default data/store): the store
publishes snapshots, so any number of readers share it while the command line imports.
The processes listen on 127.0.0.1 only; nginx (Debian's package, run as this user with its
pid, logs and temp files in the run folder, default .serve/) is the only way in. It is
started only once every process answers /_stcore/health, and marks a failing one down
(max_fails). A process that dies is started again on its port. Ctrl-C (or SIGTERM) stops
nginx first, then every process, and waits for them.

The `render` command writes the same nginx config from the same template for the
container recipe (compose.yaml), where the processes are replicas behind one host name.
"""

from __future__ import annotations

import argparse
import ast
import base64
import contextlib
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "countylines.conf.template"
STREAMLIT_CONFIG = ROOT / ".streamlit" / "config.toml"
# The dashboard's run command: the same as `make run` and the container's CMD (a test checks).
APP_COMMAND = ("streamlit", "run", "dashboard.py")
HEALTH = "/_stcore/health"
STARTUP_TIMEOUT = 90.0  # seconds for every process to answer its health check
RESTARTS = 5  # times one process is started again before serve gives up
MAX_FAILS = 3  # nginx: failures within FAIL_TIMEOUT that take a process out for FAIL_TIMEOUT
FAIL_TIMEOUT = 10  # seconds

# What Streamlit's page needs, checked screen by screen in Chromium (see the template).
CSP = (
    "default-src 'self'",
    "script-src 'self' blob: {inline_hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self' blob: data:",
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


# The nginx config --------------------------------------------------------------------------


def upload_limit_mb(config: Path = STREAMLIT_CONFIG) -> int:
    """Streamlit's upload limit (server.maxUploadSize, MB; Streamlit's default is 200)."""
    settings = tomllib.loads(config.read_text(encoding="utf-8")) if config.is_file() else {}
    return int(settings.get("server", {}).get("maxUploadSize", 200))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", flags=re.S)


def _app_strings() -> list[str]:
    """Every string constant in the dashboard's own Python files (as Python reads it)."""
    files = [
        ROOT / "dashboard.py",
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "countylines").rglob("*.py")),
    ]
    found = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return found


def inline_script_hashes() -> list[str]:
    """CSP hashes of every inline script a page may run: those in Streamlit's own index.html
    (this version's) and those the dashboard adds itself with st.html(unsafe_allow_javascript)
    (the presenter's keys, the narrow window's sidebar), written in its code or kept whole in
    static/*.js. Any other inline script is refused by the browser."""
    import streamlit

    page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    bodies = INLINE_SCRIPT.findall(page)
    bodies += [body for text in _app_strings() if "<script" in text for body in INLINE_SCRIPT.findall(text)]
    # The dashboard's own scripts in static/, put into the page whole inside <script> tags.
    bodies += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "static").glob("*.js"))]
    digests = dict.fromkeys(base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in bodies)
    return [f"'sha256-{digest}'" for digest in digests]


def content_security_policy() -> str:
    hashes = " ".join(inline_script_hashes())
    return "; ".join(part.format(inline_hashes=hashes).strip() for part in CSP)


def render_config(upstreams: list[str], listen: str, run_dir: Path | str) -> str:
    """The nginx config: the template with its double-braced places filled in."""
    servers = "\n".join(
        f"        server {address} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT}s;" for address in upstreams
    )
    values = {
        "run_dir": str(run_dir),
        "listen": listen,
        "upstream_servers": servers,
        "client_max_body_size": f"{upload_limit_mb() + 1}m",
        "content_security_policy": content_security_policy(),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    unfilled = re.findall(r"{{\w+}}", text)
    if unfilled:
        raise ValueError(f"the nginx template has places nothing fills: {unfilled}")
    return text


# Processes -----------------------------------------------------------------------------------


def app_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """One dashboard process: the same command as `make run`, on its own loopback port."""
    return [
        sys.executable, "-m", *APP_COMMAND,
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
    ]  # fmt: skip


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


@dataclass
class App:
    port: int
    log: Path
    process: subprocess.Popen | None = None
    restarts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, env: dict) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                app_command(self.port),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )


@dataclass
class Serving:
    """What serve started: the proxy's URL, the processes behind it and the run folder."""

    url: str
    run_dir: Path
    apps: list[App]
    env: dict
    nginx: subprocess.Popen | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def access_log(self) -> Path:
        return self.run_dir / "access.log"

    def pids(self) -> list[int]:
        return [app.process.pid for app in self.apps if app.process]

    def check(self) -> None:
        """Starts again any process that died (up to RESTARTS times each); raises when nginx died."""
        if self.nginx is not None and self.nginx.poll() is not None:
            raise RuntimeError(f"nginx stopped (exit code {self.nginx.returncode}); see {self.run_dir}/error.log")
        for app in self.apps:
            if app.process is not None and app.process.poll() is not None:
                if app.restarts >= RESTARTS:
                    raise RuntimeError(f"the process on port {app.port} died {RESTARTS + 1} times; see {app.log}")
                app.restarts += 1
                self.messages.append(
                    f"process on port {app.port} stopped (code {app.process.returncode}); started again"
                )
                print(self.messages[-1], file=sys.stderr, flush=True)
                app.start(self.env)


def _wait_healthy(apps: list[App], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for app in apps:
        while not healthy(app.url):
            if app.process.poll() is not None or time.monotonic() > deadline:
                log = app.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the process on port {app.port} did not answer {HEALTH}. Its log ends:\n{log}")
            time.sleep(0.25)


def _stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(sig)


def _reap(process: subprocess.Popen | None) -> None:
    if process is None:
        return
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def _run(command: list[str], what: str, **options) -> None:
    """Runs a step that must succeed; raises RuntimeError with what it printed when not."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **options)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{(done.stderr or done.stdout).strip()}")


def _prepare_store(env: dict) -> None:
    """Makes the store (and its first snapshot) once, before K processes start at once."""
    _run([sys.executable, "-m", "countylines", "status"], "preparing the data folder", cwd=ROOT, env=env)


@contextlib.contextmanager
def serving(
    processes: int = 2, port: int = 8080, address: str = "127.0.0.1", run_dir: Path | None = None, env=None
):
    """Starts `processes` dashboards and nginx in front; yields a Serving; stops them all."""
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx not found: install it with: sudo apt-get install nginx")
    run_dir = Path(run_dir or ROOT / ".serve").resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ if env is None else env)  # the whole environment of every process
    apps = [App(free_port(), run_dir / f"streamlit-{n + 1}.log") for n in range(processes)]
    serving_ = Serving(
        f"http://{'127.0.0.1' if address in ('0.0.0.0', '::') else address}:{port}", run_dir, apps, env
    )
    try:
        _prepare_store(env)
        for app in apps:
            app.start(env)
        _wait_healthy(apps, STARTUP_TIMEOUT)
        config = run_dir / "nginx.conf"
        listen = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
        config.write_text(render_config([f"127.0.0.1:{app.port}" for app in apps], listen, run_dir))
        base = [nginx, "-p", str(run_dir), "-e", str(run_dir / "error.log"), "-c", str(config)]
        _run([*base, "-t", "-q"], "checking the nginx config")
        serving_.nginx = subprocess.Popen([*base, "-g", "daemon off;"], start_new_session=True)
        deadline = time.monotonic() + 15
        while not healthy(serving_.url):
            serving_.check()
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not answer on {serving_.url}; see {run_dir}/error.log")
            time.sleep(0.2)
        yield serving_
    finally:
        # Fast stop (SIGTERM): a graceful one would wait for every open websocket, for up to
        # the hour of proxy_read_timeout, and the processes behind are stopping anyway.
        _stop(serving_.nginx)
        _reap(serving_.nginx)
        for app in apps:
            _stop(app.process)
        for app in apps:
            _reap(app.process)


# Command line --------------------------------------------------------------------------------


def _serve(args) -> int:
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    # Ctrl-C stops it however it was started: a process started in the background by a
    # non-interactive shell (`nohup ... &`, some CI runners) inherits SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with serving(args.processes, args.port, args.address, args.run_dir) as served:
            data = served.env.get("COUNTYLINES_DATA", "data/store")
            print(
                f"Serving the dashboard at {served.url} through nginx: {args.processes} processes "
                f"(ports {', '.join(str(a.port) for a in served.apps)}) sharing the data folder {data}. "
                f"Logs in {served.run_dir}. Ctrl-C stops it.",
                flush=True,
            )
            while not stop:
                served.check()
                time.sleep(1)
    except KeyboardInterrupt:
        pass
    except RuntimeError as error:
        print(f"serve stopped: {error}", file=sys.stderr)
        return 1
    print("Stopped nginx and every dashboard process.", flush=True)
    return 0


def _render(args) -> int:
    text = render_config(args.upstream, args.listen, args.run_dir)
    Path(args.out).write_text(text, encoding="utf-8") if args.out else sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=int(os.environ.get("SERVE_PROCESSES", "2")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SERVE_PORT", "8080")))
    parser.add_argument("--address", default=os.environ.get("SERVE_ADDRESS", "127.0.0.1"))
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".serve")
    commands = parser.add_subparsers(dest="command")
    render = commands.add_parser("render", help="write the nginx config for given upstreams (container recipe)")
    render.add_argument("--upstream", action="append", required=True, help="host:port of a process (repeatable)")
    render.add_argument("--listen", default="8080")
    render.add_argument("--run-dir", default="/tmp/nginx")
    render.add_argument("--out")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be 1 or more")
    return _render(args) if args.command == "render" else _serve(args)


if __name__ == "__main__":
    sys.exit(main())
