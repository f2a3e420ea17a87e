"""bench/load.py's own arithmetic and messages, by hand (the load itself runs in make bench)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import load  # noqa: E402


def test_the_rerun_message_asks_for_the_screen_as_chromium_does():
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.ParseFromString(load.rerun_message("http://127.0.0.1:8080", "force", "force=Kent&year=2017"))
    assert message.WhichOneof("type") == "rerun_script"
    assert message.rerun_script.query_string == "force=Kent&year=2017"
    assert message.rerun_script.page_name == "force"
    assert message.rerun_script.context_info.url == "http://127.0.0.1:8080/force"


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(20, 0, -1)]  # 20 values, unsorted
    assert load._percentile(values, 95) == 19.0  # rank ceil(0.95 x 20) = 19
    assert load._percentile(values, 50) == 10.0  # rank 10
    assert load._percentile([3.0], 95) == 3.0
    assert load._percentile([], 95) is None


def test_spinner_placeholders_do_not_make_two_runs_differ():
    assert load.same_elements({"markdown": 3, "empty": 1}, {"markdown": 3})
    assert not load.same_elements({"markdown": 3}, {"markdown": 2})


def row(processes, sessions, median, before, peak):
    return {
        "processes": processes, "sessions": sessions, "median": median, "rss_before": before,
        "rss_peak": peak, "per_session": (peak - sum(before)) / sessions, "cpu_per_screen": 0.4,
    }  # fmt: skip


def test_what_dominates_compares_how_wait_and_memory_grew():
    # Wait 0.5 s -> 10 s (20-fold); memory 300 -> 450 MB (1.5-fold): CPU.
    cpu = load.dominates([row(1, 1, 0.5, [300.0], 305.0), row(1, 50, 10.0, [300.0], 450.0)])
    assert "grew 20-fold" in cpu and "1.5-fold" in cpu and "What dominates is CPU" in cpu
    # Wait 0.5 -> 0.6 s; memory 300 -> 900 MB (3-fold): memory.
    memory = load.dominates([row(1, 1, 0.5, [300.0], 305.0), row(1, 50, 0.6, [300.0], 900.0)])
    assert "What dominates is memory" in memory
    assert load.dominates([row(1, 1, 0.5, [300.0], 305.0)]).startswith("Too few rows")
