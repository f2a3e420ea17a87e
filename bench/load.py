"""Viewers through the proxy: N concurrent sessions against K processes behind nginx.

    python bench/load.py                     # N = 1, 10, 25, 50 with 1 and 2 processes
    python bench/load.py --sessions 5 --processes 2 --no-write

Each configuration starts fresh processes and nginx (deploy/serve.py, what `make serve`
runs) on loopback with a fresh store in a temporary folder. N viewers start at once, with
no reading time between screens (the worst minute before a board meeting). Each viewer
does what a member does: asks for the page (getting the proxy's sticky cookie), opens the
websocket, and asks for four screens in turn, changing the year and force as members do:

    /?year=2017  ->  /force?force=F&year=2017  ->  /force?force=F&year=2016  ->  /maps?year=2016&force=F

A viewer is a light client of Streamlit's own websocket protocol (the protobufs that ship
with streamlit: BackMsg out, ForwardMsg in, on /_stcore/stream with the "streamlit"
subprotocol): it sends the rerun_script message Chromium sends (read from Chromium's own
frames) and times each screen from that message to the script_finished message. Before the
table, the same four screens are opened in Chromium and in the light client, and the
messages each receives are compared, so the light client is known to cost the server what a
browser does.

Bounded: at most --time-limit seconds per configuration (viewers still running are then
cancelled and counted as errors), the viewers run in a child process capped at
--memory-mb of address space, and every address is 127.0.0.1.

Memory: resident set (VmRSS from /proc) of each process after a warm-up session and at its
highest while the N viewers are connected; per session = the rise / N. CPU: user + system
time of the processes (from /proc) over the run, per screen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.md"
SECTION = "## Viewers through the proxy"
FORCES = ("Staffordshire", "Norfolk", "Kent", "Merseyside", "West Midlands", "Essex")
SESSIONS = (1, 10, 25, 50)
PROCESSES = (1, 2)
SCREEN_TIMEOUT = 120.0  # seconds one screen may take before it counts as an error
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy


def screens(force: str) -> list[tuple[str, str]]:
    """(page_name, query string) of the four screens one viewer asks for, in order."""
    return [
        ("", "year=2017"),
        ("force", f"force={force}&year=2017"),
        ("force", f"force={force}&year=2016"),
        ("maps", f"year=2016&force={force}"),
    ]


# The light client ------------------------------------------------------------------------


def rerun_message(base: str, page: str, query: str) -> bytes:
    """The BackMsg Chromium sends to open a screen (read from its websocket frames)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    state = message.rerun_script
    state.query_string = query
    state.page_name = page
    state.widget_states.SetInParent()
    info = state.context_info
    info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-GB"
    info.url, info.is_embedded, info.color_scheme = f"{base}/{page}", False, "light"
    return message.SerializeToString()


