"""Figures the pages and the briefing derive from query results, without Streamlit: tile verdicts, shares, totals."""

import pandas as pd

from sinkboard.text.catalogue import text
from sinkboard.text.formats import percent


def province_targets(progress: pd.DataFrame) -> pd.DataFrame:
    """The province's rows of target_progress that have a target, by year."""
    return progress[(progress.zone == "全省") & progress.target_mu.notna()].sort_values("year")


def area_targets(progress: pd.DataFrame, zone=None) -> pd.DataFrame:
    """The rows of target_progress that the target tiles show, by year: the province's, or with a zone chosen the
    zone's for every year that the zone or the province has a target for (a zone without its own target is shown as
    its share of the province's)."""
    if not zone:
        return province_targets(progress)
    rows = progress[progress.zone == zone]
    return rows[rows.target_mu.notna() | rows.province_target_mu.notna()].sort_values("year")


def target_tile(row):
    """(verdict key, gap) for a target tile: missed, achieved, the area still to go, or share (a zone without a target
    of its own: its share of the province's)."""
    if pd.isna(row.target_mu):
        return "share", None
    if row.status == "missed":
        return "missed", row.gap_mu
    if row.gap_mu == 0:
        return "achieved", 0
    return "to_go", row.gap_mu


def upcoming_first(province: pd.DataFrame) -> list:
    """Target years with the ones still ahead first (earliest first), then the passed ones."""
    ahead = province[province.years_left > 0].year.tolist()
    passed = province[province.years_left == 0].year.tolist()
    return sorted(ahead) + sorted(passed)


def budget_share(headline):
    """Share of this year's budget (the province's) that the province has paid so far, or None without a budget."""
    if pd.isna(headline.subsidy_budget_yuan) or not headline.subsidy_budget_yuan:
        return None
    return float(headline.province_subsidy_paid_yuan) / float(headline.subsidy_budget_yuan)


def budget_note(headline, is_area, lang="zh"):
    """The subsidy tile's note: the share of the budget paid, the province's when an area is chosen (the budget is the
    province's, so the note says so)."""
    share = budget_share(headline)
    if share is None:
        return text("tile_no_budget", lang)
    if is_area:
        return text("tile_subsidy_province_of_budget", lang, share=percent(share))
    return text("tile_subsidy_of_budget", lang, share=percent(share))


def key_type_shares(by_type: pd.DataFrame) -> pd.DataFrame:
    """One row per zone (rows of scale_by_type): key_share, the share in its key project types of the area whose type
    is known, and merged_share, the share of its area in public cells merged without their type (0 inside). The
    merged area is left out of key_share's denominator: counted in, it would read as area of no key type, when it holds
    key types too, in a part no one outside may know."""
    zones = by_type.groupby(["zone", "zone_en"], sort=False, dropna=False)
    area = zones.area_mu.sum()
    merged = by_type[by_type.focus == "merged"].groupby(["zone", "zone_en"], dropna=False).area_mu.sum()
    key = by_type[by_type.focus == "key"].groupby(["zone", "zone_en"], dropna=False).area_mu.sum()
    merged = merged.reindex(area.index, fill_value=0)
    shares = pd.DataFrame({"key_share": key.reindex(area.index, fill_value=0) / (area - merged),
                           "merged_share": merged / area})
    return shares[shares.key_share.notna() | (shares.merged_share > 0)].reset_index()


def file_totals(files: pd.DataFrame) -> dict:
    """Rows read, loaded, rejected, skipped and duplicate, and the cells noted as warnings, over every file of the last
    ingest."""
    columns = ["rows_read", "rows_loaded", "rows_rejected", "rows_skipped", "rows_duplicate", "warnings"]
    return {c.removeprefix("rows_"): int(files[c].sum()) for c in columns}


def reject_count(groups: pd.DataFrame, dataset, reason, source_file) -> int:
    """Rejected rows matching the data page's filters (each "" for all), from the reject_groups query's rows."""
    chosen = groups
    for column, value in (("dataset", dataset), ("reason", reason), ("source_file", source_file)):
        if value:
            chosen = chosen[chosen[column] == value]
    return int(chosen.rows_rejected.sum())
