"""What changed between two builds of a warehouse folder, from the history the ingest records (sinkboard.store.history):
the key figures per area before and after, verdicts that changed, projects added, removed, moved on or edited, the
issuances, trades and payments added, removed or changed, rejected rows that appeared or were fixed, and the files
behind them. The changes page, the briefing's slide and the ingest's summary all read it from here."""

import datetime as dt
from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from sinkboard.store import history
from sinkboard.text import formats
from sinkboard.text.catalogue import text, value_label

MEASURES = ("development_mu", "registered_mu", "projects", "registered_projects", "issued_tco2e",
            "trade_volume_tco2e", "trade_amount_yuan", "subsidy_paid_yuan", "rejects")
FLOWS = ("issued_tco2e", "trade_volume_tco2e", "trade_amount_yuan", "subsidy_paid_yuan")
REGISTERED = ("注册", "签发")
EDITED = ("area_mu", "start_date", "registered_date", "first_issued_date")
PROJECT_COLUMNS = ["project_id", "project_name", "zone", "prefecture_code", "prefecture_name", "county_name",
                   "project_type", "status", "area_mu", "start_date", "registered_date", "source_file"]
REJECT_COLUMNS = ["dataset", "source_file", "source_row", "reason", "message", "faults"]


class ChangesError(Exception):
    """A comparison that cannot be made (no such build); the message says why, for the person who asked."""


@dataclass
class Changes:
    current: dict | None
    baseline: dict | None
    files: pd.DataFrame = field(default_factory=pd.DataFrame)
    deltas: pd.DataFrame = field(default_factory=pd.DataFrame)
    verdicts: pd.DataFrame = field(default_factory=pd.DataFrame)
    added: pd.DataFrame = field(default_factory=pd.DataFrame)
    removed: pd.DataFrame = field(default_factory=pd.DataFrame)
    moves: pd.DataFrame = field(default_factory=pd.DataFrame)
    registered: pd.DataFrame = field(default_factory=pd.DataFrame)
    edits: pd.DataFrame = field(default_factory=pd.DataFrame)
    events: pd.DataFrame = field(default_factory=pd.DataFrame)
    rejects_appeared: pd.DataFrame = field(default_factory=pd.DataFrame)
    rejects_fixed: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def is_empty(self):
        if self.baseline is None:
            return True
        listed = (self.files, self.verdicts, self.added, self.removed, self.moves, self.edits, self.events,
                  self.rejects_appeared, self.rejects_fixed)
        changed = [f"{m}_change" for m in MEASURES if f"{m}_change" in self.deltas]
        return all(frame.empty for frame in listed) and not (self.deltas[changed].fillna(0) != 0).any().any()

    zone: str | None = None  # the area the lists are narrowed to (within), else the province
    prefecture_code: str | None = None

    def area_row(self):
        """The row of deltas (a Series) of the area: the prefecture's, the zone's or the province's; None if absent."""
        if self.deltas.empty:
            return None
        if self.prefecture_code:
            rows = self.deltas[(self.deltas.level == "prefecture") & (self.deltas.prefecture_code == self.prefecture_code)]
        elif self.zone:
            rows = self.deltas[(self.deltas.level == "zone") & (self.deltas.zone == self.zone)]
        else:
            rows = self.deltas[self.deltas.level == "province"]
        return None if rows.empty else rows.iloc[0]

    def within(self, zone=None, prefecture_code=None):
        """The same changes with the projects, records and verdicts narrowed to a zone or a prefecture (a prefecture's
        verdicts are its zone's); the deltas stay whole, area_row() picks the area's. Rejected rows and files have no
        place and stay whole."""
        if not (zone or prefecture_code):
            return self

        def narrowed(frame):
            if frame.empty:
                return frame
            if prefecture_code and "prefecture_code" in frame:
                return frame[frame.prefecture_code == prefecture_code].reset_index(drop=True)
            return frame[frame.zone == zone].reset_index(drop=True) if zone and "zone" in frame else frame

        verdict_zone = zone
        if prefecture_code and not zone:
            matching = self.deltas[self.deltas.prefecture_code == prefecture_code] if not self.deltas.empty else []
            verdict_zone = matching.zone.iloc[0] if len(matching) else None
        verdicts = self.verdicts[self.verdicts.zone == verdict_zone].reset_index(drop=True) if verdict_zone \
            else self.verdicts
        return replace(self, verdicts=verdicts, added=narrowed(self.added), removed=narrowed(self.removed),
                       moves=narrowed(self.moves), registered=narrowed(self.registered), edits=narrowed(self.edits),
                       events=narrowed(self.events), zone=zone, prefecture_code=prefecture_code)


