"""The load script runs: two concurrent browser sessions open every page of each mode on the mini warehouse, change
the filters, and see no error and no request to another host. No timings are asserted: the machine is shared, so the
script's bounds (a page's run, the whole run) are ones only a fault reaches; the speed goals are the bench's."""

import json
import subprocess
import sys

import pytest

from sinkboard import PROJECT_ROOT
from sinkboard.app import page_list

pytestmark = pytest.mark.browser
SCRIPT = PROJECT_ROOT / "scripts" / "load.py"
# every filter change on the few public pages, the language alone on the many internal ones (the test stays short)
ACTIONS = {"public": "lang,zone,as_of", "internal": "lang"}
# a page's run or rerun may take --timeout seconds, pages are started for --duration seconds: on a busy 2-core machine
# the whole run takes minutes, never these
BOUNDS = ["--duration", "1200", "--timeout", "300"]


@pytest.mark.parametrize("mode", ["public", "internal"])
def test_two_sessions_render_every_page_without_an_error(mini_warehouse, tmp_path, mode):
    out = tmp_path / "load.json"
    run = subprocess.run([sys.executable, str(SCRIPT), "--warehouse", str(mini_warehouse), "--mode", mode,
                          "--sessions", "2", "--actions", ACTIONS[mode], "--settle", "1", *BOUNDS, "--json", str(out)],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads(out.read_text())
    pages = [page.url_path for page in page_list.pages_for(mode)]
    assert summary["errors"] == 0, summary["error_list"]
    assert summary["outside_requests"] == 0, summary["outside_list"]
    assert summary["unfinished"] == 0
    # each session drew each page once
    assert sorted(r["page"] for r in summary["first_render_samples"]) == sorted(pages * 2)
    # and reran it once per filter change
    assert len(summary["rerun_samples"]) + summary["skipped"] == len(pages) * 2 * len(ACTIONS[mode].split(","))
    assert {r["action"] for r in summary["rerun_samples"]} == set(ACTIONS[mode].split(","))
    memory = summary["server_memory_mb"]
    assert memory["before"] > 0 and memory["peak"] >= memory["before"]
    if mode == "public":
        assert "trading" not in pages and "data_quality" not in pages


def test_protocol_sessions_on_two_servers_draw_every_page_with_the_filters_of_their_address(mini_warehouse, tmp_path):
    out = tmp_path / "load.json"
    run = subprocess.run([sys.executable, str(SCRIPT), "--warehouse", str(mini_warehouse), "--mode", "internal",
                          "--client", "protocol", "--servers", "2", "--sessions", "3", "--settle", "1", *BOUNDS,
                          "--json", str(out)],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads(out.read_text())
    pages = [page.url_path for page in page_list.pages_for("internal")]
    assert summary["errors"] == 0, summary["error_list"]
    assert summary["servers"] == 2 and len(summary["url"].split()) == 2
    # each session ran each page once, each visit with another language (and zone) in its address
    assert sorted(r["page"] for r in summary["first_render_samples"]) == sorted(pages * 3)
    assert {r["address"].split("&")[0] for r in summary["first_render_samples"]} == {"lang=zh", "lang=en"}
    assert summary["server_memory_mb"]["peak"] >= summary["server_memory_mb"]["before"] > 0
