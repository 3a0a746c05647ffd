"""Prints how long the ingest and the overview's queries take, and the peak memory, on the sample at a few scales.

Run: .venv/bin/python scripts/benchmark.py [--scales 1 5 10]
"""

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from sinkboard.sample import write_sample  # noqa: E402
from sinkboard.warehouse import run_query  # noqa: E402

OVERVIEW = ["target_progress", "headline", "scale_trend", "region_ranking"]


def measure(scale):
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "source", Path(tmp) / "warehouse"
        counts = write_sample(source, scale=scale)
        started = time.perf_counter()
        # the ingest runs as its own process, as staff run it, so its peak memory is its own
        subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(source), "--out", str(out)], check=True,
                       cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.DEVNULL)
        ingest_seconds = time.perf_counter() - started
        ingest_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        con = duckdb.connect(str(out / "internal.duckdb"), read_only=True)
        as_of = run_query(con, "data_dates").iloc[0].latest_date.date()
        params = {"as_of": as_of, "basis": "development", "zone": None, "prefecture_code": None, "level": "county"}
        started = time.perf_counter()
        for name in OVERVIEW:
            run_query(con, name, **params)
        query_ms = (time.perf_counter() - started) * 1000
        con.close()
        size_mb = sum(p.stat().st_size for p in out.glob("*.duckdb")) / 1e6
    return counts, ingest_seconds, ingest_peak_mb, query_ms, size_mb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # a child run: one scale, its own peak memory
    args = parser.parse_args()
    if args.one is not None:
        counts, seconds, peak_mb, query_ms, size_mb = measure(args.one)
        rows = sum(counts.values())
        print(f"scale {args.one:>5g}: {rows:>9,} rows  ingest {seconds:6.1f} s, peak memory {peak_mb:6.0f} MB  "
              f"overview queries {query_ms:6.1f} ms  warehouses {size_mb:6.1f} MB")
        return
    print(f"sinkboard benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}")
    for scale in args.scales:
        subprocess.run([sys.executable, __file__, "--one", str(scale)], check=True)


if __name__ == "__main__":
    main()