def _build(record):
    record = dict(record)
    record["built_at"] = pd.Timestamp(record["built_at"]).tz_convert("UTC")
    record["as_of"] = dt.date.fromisoformat(record["as_of"]) if record.get("as_of") else None
    return record


def builds(warehouse_dir):
    """One row per recorded build, oldest first (see the module's design in README: history of builds)."""
    current = history.current_build_id(warehouse_dir)
    rows = []
    for record in history.records(warehouse_dir):
        record = _build(record)
        rows.append({"build_id": record["build_id"], "built_at": record["built_at"], "as_of": record["as_of"],
                     "source_name": record.get("source_name"), "is_synthetic": record.get("is_synthetic"),
                     "previous_id": record.get("previous_id"),
                     "rows_loaded": sum((record.get("rows") or {}).values()),
                     "is_current": record["build_id"] == current})
    columns = ["build_id", "built_at", "as_of", "source_name", "is_synthetic", "previous_id", "rows_loaded", "is_current"]
    return pd.DataFrame(rows, columns=columns)


def choose_baseline(recorded, current_id, since):
    """The build to compare the current one with: the one before it (since=None), a build by its id, or the last
    build made on or before a date (a day in Beijing time, as every time shown is)."""
    order = [r["build_id"] for r in recorded]
    position = order.index(current_id)
    earlier = recorded[:position]
    if since is None:
        return earlier[-1] if earlier else None
    if isinstance(since, str) and not since.startswith("v-"):
        try:
            since = dt.date.fromisoformat(since)
        except ValueError:
            raise ChangesError(f"{since!r} is neither a build nor a date (YYYY-MM-DD)") from None
    if isinstance(since, dt.date):
        on_or_before = [r for r in earlier if formats.beijing(r["built_at"]).date() <= since]
        if not on_or_before:
            first = formats.beijing(recorded[0]["built_at"]).date()
            raise ChangesError(f"no build was made on or before {since.isoformat()}; the first was made on "
                               f"{first.isoformat()}")
        return on_or_before[-1]
    if since == current_id:
        raise ChangesError(f"{since} is the build shown now; choose an earlier one")
    for r in earlier:
        if r["build_id"] == since:
            return r
    if since in order:
        raise ChangesError(f"{since} was made after the build shown now")
    raise ChangesError(f"no build {since} in the history of this warehouse folder")


