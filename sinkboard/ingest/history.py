"""The ingest's record of a build for the history (sinkboard.store.history): its files, key figures, verdicts, projects
and rejects, and the issuances, trades and payments that changed since the build before it; and the public
warehouse's own short account of what changed in its published facts."""

import datetime as dt
import json
import os
import shutil
from importlib import resources
from pathlib import Path

import duckdb

from sinkboard import __version__
from sinkboard.store import history, warehouse

REGISTERED = ("注册", "签发")
# the public aggregates compared between builds, as history_figures.sql names them
PUBLIC_MEASURES = ("development_mu", "registered_mu", "registered_projects", "issued_tco2e", "trade_volume_tco2e",
                   "trade_amount_yuan", "subsidy_paid_yuan")


def sql_text(name):
    return resources.files("sinkboard.ingest").joinpath("sql", name).read_text(encoding="utf-8")


def previous_build(out: Path):
    """(build id, version folder) of the build the dashboard shows now, when the history holds it; else (None, None)."""
    build_id = history.current_build_id(out)
    if build_id is None or not (history.folder(out) / build_id / history.BUILD_FILE).is_file():
        return None, None
    version = out / build_id
    return build_id, (version if (version / "internal.duckdb").is_file() else None)


def figures(con):
    return con.execute(sql_text("history_figures.sql")).df()


def data_as_of(path: Path):
    """The latest date in a built warehouse's data, and the status of each area's targets at that date."""
    connection = warehouse.connect(path)
    try:
        latest = warehouse.run_query(connection, "data_dates").latest_date.iloc[0]
        if latest is None or latest != latest:
            return None, None
        latest = latest.date() if hasattr(latest, "date") else latest
        progress = warehouse.run_query(connection, "target_progress", as_of=latest, basis="development")
        verdicts = progress[progress.status.notna()][["zone", "zone_en", "sort_order", "year", "status"]]
        return latest, verdicts.reset_index(drop=True)
    finally:
        connection.close()


# one row per issuance, trade and payment of a warehouse (alias DB), with what identifies it and a signature of its
# content: two builds' rows of one record with different signatures are a change
EVENTS = """
select 'issuances' as dataset, i.project_id || ' ' || i.period_start::varchar || '/' || i.period_end::varchar as record,
    to_json([i.project_id, i.period_start::varchar, i.period_end::varchar])::varchar as record_key,
    i.project_id, p.zone, p.prefecture_code, p.prefecture_name, i.issued_date as event_date, i.issued_tco2e::double as tco2e,
    null::decimal(18, 2) as amount_yuan,
    concat_ws('|', i.verified_tco2e, i.issued_tco2e, i.issued_date) as signature,
from DB.issuances as i left join DB.projects as p using (project_id)
union all
select 'trades', t.trade_id, t.trade_id, t.project_id, p.zone, p.prefecture_code, p.prefecture_name, t.trade_date, t.volume_tco2e::double,
    t.amount_yuan::decimal(18, 2),
    concat_ws('|', t.trade_date, t.project_id, t.platform, t.buyer_type, t.volume_tco2e, t.price_yuan, t.amount_yuan,
              t.purpose),
from DB.trades as t left join DB.projects as p using (project_id)
union all
select 'subsidies', s.payment_id, s.payment_id, s.project_id, s.zone, s.prefecture_code, s.prefecture_name, s.paid_date,
    null,
    s.amount_yuan::decimal(18, 2),
    concat_ws('|', s.project_id, s.county_code, s.category, s.amount_yuan, s.paid_date, s.budget_year),
from DB.subsidies as s
"""


def _events(db, has_sources):
    sources = (f"left join {db}.loaded_sources as ls on ls.dataset = e.dataset and ls.record_key = e.record_key"
               if has_sources else "")
    source_file = "ls.source_file" if has_sources else "null::varchar"
    return f"select e.*, {source_file} as source_file from ({EVENTS.replace('DB.', f'{db}.')}) as e {sources}"


def _has_table(con, db, table):
    return con.execute("select count(*) from duckdb_tables() where database_name = $db and table_name = $table",
                       {"db": db, "table": table}).fetchall()[0][0] > 0


