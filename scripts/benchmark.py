"""Prints how long the ingest and the overview's queries take, and the peak memory, on the sample at a few scales.

Run: .venv/bin/python scripts/benchmark.py [--scales 1 5 10] [--no-formats]

Per scale: the whole sample ingested (as its own process, as staff run it), then the sample's files of each format
(UTF-8 CSV, GB18030 CSV, XLSX, Parquet) ingested on their own, each with its rows read per second and its peak memory.
A format's own ingest lacks the projects the other formats hold, so its trades are rejects: staged all the same.
"""

import argparse
import codecs
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from sinkboard.sample import write_sample  # noqa: E402
from sinkboard.warehouse import run_query  # noqa: E402

OVERVIEW = ["target_progress", "headline", "scale_trend", "region_ranking"]
FORMATS = ["UTF-8 CSV", "GB18030 CSV", "XLSX", "Parquet"]


def file_format(path: Path):
    if path.suffix == ".xlsx":
        return "XLSX"
    if path.suffix == ".parquet":
        return "Parquet"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as stream:
        try:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "GB18030 CSV"
    return "UTF-8 CSV"


def timed_ingest(source: Path, out: Path):
    """Seconds, peak memory (MB) of the ingest as its own process, and the rows it read."""
    started = time.perf_counter()
    child = subprocess.run([sys.executable, __file__, "--ingest", str(source), str(out)], check=True, cwd=ROOT,
                           capture_output=True, text=True)
    seconds = time.perf_counter() - started
    con = duckdb.connect(str(out / "internal.duckdb"), read_only=True)
    rows = con.execute("select coalesce(sum(rows_read), 0) from ingest_files").fetchone()[0]
    con.close()
    return seconds, float(child.stdout.strip()), rows


def measure(scale, formats=True):
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "source", Path(tmp) / "warehouse"
        write_sample(source, scale=scale)
        seconds, peak_mb, rows = timed_ingest(source, out)
        con = duckdb.connect(str(out / "internal.duckdb"), read_only=True)
        as_of = run_query(con, "data_dates").iloc[0].latest_date.date()
        params = {"as_of": as_of, "basis": "development", "zone": None, "prefecture_code": None, "level": "county"}
        started = time.perf_counter()
        for name in OVERVIEW:
            run_query(con, name, **params)
        query_ms = (time.perf_counter() - started) * 1000
        con.close()
        size_mb = sum(p.stat().st_size for p in out.glob("*.duckdb")) / 1e6
        print(f"scale {scale:>5g}: {rows:>10,} rows  ingest {seconds:7.1f} s ({rows / seconds:8,.0f} rows/s), "
              f"peak memory {peak_mb:6.0f} MB  overview queries {query_ms:6.1f} ms  warehouses {size_mb:6.1f} MB",
              flush=True)
        if not formats:
            return
        by_format = {}
        for path in sorted(source.glob("*/*")):
            by_format.setdefault(file_format(path), []).append(path)
        for name in FORMATS:
            if name not in by_format:
                continue
            part = Path(tmp) / f"source-{FORMATS.index(name)}"
            for path in by_format[name]:
                (part / path.parent.name).mkdir(parents=True, exist_ok=True)
                os.link(path, part / path.parent.name / path.name)
            seconds, peak_mb, rows = timed_ingest(part, Path(tmp) / f"warehouse-{FORMATS.index(name)}")
            files = ", ".join(f"{p.parent.name}/{p.name}" for p in by_format[name])
            print(f"    {name:<12} {rows:>10,} rows  {seconds:7.1f} s ({rows / seconds:8,.0f} rows/s), "
                  f"peak memory {peak_mb:6.0f} MB  ({files})", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--no-formats", action="store_true", help="skip the ingests of each format on its own")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # a child run: one scale
    parser.add_argument("--ingest", nargs=2, help=argparse.SUPPRESS)  # a child run: one ingest, printing its peak MB
    args = parser.parse_args()
    if args.ingest:
        # the ingest is this process's only child, so the children's peak is the ingest's own
        subprocess.run([sys.executable, "-m", "sinkboard", "ingest", *args.ingest[:1], "--out", args.ingest[1]],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        return
    if args.one is not None:
        measure(args.one, formats=not args.no_formats)
        return
    print(f"sinkboard benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, "
          f"SINKBOARD_INGEST_MEMORY={os.environ.get('SINKBOARD_INGEST_MEMORY', '(default)')}")
    for scale in args.scales:
        command = [sys.executable, __file__, "--one", str(scale)] + (["--no-formats"] if args.no_formats else [])
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
