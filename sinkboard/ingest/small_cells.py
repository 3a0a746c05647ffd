"""The small-cell rule of the public warehouse, applied in one place: an aggregate that stands for fewer than three
private parties (farmer households, projects not yet registered, individual buyers) is never published as it is.

Such a cell is merged into its prefecture, then into its zone's month without its finer categories; cells still too
small are merged with the next ones of the same zone in time until three parties are together, the merged cell dated
at its last month (so nothing counts before it started). What is left at the end joins the last merged cell; a zone
with fewer than three such parties in all publishes them without figures (shown as "<3")."""

from importlib import resources

import pandas as pd

SMALLEST = 3  # the fewest private parties a published figure may stand for

# public table, its monthly cells (built by public.sql), its date column, the column counting parties, the summed
# columns, and the finer categories a zone-level cell leaves out
SUPPRESSED = (
    ("scale_events", "scale_cells", "event_date", "projects", ("projects", "area_mu"),
     ("project_type", "status", "owner_type")),
    ("trade_facts", "trade_cells", "trade_date", "trades", ("trades", "volume_tco2e", "amount_yuan", "priced_volume_tco2e"),
     ("platform", "purpose", "project_type")),
    ("subsidy_facts", "subsidy_cells", "paid_date", "payments", ("payments", "amount_yuan"), ("budget_year", "category")),
)
COUNTS = {"projects", "trades", "payments"}


def build_suppressed_tables(con):
    """Creates each public fact table from its cells; names come from SUPPRESSED above, values go as parameters."""
    template = resources.files("sinkboard.ingest").joinpath("sql", "suppress.sql").read_text(encoding="utf-8")
    for table, cells, date, parties, measures, detail in SUPPRESSED:
        sums = ", ".join(f"sum({m})::bigint as {m}" if m in COUNTS else f"sum({m}) as {m}" for m in measures)
        nulls = ", ".join(f"null as {m}" for m in measures)
        sql = template.format(table=table, cells=cells, parties=parties, measures_list=", ".join(measures),
                              measure_sums=sums, measure_nulls=nulls, detail_list=", ".join(detail),
                              detail_nulls=", ".join(f"null as {d}" for d in detail))
        con.execute(sql, {"smallest": SMALLEST})
        con.execute(f"drop table {cells}")
        small = con.execute(f"select * from {table} where is_suppressed").df()
        if small.empty:
            continue
        merged = merge_over_time(small, date, parties, list(measures))
        con.execute(f"delete from {table} where is_suppressed")
        con.register("merged", merged)
        con.execute(f"insert into {table} by name select * from merged")
        con.unregister("merged")


def merge_over_time(small: pd.DataFrame, date, parties, measures):
    """Cells of one partition (every column but the date and the figures) merged in date order into cells of at least
    SMALLEST parties, each dated at its last month; the remainder joins the last merged cell."""
    keys = [c for c in small.columns if c not in (date, *measures, "is_suppressed")]
    out = []
    for _, group in small.sort_values(date).groupby(keys, dropna=False, sort=False):
        merged, pending = [], None
        for row in group.to_dict("records"):
            if pending is None:
                pending = dict(row)
            else:
                for m in measures:
                    pending[m] = _add(pending[m], row[m])
                pending[date] = row[date]
            if pending[parties] >= SMALLEST:
                merged.append({**pending, "is_suppressed": False})
                pending = None
        if pending is not None and merged:  # the remainder is counted later than it happened, never earlier
            last = merged[-1]
            for m in measures:
                last[m] = _add(last[m], pending[m])
            last[date] = pending[date]
        elif pending is not None:
            merged.append({**pending, **{m: None for m in measures}, "is_suppressed": True})
        out += merged
    return pd.DataFrame(out, columns=small.columns)


def _add(a, b):
    if a is None or (isinstance(a, float) and a != a):
        return b
    if b is None or (isinstance(b, float) and b != b):
        return a
    return a + b
