"""The benchmark, `python -m sinkboard bench --scale K [--json FILE] [--reruns N]`: how fast the ingest and the
pages are on the synthetic sample at scale K, how much memory they take, and how many times faster the pages' figures
come than from pandas the way a typical Streamlit app computes them; printed beside the project's goals.

1. The sample at scale K is written, then ingested as its own process (as staff run it): rows per second and peak
   memory, and per format (UTF-8 CSV, GB18030 CSV, XLSX, Parquet) the rows per second of reading its files within
   that ingest, as the ingest's log times each file.
2. Every page of `page_list.PAGES` is run through app.py with Streamlit's AppTest in a child process (the serving
   process, whose peak memory is its VmHWM, read while it runs). Cold: the page's first run after every Streamlit
   cache was emptied (as a new ingest or a restart leaves it: no cached result, no open connection); the process has
   imported the page's modules.
   Warm: the reruns that follow, each with another as-of date, zone and language, so every query that depends on
   them misses the result cache as a person's change would; the connection and DuckDB's buffers stay warm.
3. The main figures of the main pages are computed by `sinkboard.dev.baseline` (pandas over the warehouse's tables written
   out as Parquet, read once) and by the page's queries (`warehouse.run_query`), alternately, with the parameters of
   the warm reruns; both must give the same figures, else the bench fails.
"""

import argparse
import codecs
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from sinkboard import PROJECT_ROOT
from sinkboard.app import serve

FORMATS = {"csv_utf8": "UTF-8 CSV", "csv_gb18030": "GB18030 CSV", "xlsx": "XLSX", "parquet": "Parquet"}
GOALS = (  # (JSON key, what is promised, the limit, higher is better)
    ("page_warm_p95_ms", "every page warm p95 <= 300 ms", 300, False),
    ("page_cold_ms", "every page cold <= 2 s", 2000, False),
    ("peak_rss_mb", "serving process <= 2 GB", 2048, False),
    ("pandas_baseline_ratio_by_page", ">= 10x the pandas baseline on every page", 10, True),
)
DAYS_BETWEEN_RERUNS = 13  # each warm rerun looks this many days further back, so no two share an as-of date


class BenchError(Exception):
    """The bench could not measure, or a page's figures differ from the baseline's."""


# ---- the machine

def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import duckdb

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# ---- ingest

def file_format(path):
    if path.suffix == ".xlsx":
        return "xlsx"
    if path.suffix == ".parquet":
        return "parquet"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as stream:
        try:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "csv_gb18030"
    return "csv_utf8"


def high_water_mb(pid):
    """The peak resident memory so far (VmHWM), in MB, of the process pid (or "self"), or None once it has gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def run_child(command, log, env=None):
    """Runs a child process; its seconds and its own peak resident memory in MB.

    The peak is the child's VmHWM, read every 50 ms until it exits. Not its ru_maxrss: Linux folds the memory of the
    process that forked it (the bench, which may have just written a large sample) into the child's ru_maxrss, so both
    the ingest's and the server's peaks would read as the bench's own."""
    started = time.perf_counter()
    peak = 0.0
    with open(log, "w") as output:
        child = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=output, stderr=subprocess.STDOUT, env=env)
        while child.poll() is None:
            peak = max(peak, high_water_mb(child.pid) or 0.0)
            time.sleep(0.05)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        tail = Path(log).read_text(errors="replace").strip().splitlines()[-1:] or ["(no output)"]
        raise BenchError(f"{' '.join(map(str, command[1:4]))} failed (exit {child.returncode}): {tail[0]}")
    return seconds, peak


def timed_ingest(source, out):
    """Rows read, seconds and peak memory (MB) of `python -m sinkboard ingest SOURCE --out OUT` as its own process."""
    import duckdb

    seconds, peak_mb = run_child([sys.executable, "-m", "sinkboard", "ingest", str(source), "--out", str(out)],
                                 out.parent / f"{out.name}.log")
    with duckdb.connect(str(out / "internal.duckdb"), read_only=True) as con:
        rows = con.execute("select coalesce(sum(rows_read), 0) from ingest_files").fetchone()[0]
    return {"rows": int(rows), "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
            "peak_rss_mb": round(peak_mb),
            "warehouse_mb": {p.stem: round(p.stat().st_size / 1e6, 1) for p in sorted(out.glob("*.duckdb"))}}


