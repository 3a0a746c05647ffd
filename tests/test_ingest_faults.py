"""The ingest under faults: a full disk, kills at random moments of the build and the swap while a reader keeps
reading, two ingests at once. After every failure the warehouse pair that was served is served still, whole."""

import hashlib
import os
import random
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sinkboard import PROJECT_ROOT
from sinkboard.ingest.build import IngestError, ingest
from sinkboard.store.warehouse import connect

MINI = Path(__file__).parent / "fixtures" / "mini"


def run_ingest(source, out, limit_bytes=None):
    def limit():
        if limit_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG, as on a full disk
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(source), "--out", str(out)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, preexec_fn=limit, timeout=300)


def served(out):
    """The pair readers are served: the version current points at, and a digest of both files."""
    version = (out / "current").resolve()
    digest = hashlib.sha256()
    for name in ("internal.duckdb", "public.duckdb"):
        digest.update((version / name).read_bytes())
    return version.name, digest.hexdigest()


def built_at_pair(out):
    """built_at of internal and public, read through one resolution of the pointer, as a reader does."""
    version = (out / "current").resolve()
    stamps = []
    for name in ("internal.duckdb", "public.duckdb"):
        con = connect(version / name)
        try:
            stamps.append(con.execute("select built_at::varchar from build_info").fetchone()[0])
        finally:
            con.close()
    return stamps


@pytest.fixture
def served_warehouse(tmp_path):
    out = tmp_path / "wh"
    ingest(MINI, out)
    return out


@pytest.mark.parametrize("limit_bytes", [40_000, 300_000, 1_000_000, 2_500_000])
def test_a_full_disk_fails_cleanly_and_leaves_the_served_pair(served_warehouse, limit_bytes):
    before = served(served_warehouse)
    done = run_ingest(PROJECT_ROOT / "data" / "sample", served_warehouse, limit_bytes)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ingest failed"), done.stderr
    assert "Traceback" not in done.stderr
    assert served(served_warehouse) == before
    assert run_ingest(MINI, served_warehouse).returncode == 0  # and the next ingest cleans up and succeeds
    assert not list(served_warehouse.glob(".building-*"))


def test_thirty_kills_never_show_a_reader_a_broken_or_mixed_pair(served_warehouse):
    rng = random.Random(20211)
    failures, reads, stop, mid_build = [], [0], threading.Event(), 0

    def reader():
        while not stop.is_set():
            try:
                internal, public = built_at_pair(served_warehouse)
                if internal != public:
                    failures.append(f"mixed pair {internal} / {public}")
                reads[0] += 1
            except Exception as error:  # any failure to read the served pair is what this test is about
                failures.append(repr(error))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        started = time.monotonic()
        assert run_ingest(MINI, served_warehouse).returncode == 0
        duration = time.monotonic() - started
        for _ in range(30):
            process = subprocess.Popen([sys.executable, "-m", "sinkboard", "ingest", str(MINI), "--out",
                                        str(served_warehouse)], cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.3, duration * 1.1))  # after the imports: somewhere in the build or the swap
            mid_build += (served_warehouse / f".building-{process.pid}").exists()
            process.send_signal(signal.SIGKILL)
            process.wait()
    finally:
        stop.set()
        thread.join()
    assert failures == []
    assert reads[0] > 30
    assert mid_build >= 5  # the kills did land inside builds
    assert run_ingest(MINI, served_warehouse).returncode == 0
    internal, public = built_at_pair(served_warehouse)
    assert internal == public
    assert not list(served_warehouse.glob(".building-*"))
    assert len(list(served_warehouse.glob("v-*"))) <= 3


def test_two_ingests_at_once_into_one_folder(served_warehouse):
    process = subprocess.Popen([sys.executable, "-m", "sinkboard", "ingest", str(PROJECT_ROOT / "data" / "sample"),
                                "--out", str(served_warehouse)], cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(served_warehouse.glob(".building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    with pytest.raises(IngestError, match="another ingest is writing to this folder"):
        ingest(MINI, served_warehouse)
    assert process.wait(120) == 0


def test_a_warehouse_folder_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(IngestError, match="cannot be written"):
        ingest(MINI, blocker)
    done = run_ingest(MINI, blocker / "wh")
    assert done.returncode != 0 and done.stderr.count("\n") == 1 and "cannot be written" in done.stderr


def test_a_reader_keeps_its_version_until_it_lets_go(served_warehouse):
    held = connect(served_warehouse / "internal.duckdb")
    first = (served_warehouse / "current").resolve()
    for _ in range(3):
        ingest(MINI, served_warehouse)
    assert first.exists()  # three ingests later, still there: a reader holds it
    assert held.execute("select count(*) from projects").fetchone()[0] > 0
    held.close()
    ingest(MINI, served_warehouse)
    assert not first.exists()
    assert os.path.islink(served_warehouse / "internal.duckdb")