def record(out: Path, building: Path, source: Path, build_id: str, memory_limit: str):
    """Writes the record of the build in `building` into history/.building-<pid> (returned; `commit` names it after the
    switch), and the public changes tables into the built public warehouse. Compared with the build the dashboard shows
    now, when the history holds it."""
    previous_id, previous_version = previous_build(out)
    staging = history.folder(out) / f".building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    as_of, verdicts = data_as_of(building / "internal.duckdb")
    con = duckdb.connect(str(building / "internal.duckdb"), read_only=True)
    try:
        # the comparison of two builds' trades spills beside the build, as the build does, rather than outgrow its limit
        con.execute("set memory_limit = $limit", {"limit": memory_limit})
        con.execute("set temp_directory = $dir", {"dir": str(building / "spill")})
        own = con.execute("select current_database()").fetchall()[0][0]
        if previous_version is not None:
            con.execute("attach $path as previous (read_only)", {"path": str(previous_version / "internal.duckdb")})
        # moments as microseconds since 1970 (UTC): a timestamp with a zone would need pytz to reach Python
        built_us, source_name, is_synthetic = con.execute(
            "select epoch_us(built_at), source_name, is_synthetic from build_info").fetchall()[0]
        built_at = dt.datetime.fromtimestamp(built_us / 1e6, tz=dt.timezone.utc)
        rows = dict(con.execute("select dataset, sum(rows_loaded)::bigint from ingest_files group by dataset").fetchall())
        files = con.execute("select * exclude (encoding, warnings) from ingest_files order by dataset, source_file").df()
        files.insert(2, "size_bytes", [_size(source / name) for name in files.source_file])
        _write(con, files, staging / "files.parquet")
        figures_frame = figures(con)
        # a row superseded by a newer export is the newer file at work, not a fault: the count is of faulty rows
        rejects = con.execute("select count(*) from rejects where reason <> 'superseded'").fetchall()[0][0]
        figures_frame["rejects"] = [float(rejects) if level == "province" else None for level in figures_frame.level]
        _write(con, figures_frame, staging / "figures.parquet")
        if verdicts is None:
            verdicts = con.execute("select null::varchar as zone, null::varchar as zone_en, null::integer as sort_order, "
                                   "null::integer as year, null::varchar as status where false").df()
        _write(con, verdicts, staging / "verdicts.parquet")
        con.execute(f"""
            copy (
                select p.project_id, p.project_name, p.county_code, p.county_name, p.prefecture_code, p.prefecture_name,
                    p.zone, p.project_type, p.owner_type, p.status, p.area_mu::double as area_mu, p.start_date,
                    p.registered_date, i.first_issued_date, ls.source_file,
                from projects as p
                left join (select project_id, min(issued_date) as first_issued_date from issuances group by all) as i
                    using (project_id)
                left join loaded_sources as ls on ls.dataset = 'projects' and ls.record_key = p.project_id
                order by p.project_id
            ) to '{_quoted(staging / "projects.parquet")}' (format parquet)
        """)
        con.execute(f"""
            copy (
                select dataset, source_file, source_row, reason, message, faults,
                    md5(concat_ws('|', dataset, source_file, reason, raw::varchar)) as identity,
                from rejects order by dataset, source_file, source_row
            ) to '{_quoted(staging / "rejects.parquet")}' (format parquet)
        """)
        if previous_version is not None:
            changed = f"""
                with now as ({_events(own, True)}),
                before as ({_events('previous', _has_table(con, 'previous', 'loaded_sources'))})
                select
                    coalesce(now.dataset, before.dataset) as dataset,
                    coalesce(now.record, before.record) as record,
                    case when before.record is null then 'added' when now.record is null then 'removed'
                        else 'changed' end as change,
                    coalesce(now.project_id, before.project_id) as project_id,
                    coalesce(now.zone, before.zone) as zone,
                    coalesce(now.prefecture_code, before.prefecture_code) as prefecture_code,
                    coalesce(now.prefecture_name, before.prefecture_name) as prefecture_name,
                    coalesce(now.event_date, before.event_date) as event_date,
                    case when now.record is null then before.tco2e else now.tco2e end as tco2e,
                    case when now.record is null then before.amount_yuan else now.amount_yuan end as amount_yuan,
                    before.tco2e as tco2e_before,
                    before.amount_yuan as amount_yuan_before,
                    coalesce(now.source_file, before.source_file) as source_file,
                from now
                full join before on now.dataset = before.dataset and now.record = before.record
                where now.signature is distinct from before.signature
                order by dataset, record
            """
        else:
            changed = f"select * exclude (record_key, signature), tco2e as tco2e_before, amount_yuan as amount_yuan_before, " \
                      f"'added' as change from ({_events(own, True)}) where false"
        con.execute(f"copy ({changed}) to '{_quoted(staging / 'events.parquet')}' (format parquet)")
    finally:
        con.close()
    build = {
        "build_id": build_id, "record_format": history.RECORD_FORMAT, "built_at": built_at.isoformat(), "as_of": as_of.isoformat() if as_of else None,
        "source_name": source_name, "is_synthetic": bool(is_synthetic), "previous_id": previous_id,
        "sinkboard_version": __version__, "rows": {name: int(n) for name, n in rows.items()},
    }
    (staging / history.BUILD_FILE).write_text(json.dumps(build, ensure_ascii=False, indent=1), encoding="utf-8")
    write_public_changes(building / "public.duckdb",
                         previous_version / "public.duckdb" if previous_version is not None else None)
    return staging