READ_LINE = re.compile(r"^read (?P<file>.+) \((?P<dataset>\w+)\): (?P<rows>[\d,]+) rows in (?P<seconds>[\d.]+) s$")


def measure_ingest(source, work):
    """The whole sample's ingest (its warehouse is the one the pages read), and per format the rows per second of
    reading its files within that ingest: each file into DuckDB (decoded, parsed, normalised, handed over), as the
    ingest's log times it. Staging and checking every row is the same SQL whatever the format; it counts in the whole
    ingest's rows per second only."""
    whole = timed_ingest(source, work / "warehouse")
    formats = {key: {"rows": 0, "seconds": 0.0, "files": []} for key in FORMATS}
    for line in (work / "warehouse.log").read_text(encoding="utf-8").splitlines():
        read = READ_LINE.match(line)
        if read is None:
            continue
        figures = formats[file_format(source / read["file"])]
        figures["rows"] += int(read["rows"].replace(",", ""))
        figures["seconds"] += float(read["seconds"])
        figures["files"].append(read["file"])
    for key, figures in formats.items():
        if not figures["files"]:
            raise BenchError(f"the sample holds no {FORMATS[key]} file (or the ingest's log names none)")
        figures["rows_per_s"] = round(figures["rows"] / max(figures["seconds"], 1e-3))
        figures["seconds"] = round(figures["seconds"], 2)
    return whole, formats


# ---- pages (run in a child process: the serving process)

def rerun_parameters(connection, reruns):
    """(as_of, zone, lang) of each warm rerun: a new as-of date every time, the zones and the province ("") in turn,
    the two languages in turn."""
    from sinkboard.store.warehouse import run_query

    latest = run_query(connection, "data_dates").iloc[0].latest_date.date()
    first = run_query(connection, "data_dates").iloc[0].first_date.date()
    zones = ["", *run_query(connection, "zones").zone]
    parameters = []
    for i in range(reruns):
        as_of = max(latest - dt.timedelta(days=DAYS_BETWEEN_RERUNS * (i + 1)), first)
        parameters.append((as_of, zones[(i + 1) % len(zones)], "en" if i % 2 == 0 else "zh"))
    return latest, parameters


def percentile(values, q):
    return round(float(np.percentile(values, q)), 1)


def language_between_runs(shown):
    """AppTest workaround, for the bench's child only: between two runs AppTest calls each widget's format_func outside
    the script's thread, where st.session_state is out of reach, so a format_func that makes its labels then (with
    ui.t) labels them in Chinese; after an English run it then finds no such option and fails. Outside a run, ui.lang
    answers the language of the run before (shown["lang"]). A browser sends the chosen index and never needs this."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from sinkboard.app import ui

    in_run = ui.lang

    def lang():
        return in_run() if get_script_run_ctx(suppress_warning=True) is not None else shown["lang"]

    ui.lang = lang


def scripts_compiled_once():
    """AppTest workaround, for the bench's child only: a server compiles each script once (its Runtime keeps one
    ScriptCache for every session), but AppTest makes a new ScriptCache at every run, so each timed run would compile
    app.py and the page anew, work that no server does. The child keeps one, as a server does."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    kept = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: kept