async def _until_finished(socket, record: dict) -> None:
    """Reads ForwardMsgs until the script finishes successfully; counts what arrived."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    while True:
        frame = await socket.recv()
        message = ForwardMsg()
        message.ParseFromString(frame)
        kind = message.WhichOneof("type")
        record["bytes"] += len(frame)
        record["messages"][kind] = record["messages"].get(kind, 0) + 1
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element.WhichOneof("type")
            record["elements"][element] = record["elements"].get(element, 0) + 1
            if element == "exception":
                raise RuntimeError("the screen raised an exception")
        if kind == "script_finished":
            status = message.script_finished
            if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                return
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise RuntimeError("the script did not compile")


async def viewer(base: str, plan: list[tuple[str, str]], result: dict, release: asyncio.Event) -> None:
    """One viewer: the page (for the sticky cookie), the websocket, then four screens; it
    stays connected until released, so memory is read with every session open."""
    from websockets.asyncio.client import connect

    try:
        response = await asyncio.to_thread(NO_PROXY.open, base + "/", timeout=SCREEN_TIMEOUT)
        cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
        response.read()
        result["route"] = next((c.split("=", 1)[1] for c in cookies if c.startswith("route=")), None)
        headers = {"Cookie": "; ".join(cookies)} if cookies else {}
        socket_url = base.replace("http://", "ws://") + "/_stcore/stream"
        async with connect(
            socket_url, subprotocols=["streamlit"], additional_headers=headers, origin=base,
            proxy=None, max_size=None, open_timeout=SCREEN_TIMEOUT,
            ping_interval=None,  # a browser sends no pings (it answers the server's, as this does)
        ) as socket:  # fmt: skip
            for page, query in plan:
                record = {"page": page, "query": query, "bytes": 0, "messages": {}, "elements": {}}
                start = time.perf_counter()
                await socket.send(rerun_message(base, page, query))
                await asyncio.wait_for(_until_finished(socket, record), SCREEN_TIMEOUT)
                result["times"].append(time.perf_counter() - start)
                result["screens"].append(record)
            result["done"] = True
            await release.wait()
    except Exception as error:  # every failure is counted, never raised: this is a load test
        result["errors"].append(f"{type(error).__name__}: {error}"[:200])
    finally:
        result["done"] = True


async def crowd(base: str, sessions: int, time_limit: float, hold: float) -> list[dict]:
    """N viewers at once. Once every one has had its screens (or time_limit has passed) they
    stay connected `hold` seconds more, then leave; any still running is counted an error."""
    release = asyncio.Event()
    results = [{"times": [], "errors": [], "screens": []} for _ in range(sessions)]
    tasks = [
        asyncio.create_task(viewer(base, screens(FORCES[n % len(FORCES)]), results[n], release))
        for n in range(sessions)
    ]
    deadline = time.monotonic() + time_limit
    while not all(r.get("done") for r in results) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    print("HOLD", flush=True)  # the parent reads memory now
    await asyncio.sleep(hold)
    release.set()
    for task, result in zip(tasks, results, strict=True):
        if not result.get("done"):
            task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if len(result["times"]) < len(screens("")) and not result["errors"]:
            result["errors"].append("not finished within the time limit")
    return results


def _client(args) -> int:
    """The child process: runs the crowd, prints its results as JSON on one line."""
    if not args.url.startswith("http://127.0.0.1:"):
        raise SystemExit("the load test runs on loopback only (http://127.0.0.1:PORT)")
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    results = asyncio.run(crowd(args.url, args.sessions, args.time_limit, args.hold))
    print(json.dumps(results))
    return 0


# The servers and what they cost ---------------------------------------------------------------


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_client(url: str, sessions: int, time_limit: float, memory_mb: int, pids: list[int], hold: float = 3.0):
    """Runs the crowd in a capped child; samples the processes' memory while it runs.
    Returns (viewer results, peak summed RSS while every session was connected, MB)."""
    command = [
        sys.executable, __file__, "client", "--url", url, "--sessions", str(sessions),
        "--time-limit", str(time_limit), "--memory-mb", str(memory_mb), "--hold", str(hold),
    ]  # fmt: skip
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak = [0.0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], sum(rss_mb(pid) for pid in pids))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, _ = child.communicate(timeout=time_limit + hold + 60)
    except subprocess.TimeoutExpired:
        child.kill()
        out, _ = child.communicate()
    sampler.join()
    lines = [line for line in out.splitlines() if line.startswith("[")]
    results = json.loads(lines[-1]) if lines else [{"times": [], "errors": ["the load client failed"]}] * sessions
    return results, peak[0]


def _store_env(folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTYLINES_")}
    env["COUNTYLINES_DATA"] = str(folder / "store")
    return env


def measure(processes: int, sessions: int, time_limit: float, memory_mb: int) -> dict:
    """One configuration on fresh processes: warm-up, then N viewers at once."""
    from deploy import serve

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with serve.serving(processes, serve.free_port(), run_dir=folder / "run", env=_store_env(folder)) as served:
            pids = served.pids()
            for app in served.apps:  # one session per process first: imports and caches warm
                run_client(app.url, 1, time_limit, memory_mb, pids, hold=0)
            time.sleep(1)
            rss_before = [rss_mb(pid) for pid in pids]
            cpu_before = sum(cpu_seconds(pid) for pid in pids)
            started = time.perf_counter()
            results, peak = run_client(served.url, sessions, time_limit, memory_mb, pids)
            wall = time.perf_counter() - started
            cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
            nginx_mb = rss_mb(served.nginx.pid) + sum(rss_mb(int(p)) for p in _children(served.nginx.pid))
    times = [t for r in results for t in r["times"]]
    routes = {}
    for result in results:
        routes[result.get("route")] = routes.get(result.get("route"), 0) + 1
    return {
        "processes": processes,
        "sessions": sessions,
        "screens": len(times),
        "median": statistics.median(times) if times else None,
        "p95": _percentile(times, 95),
        "errors": sum(len(r["errors"]) for r in results),
        "error_kinds": sorted({e[:90] for r in results for e in r["errors"]}),
        "rss_before": rss_before,
        "rss_peak": peak,
        "per_session": max(peak - sum(rss_before), 0) / sessions,
        "cpu_per_screen": cpu / len(times) if times else None,
        "wall": wall,
        "nginx_mb": nginx_mb,
    }


def _children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []


def _percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]  # nearest rank


# Is the light client sound? (bench/load_check.py compares it with Chromium) -----------------


def same_elements(browser: dict, light: dict) -> bool:
    """The same elements, leaving out `empty` placeholders: a spinner's, drawn only when a step
    runs longer than its delay, so present in one run and not the next."""
    return {k: v for k, v in browser.items() if k != "empty"} == {k: v for k, v in light.items() if k != "empty"}


# The table -------------------------------------------------------------------------------------


def _s(value: float | None) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.2f}"


def section(rows: list[dict], check: list[dict], machine: str) -> str:
    lines = [
        SECTION,
        "",
        f"`python bench/load.py` ({machine}).",
        "Each row: fresh processes behind nginx on loopback, one warm-up session per process,",
        "then N viewers at once, each asking for four screens in turn",
        "(national 2017, a force 2017, the same force 2016, the maps 2016) with no reading time.",
        "Time: from the screen's request to Streamlit's script_finished, through the proxy. Memory:",
        "resident set of the dashboard processes (VmRSS), after the warm-up and at its highest with",
        "every session connected; per session = the rise / N. CPU: user + system seconds of the",
        "processes over the run, per screen.",
        "",
        "| processes | viewers | screens | median s | p95 s | errors | screens per s | RSS after warm-up MB | RSS peak MB | MB per session | CPU s per screen | nginx MB |",  # noqa: E501
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        before = " + ".join(f"{mb:.0f}" for mb in r["rss_before"])
        errors = f"{r['errors']} ({', '.join(r['error_kinds'])})" if r["errors"] else "0"
        rate = f"{r['screens'] / r['wall']:.1f}" if r["wall"] else "–"
        cells = [r["processes"], r["sessions"], r["screens"], _s(r["median"]), _s(r["p95"]), errors, rate, before]
        cells += [
            f"{r['rss_peak']:.0f}",
            f"{r['per_session']:.1f}",
            _s(r["cpu_per_screen"]),
            f"{r['nginx_mb']:.0f}",
        ]
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    lines += ["", dominates(rows)]
    if check:
        lines += [
            "",
            "Is the light client sound? Each screen opened fresh in Chromium (through the proxy) and by",
            "the light client: the elements Streamlit sent for the finished run (spinner placeholders",
            "left out), and what it cost. Chromium's time includes loading the page itself.",
            "",
            "| screen | same elements | Chromium KB | light client KB | Chromium s (page, run) | light client s |",
            "|---|---|---|---|---|---|",
        ]
        for c in check:
            same = "yes" if same_elements(c["browser_elements"], c["light_elements"]) else "no"
            if same == "no":
                same += f": {c['browser_elements']} vs {c['light_elements']}"
            cells = [f"`{c['screen']}`", same, f"{c['browser_kb']:.0f}", f"{c['light_kb']:.0f}"]
            lines.append("| " + " | ".join([*cells, _s(c["browser_s"]), _s(c["light_s"])]) + " |")
    return "\n".join(lines) + "\n"


def dominates(rows: list[dict]) -> str:
    """What dominates, in words, from the rows: how much the wait grew from 1 viewer to the
    most, beside how much the processes' memory grew."""
    alone = {r["processes"]: r for r in rows if r["median"] and r["sessions"] == 1}
    most = max(
        (r for r in rows if r["median"] and r["processes"] in alone), key=lambda r: r["sessions"], default=None
    )
    if most is None or most["sessions"] == 1:
        return "Too few rows finished to say what dominates."
    wait = most["median"] / alone[most["processes"]]["median"]
    memory = most["rss_peak"] / sum(most["rss_before"])
    cpu = [r["cpu_per_screen"] for r in rows if r["cpu_per_screen"]]
    per_session = [r["per_session"] for r in rows if r["sessions"] >= 10] or [most["per_session"]]
    words = (
        f"From 1 viewer to {most['sessions']} on {most['processes']} process(es) the median wait grew "
        f"{wait:.0f}-fold and the processes' memory {memory:.1f}-fold. "
    )
    if wait > memory:
        return words + (
            f"What dominates is CPU: each screen costs {min(cpu):.2f}-{max(cpu):.2f} s of processor time "
            "whatever the number of viewers, so screens queue for a processor (a Streamlit process "
            f"runs its Python on one core at a time); a session adds only {min(per_session):.1f}-"
            f"{max(per_session):.1f} MB to a process of about {statistics.median(most['rss_before']):.0f} MB."
        )
    return words + f"What dominates is memory: a session adds up to {max(per_session):.1f} MB."