def compare(warehouse_dir, since=None):
    """What changed from the baseline (see choose_baseline) to the build the dashboard shows now."""
    recorded = [_build(r) for r in history.records(warehouse_dir)]
    current_id = history.current_build_id(warehouse_dir)
    if current_id not in [r["build_id"] for r in recorded]:
        return Changes(None, None)  # a warehouse built before the history was kept: nothing to compare
    current = next(r for r in recorded if r["build_id"] == current_id)
    baseline = choose_baseline(recorded, current_id, since)
    if baseline is None:
        return Changes(current, None)
    if baseline.get("record_format") != history.RECORD_FORMAT:
        raise ChangesError(f"{baseline['build_id']} was recorded by another version of sinkboard, whose records "
                           f"cannot be compared with this one's; choose a later build")
    between = [r["build_id"] for r in recorded
               if baseline["built_at"] < r["built_at"] <= current["built_at"]]
    con = duckdb.connect(":memory:")
    try:
        def read(build_id, table):
            path = str(history.table_path(warehouse_dir, build_id, table)).replace("'", "''")
            return f"read_parquet('{path}')"

        then, now = baseline["build_id"], current_id
        files = con.execute(f"""
            select coalesce(n.dataset, b.dataset) as dataset, coalesce(n.source_file, b.source_file) as source_file,
                case when b.source_file is null then 'added' when n.source_file is null then 'removed'
                    else 'changed' end as change,
                coalesce(n.size_bytes, b.size_bytes) as size_bytes, coalesce(n.sha256, b.sha256) as sha256,
            from {read(now, 'files')} as n
            full join {read(then, 'files')} as b using (dataset, source_file)
            where n.sha256 is distinct from b.sha256
            order by dataset, source_file
        """).df()
        measures = ", ".join(f"b.{m} as {m}_before, n.{m} as {m}_after, n.{m} - b.{m} as {m}_change" for m in MEASURES)
        deltas = con.execute(f"""
            select coalesce(n.level, b.level) as level, coalesce(n.zone, b.zone) as zone,
                coalesce(n.zone_en, b.zone_en) as zone_en, coalesce(n.prefecture_code, b.prefecture_code) as prefecture_code,
                coalesce(n.prefecture_name, b.prefecture_name) as prefecture_name,
                coalesce(n.prefecture_name_en, b.prefecture_name_en) as prefecture_name_en,
                coalesce(n.sort_order, b.sort_order) as sort_order, {measures}
            from {read(now, 'figures')} as n
            full join {read(then, 'figures')} as b
                on n.level = b.level and n.zone = b.zone and n.prefecture_code is not distinct from b.prefecture_code
        """).df().sort_values(["sort_order", "level", "prefecture_code"], key=_area_order, ignore_index=True)
        # an area that had no row then or has none now counts from (or to) nothing
        for m in MEASURES:
            if m != "rejects":
                deltas[f"{m}_before"] = deltas[f"{m}_before"].fillna(0.0)
                deltas[f"{m}_after"] = deltas[f"{m}_after"].fillna(0.0)
                deltas[f"{m}_change"] = deltas[f"{m}_after"] - deltas[f"{m}_before"]
        verdicts = con.execute(f"""
            select coalesce(n.zone, b.zone) as zone, coalesce(n.zone_en, b.zone_en) as zone_en,
                coalesce(n.sort_order, b.sort_order) as sort_order, coalesce(n.year, b.year) as year,
                b.status as status_before, n.status as status_after,
            from {read(now, 'verdicts')} as n
            full join {read(then, 'verdicts')} as b using (zone, year)
            where n.status is distinct from b.status
            order by sort_order, year
        """).df()
        projects = f"""
            select {{columns}} from {read(now, 'projects')} as n full join {read(then, 'projects')} as b using (project_id)
        """
        shown = ", ".join(f"coalesce(n.{c}, b.{c}) as {c}" for c in PROJECT_COLUMNS if c != "project_id")
        added = con.execute(projects.format(columns=f"project_id, {shown}") + " where b.project_id is null order by 1").df()
        removed_columns = ", ".join(f"b.{c} as {c}" for c in PROJECT_COLUMNS if c != "project_id")
        removed = con.execute(projects.format(columns=f"project_id, {removed_columns}")
                              + " where n.project_id is null order by 1").df()
        now_columns = ", ".join(f"n.{c} as {c}" for c in ("project_name", "zone", "prefecture_code", "prefecture_name",
                                                          "county_name", "project_type", "area_mu"))
        moves = con.execute(projects.format(
            columns=f"project_id, {now_columns}, b.status as status_before, n.status as status_after, "
                    f"n.registered_date, n.source_file")
            + " where n.project_id is not null and b.project_id is not null and n.status <> b.status order by 1").df()
        registered = con.execute(projects.format(
            columns=f"project_id, {now_columns}, n.registered_date, n.source_file")
            + f" where n.status in {REGISTERED} and (b.project_id is null or b.status not in {REGISTERED}) "
              f"order by n.registered_date, 1").df()
        edit_rows = " union all ".join(
            f"select project_id, n.project_name, n.zone, n.prefecture_code, '{c}' as field, "
            f"{_as_text('b.' + c, c)} as before, {_as_text('n.' + c, c)} as after, n.source_file "
            f"from {read(now, 'projects')} as n join {read(then, 'projects')} as b using (project_id) "
            f"where n.{c} is distinct from b.{c}"
            for c in EDITED)
        edits = con.execute(f"select * from ({edit_rows}) order by project_id, field").df()
        rejects = """
            select {columns} from {a} as x
            where reason <> 'superseded' and identity not in (select identity from {b})
            order by dataset, source_file, source_row
        """
        appeared = con.execute(rejects.format(columns=", ".join(REJECT_COLUMNS), a=read(now, "rejects"),
                                              b=read(then, "rejects"))).df()
        fixed = con.execute(rejects.format(columns=", ".join(REJECT_COLUMNS), a=read(then, "rejects"),
                                           b=read(now, "rejects"))).df()
        events = _composed_events(con, [read(b, "events") for b in between], between)
    finally:
        con.close()
    return Changes(current, baseline, files, deltas, verdicts, added, removed, moves, registered, edits, events,
                   appeared, fixed)


def _area_order(column):
    """Sort key of deltas: the province, then each zone in plan order with its prefectures after it, by code."""
    if column.name == "level":
        return column.map({"province": 0, "zone": 1, "prefecture": 2})
    return column


def _as_text(column, field):
    """A project's field as text to show before and after: a date in ISO form, an area without a trailing .0."""
    if field == "area_mu":
        return (f"case when {column} = round({column}) then format('{{:,}}', {column}::bigint) "
                f"else format('{{:,}}', {column}) end")
    return f"{column}::varchar"


EVENT_COLUMNS = ["dataset", "record", "change", "project_id", "zone", "prefecture_code", "prefecture_name", "event_date", "tco2e",
                 "amount_yuan", "tco2e_before", "amount_yuan_before", "source_file"]