def time_pages(warehouse_dir, reruns):
    """Cold and warm server-side run times (ms) of every page of `page_list.PAGES`, through app.py with AppTest."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from sinkboard.app import page_list
    from sinkboard.store import warehouse

    os.environ["SINKBOARD_WAREHOUSE"] = str(warehouse_dir)
    os.environ.pop("SINKBOARD_MODE", None)
    connection = warehouse.connect(warehouse.database_path())
    latest, parameters = rerun_parameters(connection, reruns)
    connection.close()

    shown = {"lang": "zh"}
    language_between_runs(shown)
    scripts_compiled_once()
    serve.freeze_loaded_objects()  # as the server does before its first session

    def checked(app, page, what):
        if app.exception:
            raise BenchError(f"{page.url_path} failed on its {what} run: {app.exception[0].message}")

    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=900)
    app.run()
    cold, warm = {}, {}
    for page in page_list.PAGES:
        # the filters back to a first visit's (latest date, the province, Chinese) and one untimed run, which imports
        # the page's modules as a serving process has done before any new ingest
        app.date_input(key="as_of").set_value(latest)
        app.selectbox(key="zone").set_value("")
        app.radio(key="lang").set_value("zh")
        app.switch_page(page.file).run()
        shown["lang"] = "zh"
        checked(app, page, "first")
        st.cache_data.clear()
        st.cache_resource.clear()
        started = time.perf_counter()
        app.run()
        cold[page.url_path] = round((time.perf_counter() - started) * 1000, 1)
        checked(app, page, "cold")
        times = []
        for as_of, zone, lang in parameters:
            app.date_input(key="as_of").set_value(as_of)
            app.selectbox(key="zone").set_value(zone)
            app.radio(key="lang").set_value(lang)
            started = time.perf_counter()
            app.run()
            times.append((time.perf_counter() - started) * 1000)
            shown["lang"] = lang
            checked(app, page, f"warm ({as_of}, {zone or 'province'}, {lang})")
        warm[page.url_path] = times
    return {
        "as_of_cold": str(latest),
        "page_cold_ms": cold,
        "page_warm_p50_ms": {page: percentile(times, 50) for page, times in warm.items()},
        "page_warm_p95_ms": {page: percentile(times, 95) for page, times in warm.items()},
    }


# ---- the pandas baseline

def baseline_figures():
    """Per page: the figures compared, as (query, the baseline's function, the query's own parameters, the columns
    that must agree)."""
    from sinkboard.dev import baseline as b

    ranking = ["region_code", "region_name", "projects", "area_mu", "potential_area_mu", "share_of_potential"]
    by_dimension = ["group_value", "trades", "volume_tco2e", "amount_yuan", "share_of_volume", "average_price_yuan"]
    return {
        "overview": [
            ("headline", b.headline, {}, ["development_mu", "registered_mu", "development_projects",
                                          "registered_projects", "development_year_ago_mu", "registered_year_ago_mu",
                                          "issued_tco2e", "trade_volume_tco2e", "trade_amount_yuan", "trades",
                                          "subsidy_paid_yuan", "province_subsidy_paid_yuan", "subsidy_budget_yuan"]),
            ("target_progress", b.target_progress, {}, ["zone", "year", "target_mu", "scale_mu", "scale_year_ago_mu",
                                                        "share_of_target", "status"]),
        ],
        "zones": [("region_ranking", b.region_ranking, {"level": "prefecture"}, ranking),
                  ("region_ranking", b.region_ranking, {"level": "county"}, ranking)],
        "map": [("region_ranking", b.region_ranking, {"level": "county"}, ranking)],
        "pipeline": [
            ("pipeline_status", b.pipeline_status, {}, ["status", "projects", "area_mu"]),
            ("duration_summary", b.duration_summary, {"group_by": "zone"}, [
                "group_value", "registered_projects", "registration_min", "registration_p25", "registration_median",
                "registration_p75", "registration_max", "issued_projects", "issuance_min", "issuance_p25",
                "issuance_median", "issuance_p75", "issuance_max"]),
        ],
        "trading": [
            ("trades_by_month", b.trades_by_month, {}, ["month", "trades", "volume_tco2e", "amount_yuan",
                                                        "average_price_yuan"]),
            ("trades_by_dimension", b.trades_by_dimension, {"dimension": "platform", "period_start": None},
             by_dimension),
            ("trades_by_dimension", b.trades_by_dimension, {"dimension": "zone", "period_start": None}, by_dimension),
        ],
        "subsidies": [("subsidy_totals", b.subsidy_totals, {}, [
            "paid_yuan", "payments", "projects_funded", "loan_interest_yuan", "demonstration_yuan", "scale_mu",
            "issued_tco2e", "yuan_per_mu", "yuan_per_tco2e"])],
        "pools": [("carbon_latest", b.carbon_latest, {}, [
            "year", "previous_year", "counties_reported", "counties_monitored", "area_mu", "stock_tco2e", "sink_tco2e",
            "sink_per_mu", "series_compared", "stock_change_tco2e", "sink_change_tco2e"])],
        "potential": [("potential_by_county", b.potential_by_county, {}, [
            "county_code", "project_type", "potential_area_mu", "developed_mu", "untapped_mu", "projects",
            "share_developed"])],
        "registry": [("registry_projects", b.registry_projects, {
            "search": None, "county_codes": None, "project_types": None, "standards": None, "statuses": None,
            "owner_types": None, "is_demo": None, "limit": 50, "offset": 0}, ["project_id", "standard", "owner_type", "is_demo",
                                                    "issued_tco2e"])],
    }


def export_tables(warehouse_dir, folder):
    """The warehouse's tables as the Parquet files a typical app would read (money as float, as read_csv gives it)."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    from sinkboard.dev.baseline import TABLES

    folder.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse_dir / "internal.duckdb"), read_only=True) as con:
        for name in TABLES:
            table = con.table(name).to_arrow_table()
            schema = pa.schema([pa.field(f.name, pa.float64()) if pa.types.is_decimal(f.type) else f
                                for f in table.schema])
            pq.write_table(table.cast(schema), folder / f"{name}.parquet")