def commit(staging: Path, build_id: str):
    """Names the record after its build, once the build is the current one."""
    os.rename(staging, staging.parent / build_id)


def discard(out: Path):
    shutil.rmtree(history.folder(out) / f".building-{os.getpid()}", ignore_errors=True)


def write_public_changes(public_path: Path, previous_public: Path | None):
    """The public warehouse's account of what changed since the build before: newly listed registered projects and
    the published aggregates per zone before and after. Both come from public facts only (the public projects list
    and fact tables of each build)."""
    con = duckdb.connect(str(public_path))
    try:
        own = con.execute("select current_database()").fetchall()[0][0]
        after = _public_area_figures(con)
        now_as_of = con.execute(warehouse.query_text("data_dates")).fetchall()[0][1]
        if previous_public is not None and previous_public.is_file():
            con.execute("attach $path as previous (read_only)", {"path": str(previous_public)})
            con.execute("use previous")
            before = _public_area_figures(con)
            previous_built_us = con.execute("select epoch_us(built_at) from build_info").fetchall()[0][0]
            previous_as_of = con.execute(warehouse.query_text("data_dates")).fetchall()[0][1]
            con.execute(f"use {own}")
            listed_before = "select project_id from previous.projects"
        else:
            before, previous_built_us, previous_as_of = None, None, None
            listed_before = None
        con.execute("""
            create or replace table changes_info as
            select make_timestamp(epoch_us(built_at)) as built_at, $as_of::date as as_of,
                make_timestamp($previous_built_us::bigint) as previous_built_at, $previous_as_of::date as previous_as_of
            from build_info
        """, {"as_of": now_as_of, "previous_built_us": previous_built_us, "previous_as_of": previous_as_of})
        con.execute(f"""
            create or replace table changes_registered as
            select project_id, project_name, county_code, county_name, prefecture_code, prefecture_name, zone,
                project_type, area_mu, registered_date
            from projects
            where status in {REGISTERED}
                and {f"project_id not in ({listed_before})" if listed_before else "false"}
            order by registered_date, project_id
        """)
        rows = []
        if before is not None:
            for zone, now_row in after.items():
                then = before.get(zone, {})
                for measure in PUBLIC_MEASURES:
                    rows.append((zone, now_row["zone_en"], now_row["sort_order"], measure, then.get(measure, 0.0),
                                 now_row[measure]))
        con.execute("create or replace table changes_figures (zone varchar, zone_en varchar, sort_order integer, "
                    "measure varchar, before double, after double)")
        if rows:
            con.executemany("insert into changes_figures values (?, ?, ?, ?, ?, ?)", rows)
        con.execute("checkpoint")
    finally:
        con.close()


def _public_area_figures(con):
    """zone ('全省' for the province) -> its English name, sort order and the value of each measure."""
    frame = figures(con)
    frame = frame[frame.level != "prefecture"]
    return {row.zone: {"zone_en": None if row.zone_en != row.zone_en else row.zone_en,
                       "sort_order": int(row.sort_order),
                       **{measure: float(getattr(row, measure)) for measure in PUBLIC_MEASURES}}
            for row in frame.itertuples()}


def _write(con, frame, path):
    con.register("frame", frame)
    try:
        con.execute(f"copy (select * from frame) to '{_quoted(path)}' (format parquet)")
    finally:
        con.unregister("frame")


def _quoted(path):
    return str(path).replace("'", "''")


def _size(path: Path):
    try:
        return path.stat().st_size
    except OSError:
        return None