def _composed_events(con, tables, build_ids):
    """The issuances, trades and payments changed from the baseline to now, out of the changes each build recorded
    against the one before it: a record first added and still there is added; one there at the baseline and gone now
    is removed (its values as they were); one there at both ends that changed on the way is changed."""
    if not tables:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    steps = " union all ".join(f"select *, {i} as step from {table}" for i, table in enumerate(tables))
    return con.execute(f"""
        with steps as ({steps}),
        ends as (
            select dataset, record,
                arg_min(change, step) as first_change, arg_max(change, step) as last_change,
                min(step) as first_step, max(step) as last_step,
            from steps group by dataset, record
        ),
        outcome as (
            select *,
                case
                    when first_change = 'added' and last_change <> 'removed' then 'added'
                    when first_change <> 'added' and last_change = 'removed' then 'removed'
                    when first_change <> 'added' and last_change <> 'removed' then 'changed'
                end as net_change,
            from ends
        )
        select s.dataset, s.record, o.net_change as change, s.project_id, s.zone, s.prefecture_code, s.prefecture_name,
            s.event_date,
            s.tco2e, s.amount_yuan, f.tco2e_before, f.amount_yuan_before, s.source_file,
        from outcome as o
        -- the values now are the last step's; the values before, the first step's
        join steps as s on s.dataset = o.dataset and s.record = o.record and s.step = o.last_step
        join steps as f on f.dataset = o.dataset and f.record = o.record and f.step = o.first_step
        where o.net_change is not null
        order by s.dataset, s.record
    """).df()[EVENT_COLUMNS]


def describe_build(record, lang):
    """A build as a person names it: its time in Beijing, the date its data reach, and its source folder."""
    if record is None:
        return formats.MISSING
    return text("history_build", lang, time=formats.moment(record["built_at"], lang),
                as_of=formats.day(record["as_of"], lang) if record.get("as_of") else formats.MISSING,
                source=record.get("source_name") or formats.MISSING)


def headline(changes: Changes, lang="zh"):
    """Up to six short sentences on what changed: projects, stages, scale, flows, verdicts, rejected rows; of the area
    the changes were narrowed to (Changes.within), else of the province."""
    if changes.current is None:
        return [text("history_none", lang)]
    if changes.baseline is None:
        return [text("history_first", lang)]
    if changes.is_empty:
        return [text("history_nothing", lang, build=describe_build(changes.baseline, lang))]
    sentences = []
    if not (changes.added.empty and changes.removed.empty and changes.moves.empty):
        sentences.append(text("history_projects", lang, added=formats.count(len(changes.added), lang),
                              removed=formats.count(len(changes.removed), lang),
                              moved=formats.count(len(changes.moves), lang)))
    if not changes.registered.empty:
        sentences.append(text("history_registered", lang, count=formats.count(len(changes.registered), lang),
                              area=formats.quantity(changes.registered.area_mu.sum(), "area", lang)))
    area = changes.area_row()
    digits = 2 if lang == "zh" else None  # 1.41万亩 and 1.35万亩, not 1.4万亩 twice
    if area is not None:
        sentences.append(text(
            "history_scale", lang,
            development=formats.signed(area.development_mu_change, lang, "area"),
            development_after=formats.quantity(area.development_mu_after, "area", lang, digits),
            registered=formats.signed(area.registered_mu_change, lang, "area"),
            registered_after=formats.quantity(area.registered_mu_after, "area", lang, digits)))
    if area is not None and any(area[f"{m}_change"] for m in FLOWS):
        sentences.append(text(
            "history_flows", lang,
            issued=formats.signed(area.issued_tco2e_change, lang, "carbon"),
            traded=formats.signed(area.trade_volume_tco2e_change, lang, "carbon"),
            value=formats.signed(area.trade_amount_yuan_change, lang, "money"),
            paid=formats.signed(area.subsidy_paid_yuan_change, lang, "money")))
    if not changes.verdicts.empty:
        moved = [text("history_verdict_move", lang,
                      area=text("province", lang) if row.zone == "全省" else value_label(row.zone, lang),
                      year=int(row.year), before=_status(row.status_before, lang), after=_status(row.status_after, lang))
                 for row in changes.verdicts.itertuples()]
        sentences.append(text("history_verdicts", lang, moves=text("history_separator", lang).join(moved)))
    in_area = changes.zone or changes.prefecture_code  # rejected rows have no place: told for the province only
    if not in_area and not (changes.rejects_appeared.empty and changes.rejects_fixed.empty):
        sentences.append(text("history_rejects", lang,
                              appeared=formats.count(len(changes.rejects_appeared), lang),
                              fixed=formats.count(len(changes.rejects_fixed), lang)))
    return sentences[:6]


def _status(code, lang):
    return formats.MISSING if code is None or code != code else text(f"status_{code}", lang)