def _values(column):
    return [None if v is None or (not isinstance(v, (list, np.ndarray)) and v != v) else str(v) for v in column]


def differences(mine, theirs, columns):
    """The first column in which the baseline's frame and the query's differ (numbers to a relative 1e-9), or None."""
    if len(mine) != len(theirs):
        return f"{len(mine)} rows against {len(theirs)}"
    import pandas as pd

    for column in columns:
        a, b = mine[column].reset_index(drop=True), theirs[column].reset_index(drop=True)
        numeric = pd.api.types.is_numeric_dtype(a) or pd.api.types.is_numeric_dtype(b)
        try:
            same = (np.allclose(pd.to_numeric(a).astype(float), pd.to_numeric(b).astype(float), rtol=1e-9, atol=1e-6,
                                equal_nan=True) if numeric else _values(a) == _values(b))
        except (TypeError, ValueError):
            same = _values(a) == _values(b)
        if not same:
            return f"column {column}: {a.head(5).tolist()} against {b.head(5).tolist()}"
    return None


def compare_baseline(warehouse_dir, folder, reruns):
    """Per page: median ms of the baseline and of the page's queries for the same figures, and their ratio."""
    from sinkboard.dev import baseline
    from sinkboard.store import warehouse

    started = time.perf_counter()
    data = baseline.load(str(folder))
    load_ms = (time.perf_counter() - started) * 1000
    connection = warehouse.connect(warehouse_dir / "internal.duckdb")
    _, parameters = rerun_parameters(connection, reruns)
    figures = baseline_figures()
    timings = {page: {"baseline": [], "sinkboard": []} for page in figures}
    # the first round warms both (DuckDB's buffers, pandas' first calls) and is not counted
    for round_number, (as_of, zone, _) in enumerate([parameters[0], *parameters]):
        params = {"as_of": as_of, "basis": "development", "zone": zone or None, "prefecture_code": None}
        for page, calls in figures.items():
            spent = {"baseline": 0.0, "sinkboard": 0.0}
            for name, compute, own, columns in calls:
                started = time.perf_counter()
                theirs = warehouse.run_query(connection, name, **params, **own)
                spent["sinkboard"] += time.perf_counter() - started
                started = time.perf_counter()
                mine = compute(data, **params, **own)
                spent["baseline"] += time.perf_counter() - started
                problem = differences(mine, theirs, columns)
                if problem:
                    raise BenchError(f"{page}: the baseline's {name} differs from the query's at as_of={as_of}, "
                                     f"zone={zone or 'province'}: {problem}")
            if round_number:
                for side, seconds in spent.items():
                    timings[page][side].append(seconds * 1000)
    connection.close()
    baseline_ms = {page: percentile(t["baseline"], 50) for page, t in timings.items()}
    sinkboard_ms = {page: percentile(t["sinkboard"], 50) for page, t in timings.items()}
    ratios = {page: round(baseline_ms[page] / max(sinkboard_ms[page], 0.01), 2) for page in timings}
    return {
        "pandas_baseline_ratio": min(ratios.values()),
        "pandas_baseline_ratio_by_page": ratios,
        "pandas_baseline_ms": baseline_ms,
        "sinkboard_queries_ms": sinkboard_ms,
        "pandas_baseline_load_ms": round(load_ms, 1),
        "pandas_baseline_queries": {page: sorted({name for name, *_ in calls}) for page, calls in figures.items()},
    }


