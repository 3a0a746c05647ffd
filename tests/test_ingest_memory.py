"""The ingest streams each file into DuckDB in batches: its peak memory does not grow with the export's rows."""

import subprocess
import sys

from exports import PROJECT_HEADER, project, write_csv

from sinkboard import PROJECT_ROOT

# the peak memory of one ingest, measured in a process of its own: its VmHWM (KiB), the high-water mark of its own
# memory; not ru_maxrss, into which Linux folds the memory of the test process that started it
PEAK = """
import sys
from pathlib import Path
from sinkboard.dev.bench import high_water_mb
from sinkboard.ingest.build import ingest
ingest(Path(sys.argv[1]), Path(sys.argv[2]))
print(round(high_water_mb("self") * 1024))
"""


def write_projects_csv(source, rows):
    """A projects export of the given number of rows (every tenth an invalid area, so rejects are streamed too)."""
    write_csv(source / "projects" / "big.csv", PROJECT_HEADER,
              (project(f"P{i}", area="x" if i % 10 == 0 else str(100 + i % 900)) for i in range(rows)))


def peak_kib(tmp_path, rows):
    source, out = tmp_path / f"src-{rows}", tmp_path / f"wh-{rows}"
    write_projects_csv(source, rows)
    done = subprocess.run([sys.executable, "-c", PEAK, str(source), str(out)], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "SINKBOARD_INGEST_MEMORY": "256MB"}, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def test_peak_memory_does_not_grow_with_the_rows(tmp_path):
    small, large = peak_kib(tmp_path, 100_000), peak_kib(tmp_path, 400_000)
    # a file held in Python all at once would take about three times the memory for four times the rows
    assert large < small * 1.3, (small, large)


def test_read_ahead_hands_on_items_and_errors_as_they_were():
    from sinkboard.ingest.build import read_ahead

    made = []

    def items():
        for i in range(5):
            made.append(i)
            yield i
        raise ValueError("row 6: not a number")

    got = []
    try:
        for item in read_ahead(items()):
            got.append(item)
    except ValueError as error:
        assert str(error) == "row 6: not a number"
    else:
        raise AssertionError("the iterator's error was lost")
    assert got == [0, 1, 2, 3, 4]


def test_read_ahead_stops_one_item_ahead_and_leaves_the_iterator_closable():
    from sinkboard.ingest.build import read_ahead

    made, closed = [], []

    def items():
        try:
            for i in range(1000):
                made.append(i)
                yield i
        finally:
            closed.append(True)

    source = items()
    ahead = read_ahead(source)
    assert [next(ahead), next(ahead)] == [0, 1]
    ahead.close()  # the consumer stops early (a failed insert, say): the item in the making is finished first
    assert made == [0, 1, 2]  # never more than one item ahead: memory stays bounded
    source.close()  # not running in the other thread any more, so this does not fail as "generator already executing"
    assert closed == [True]