def write_results(text: str) -> None:
    """Replaces this script's section of bench/results.md, keeping any other section."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# make bench results\n\n"
    head, marker, rest = old.partition(SECTION)
    tail = ""
    if marker:
        after = rest.split("\n## ", 1)
        tail = "\n## " + after[1] if len(after) > 1 else ""
    RESULTS.write_text(head.rstrip() + "\n\n" + text + tail, encoding="utf-8")


def _machine() -> str:
    cores = os.cpu_count()
    load = os.getloadavg()[0]
    return f"{cores} cores shared with other work, load average {load:.1f} at the start"


def main(argv: list[str] | None = None) -> int:
    """Runs every configuration; prints and writes the table; returns the number of errors."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", default=",".join(map(str, SESSIONS)), help="N, comma-separated")
    parser.add_argument("--processes", default=",".join(map(str, PROCESSES)), help="K, comma-separated")
    parser.add_argument("--time-limit", type=float, default=240.0, help="seconds per configuration")
    parser.add_argument("--memory-mb", type=int, default=3072, help="address-space cap of the load client")
    parser.add_argument("--no-chromium", action="store_true", help="skip the comparison with Chromium")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results.md")
    commands = parser.add_subparsers(dest="command")
    client = commands.add_parser("client")
    client.add_argument("--url", required=True)
    client.add_argument("--sessions", type=int, required=True)
    client.add_argument("--time-limit", type=float, required=True)
    client.add_argument("--memory-mb", type=int, required=True)
    client.add_argument("--hold", type=float, default=3.0)
    args = parser.parse_args(argv)
    if args.command == "client":
        return _client(args)
    sys.path.insert(0, str(ROOT))
    from deploy import serve

    if serve.nginx_binary() is None:
        print("nginx not found: the load test through the proxy is skipped (sudo apt-get install nginx).")
        return 0
    from load_check import check_against_chromium

    machine = _machine()
    check = [] if args.no_chromium else check_against_chromium()
    rows = []
    for processes in map(int, args.processes.split(",")):
        for sessions in map(int, args.sessions.split(",")):
            rows.append(measure(processes, sessions, args.time_limit, args.memory_mb))
            print(
                f"  {processes} process(es), {sessions} viewer(s): median {_s(rows[-1]['median'])} s", flush=True
            )
    text = section(rows, check, machine)
    print(text)
    if not args.no_write:
        write_results(text)
    return sum(r["errors"] for r in rows) + sum(
        not same_elements(c["browser_elements"], c["light_elements"]) for c in check
    )


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