# ---- the whole bench

def goals(results):
    """Each goal met or missed, with the worst page and by how much."""
    verdicts = {}
    for key, promise, limit, higher_is_better in GOALS:
        value = results[key]
        if isinstance(value, dict):
            worst_page = (min if higher_is_better else max)(value, key=value.get)
            worst = value[worst_page]
        else:
            worst_page, worst = None, value
        met = worst >= limit if higher_is_better else worst <= limit
        verdicts[key] = {"goal": promise, "limit": limit, "worst": worst, "worst_page": worst_page, "met": met,
                         "margin": round(worst - limit if higher_is_better else limit - worst, 2)}
    return verdicts


def report(results):
    m = results["machine"]
    lines = [f"sinkboard bench, scale {results['scale']:g}, {results['started_at']}",
             f"machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']}, Python {m['python']}, "
             f"DuckDB {m['duckdb']}, load average at start {m['load_average_at_start']}",
             "",
             f"ingest of the whole sample: {results['rows']:,} rows in {results['ingest_seconds']:.1f} s "
             f"({results['ingest_whole_rows_per_s']:,} rows/s), peak memory {results['ingest_peak_rss_mb']:,} MB; "
             f"warehouses {', '.join(f'{name} {mb:,} MB' for name, mb in results['warehouse_mb'].items())}",
             "  reading each format's files within it (into DuckDB; staging, the same SQL for all, not counted):",
             f"  {'format':<12} {'rows':>10} {'seconds':>8} {'rows/s':>10}  files"]
    for key, figures in results["ingest_by_format"].items():
        lines.append(f"  {FORMATS[key]:<12} {figures['rows']:>10,} {figures['seconds']:>8.1f} "
                     f"{figures['rows_per_s']:>10,}  {', '.join(figures['files'])}")
    lines += ["",
              f"pages (ms; warm = {results['reruns']} reruns, each with another as-of date, zone and language; "
              f"baseline and queries = the page's main figures, median):",
              f"  {'page':<15} {'cold':>8} {'warm p50':>9} {'warm p95':>9} {'pandas':>8} {'queries':>8} {'ratio':>7}"]
    for page, cold in results["page_cold_ms"].items():
        ratio = results["pandas_baseline_ratio_by_page"].get(page)
        pandas_ms = results["pandas_baseline_ms"].get(page)
        queries_ms = results["sinkboard_queries_ms"].get(page)
        lines.append(f"  {page:<15} {cold:>8.0f} {results['page_warm_p50_ms'][page]:>9.0f} "
                     f"{results['page_warm_p95_ms'][page]:>9.0f} "
                     + (f"{pandas_ms:>8.1f} {queries_ms:>8.1f} {ratio:>6.1f}x" if ratio is not None else
                        f"{'—':>8} {'—':>8} {'—':>7}"))
    lines += ["", f"serving process peak memory: {results['peak_rss_mb']:,} MB", "", "goals:"]
    units = {"page_warm_p95_ms": " ms", "page_cold_ms": " ms", "peak_rss_mb": " MB",
             "pandas_baseline_ratio_by_page": "x"}
    for key, verdict in results["goals"].items():
        unit = units[key]
        where = f"{verdict['worst_page']} " if verdict["worst_page"] else ""
        how = (f"met, {abs(verdict['margin']):g}{unit} to spare" if verdict["met"]
               else f"MISSED by {abs(verdict['margin']):g}{unit}")
        lines.append(f"  {verdict['goal']:<42} {how} (worst: {where}{verdict['worst']:g}{unit})")
        if isinstance(results[key], dict) and not verdict["met"]:
            limit, higher_is_better = verdict["limit"], key == "pandas_baseline_ratio_by_page"
            missed = {page: value for page, value in results[key].items()
                      if (value < limit if higher_is_better else value > limit)}
            lines.append(f"    missed on {len(missed)} of {len(results[key])} pages: "
                         + ", ".join(f"{page} {value:g}{unit}" for page, value in missed.items()))
    return "\n".join(lines)


def say(message):
    print(f"{dt.datetime.now():%H:%M:%S} {message}", flush=True)


def sample_scale(folder: Path):
    """The scale a sample folder was written at, from its marker file; a BenchError when it is not a sample."""
    try:
        return float(json.loads((folder / "SYNTHETIC.json").read_text(encoding="utf-8"))["scale"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BenchError(f"{folder} is not a sample written by sinkboard (its SYNTHETIC.json: {error})") from None


def run(scale, reruns=20, json_path=None, workdir=None, say=say, sample=None):
    if reruns < 1:
        raise BenchError("--reruns must be at least 1")
    if sample is not None and sample_scale(sample) != scale:
        raise BenchError(f"{sample} was written at scale {sample_scale(sample):g}, not {scale:g}")
    from sinkboard.dev.sample_exports import write_sample

    results = {"scale": scale, "started_at": f"{dt.datetime.now():%Y-%m-%d %H:%M}", "machine": machine(),
               "reruns": reruns}
    if workdir is not None:
        Path(workdir).mkdir(parents=True, exist_ok=True)  # the folder named for the sample and warehouses, made if new
    with tempfile.TemporaryDirectory(prefix="sinkboard-bench-", dir=workdir) as tmp:
        work = Path(tmp)
        if sample is None:
            source = work / "source"
            say(f"writing the sample at scale {scale:g} ...")
            write_sample(source, scale=scale)
        else:
            source = sample
            say(f"using the sample in {source} (scale {scale:g})")
        say("ingesting it ...")
        whole, formats = measure_ingest(source, work)
        results.update({
            "rows": whole["rows"],
            "ingest_seconds": whole["seconds"],
            "ingest_whole_rows_per_s": whole["rows_per_s"],
            "ingest_peak_rss_mb": whole["peak_rss_mb"],
            "warehouse_mb": whole["warehouse_mb"],
            "ingest_rows_per_s": {key: figures["rows_per_s"] for key, figures in formats.items()},
            "ingest_by_format": formats,
        })
        say(f"running every page cold and {reruns} times warm (a child process) ...")
        pages_json = work / "pages.json"
        env = {**os.environ, "STREAMLIT_LOGGER_LEVEL": "error"}
        env.pop("SINKBOARD_MODE", None)
        _, peak_mb = run_child([sys.executable, "-m", "sinkboard.dev.bench", "pages", str(work / "warehouse"),
                                str(pages_json), "--reruns", str(reruns)], work / "pages.log", env=env)
        results.update(json.loads(pages_json.read_text()))
        results["peak_rss_mb"] = round(peak_mb)
        say("timing the pandas baseline against the queries ...")
        export_tables(work / "warehouse", work / "baseline")
        results.update(compare_baseline(work / "warehouse", work / "baseline", reruns))
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["goals"] = goals(results)
    if json_path:
        Path(json_path).write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n",
                                   encoding="utf-8")
    return results


def main(argv=None):
    """The child run that times the pages: python -m sinkboard.dev.bench pages WAREHOUSE OUT.json --reruns N."""
    parser = argparse.ArgumentParser(prog="python -m sinkboard.dev.bench")
    parser.add_argument("what", choices=["pages"])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--reruns", type=int, default=20)
    args = parser.parse_args(argv)
    figures = time_pages(args.warehouse, args.reruns)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
