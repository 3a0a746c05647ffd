"""The benchmark's yardstick: the figures of the main pages computed the way a typical Streamlit app computes them,
with pandas only. The export tables are read once (the cached file read, as `st.cache_data` would keep it), and every
rerun filters and groups the rows again. `python -m sinkboard bench` times these beside sinkboard's own queries and
checks that both give the same figures.

Each function takes the loaded tables and the page's parameters (as_of, basis, zone, prefecture_code, and the
query's own, e.g. level) and returns a frame with the columns, order and meaning of the query it stands for."""

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

# the tables a typical app would read from the exports (canonical columns, money as float as read_csv gives it)
TABLES = ("projects", "issuances", "trades", "subsidies", "budgets", "targets", "plan_targets", "carbon_stock",
          "potential", "counties", "zones")
DATE_COLUMNS = ("start_date", "registered_date", "issued_date", "trade_date", "paid_date")
REGISTERED = ("注册", "签发")
STATUS_ORDER = ("储备", "审定", "注册", "签发", "终止")
PROJECT_REGION = ["project_id", "county_code", "county_name", "prefecture_code", "prefecture_name", "zone",
                  "project_type"]


@cache
def load(folder):
    """Every table of the export folder (TABLE.parquet), dates parsed, and the trades and issuances joined to their
    project's region and type once: the app's cached read, so none of it is timed per rerun. The frames are shared,
    not copied on every call as st.cache_data copies them: the baseline is timed at its fastest."""
    data = {}
    for name in TABLES:
        frame = pd.read_parquet(Path(folder) / f"{name}.parquet")
        for column in DATE_COLUMNS:
            if column in frame:
                frame[column] = pd.to_datetime(frame[column])
        data[name] = frame
    regions = data["projects"][PROJECT_REGION]
    data["trades"] = data["trades"].merge(regions, on="project_id")
    data["issuances"] = data["issuances"].merge(regions, on="project_id")
    return data


def in_area(frame, zone, prefecture_code):
    keep = np.ones(len(frame), dtype=bool)
    if zone is not None:
        keep &= (frame["zone"] == zone).to_numpy()
    if prefecture_code is not None:
        keep &= (frame["prefecture_code"] == prefecture_code).to_numpy()
    return frame[keep]


def counted(projects, basis, as_of):
    """The projects that count on a basis by the as-of date, with the date they start counting as event_date."""
    if basis == "registered":
        rows = projects[projects.status.isin(REGISTERED)]
        event_date = rows.registered_date
    else:
        rows = projects[projects.status != "终止"]
        event_date = rows.start_date
    rows = rows.assign(event_date=event_date)
    return rows[rows.event_date <= pd.Timestamp(as_of)]


def headline(data, as_of, zone, prefecture_code, **_):
    as_of = pd.Timestamp(as_of)
    year_ago = as_of - pd.DateOffset(months=12)
    development = in_area(counted(data["projects"], "development", as_of), zone, prefecture_code)
    registered = in_area(counted(data["projects"], "registered", as_of), zone, prefecture_code)
    issuances = in_area(data["issuances"], zone, prefecture_code)
    trades = in_area(data["trades"], zone, prefecture_code)
    trades = trades[(trades.trade_date <= as_of) & (trades.trade_date.dt.year == as_of.year)]
    subsidies = data["subsidies"]
    subsidies = subsidies[subsidies.paid_date <= as_of]
    this_year = subsidies[subsidies.budget_year.fillna(subsidies.paid_date.dt.year) == as_of.year]
    budgets = data["budgets"]
    budget = budgets[budgets.year == as_of.year].amount_yuan
    return pd.DataFrame([{
        "this_year": as_of.year,
        "development_mu": development.area_mu.sum(),
        "registered_mu": registered.area_mu.sum(),
        "development_projects": len(development),
        "registered_projects": len(registered),
        "development_year_ago_mu": development[development.event_date <= year_ago].area_mu.sum(),
        "registered_year_ago_mu": registered[registered.event_date <= year_ago].area_mu.sum(),
        "issued_tco2e": issuances[issuances.issued_date <= as_of].issued_tco2e.sum(),
        "trade_volume_tco2e": trades.volume_tco2e.sum(),
        "trade_amount_yuan": trades.amount_yuan.sum(),
        "trades": len(trades),
        "subsidy_paid_yuan": in_area(this_year, zone, prefecture_code).amount_yuan.sum(),
        "province_subsidy_paid_yuan": this_year.amount_yuan.sum(),
        "subsidy_budget_yuan": budget.sum() if len(budget) else np.nan,
    }])


def target_progress(data, as_of, basis, **_):
    as_of = pd.Timestamp(as_of)
    events = counted(data["projects"], basis, as_of)[["zone", "event_date", "area_mu"]]
    province = events.assign(zone="全省")
    events = pd.concat([province, events])
    year_ago = as_of - pd.DateOffset(months=12)
    targets = data["targets"]
    targets = targets[targets.metric == "area_mu"][["year", "zone", "value"]]
    plan = data["plan_targets"]
    plan = plan[plan.metric == "area_mu"][["year", "zone", "value"]]
    plan = plan[~plan.set_index(["year", "zone"]).index.isin(targets.set_index(["year", "zone"]).index)]
    targets = pd.concat([targets, plan]).rename(columns={"value": "target_mu"})
    zones = data["zones"][["zone", "sort_order"]]
    areas = pd.concat([pd.DataFrame({"zone": ["全省"], "sort_order": [0]}), zones])
    rows = areas.merge(pd.DataFrame({"year": sorted(targets.year.unique())}), how="cross")
    rows = rows.merge(targets, on=["year", "zone"], how="left")
    scale_now = events.groupby("zone").area_mu.sum()
    scale_year_ago = events[events.event_date <= year_ago].groupby("zone").area_mu.sum()
    rows["deadline"] = pd.to_datetime(rows.year.astype(str) + "-12-31")
    rows["scale_mu"] = rows.zone.map(scale_now).fillna(0.0)
    rows["scale_year_ago_mu"] = rows.zone.map(scale_year_ago).fillna(0.0)
    rows["scale_at_deadline_mu"] = [
        events[(events.zone == zone) & (events.event_date <= min(deadline, as_of))].area_mu.sum()
        for zone, deadline in zip(rows.zone, rows.deadline)]
    rows["years_left"] = (rows.deadline - as_of).dt.days.clip(lower=0) / 365.25
    over = rows.years_left == 0
    judged = rows.scale_at_deadline_mu.where(over, rows.scale_mu)
    rows["pace_mu_per_year"] = rows.scale_mu - rows.scale_year_ago_mu
    rows["needed_mu_per_year"] = ((rows.target_mu - rows.scale_mu).clip(lower=0) / rows.years_left).where(~over)
    rows["share_of_target"] = judged / rows.target_mu
    rows["status"] = np.select(
        [rows.target_mu.isna(), over & (judged >= rows.target_mu), over, rows.scale_mu >= rows.target_mu,
         rows.pace_mu_per_year >= rows.needed_mu_per_year],
        [None, "achieved", "missed", "achieved", "on_track"], "behind")
    return rows.sort_values(["sort_order", "year"], kind="stable").reset_index(drop=True)


def region_ranking(data, as_of, basis, zone, prefecture_code, level, **_):
    code, name = ("county_code", "county_name") if level == "county" else ("prefecture_code", "prefecture_name")
    regions = in_area(data["counties"], zone, prefecture_code)
    regions = regions.assign(region_code=regions[code], region_name=regions[name])
    regions = regions[["region_code", "region_name", "prefecture_name", "zone"]].drop_duplicates()
    events = in_area(counted(data["projects"], basis, as_of), zone, prefecture_code)
    scale = events.groupby(code).agg(projects=("project_id", "size"), area_mu=("area_mu", "sum"))
    assessed = data["potential"].groupby(code).potential_area_mu.sum()
    regions["projects"] = regions.region_code.map(scale.projects).fillna(0).astype("int64")
    regions["area_mu"] = regions.region_code.map(scale.area_mu).fillna(0.0)
    regions["potential_area_mu"] = regions.region_code.map(assessed)
    regions["share_of_potential"] = regions.area_mu / regions.potential_area_mu
    return regions.sort_values(["area_mu", "region_code"], ascending=[False, True]).reset_index(drop=True)


def started(data, as_of, zone, prefecture_code):
    projects = in_area(data["projects"], zone, prefecture_code)
    return projects[projects.start_date <= pd.Timestamp(as_of)]


def pipeline_status(data, as_of, zone, prefecture_code, **_):
    by_status = started(data, as_of, zone, prefecture_code).groupby("status").agg(
        projects=("project_id", "size"), area_mu=("area_mu", "sum"))
    by_status = by_status.reindex(list(STATUS_ORDER)).fillna(0)
    by_status["step"] = range(1, len(STATUS_ORDER) + 1)
    return by_status.rename_axis("status").reset_index()


def duration_summary(data, as_of, zone, prefecture_code, group_by, **_):
    as_of = pd.Timestamp(as_of)
    projects = started(data, as_of, zone, prefecture_code)
    projects = projects[projects.registered_date <= as_of]
    first_issued = data["issuances"].groupby("project_id").issued_date.min()
    first = projects.project_id.map(first_issued)
    first = first.where(first <= as_of)
    month = 365.25 / 12
    durations = pd.DataFrame({
        "group_value": projects[group_by],
        "registration": (projects.registered_date - projects.start_date).dt.days / month,
        "issuance": (first - projects.registered_date).dt.days / month,
    })
    grouped = durations.groupby("group_value")
    columns = {"registered_projects": grouped.registration.size(), "issued_projects": grouped.issuance.count()}
    for stage in ("registration", "issuance"):
        figures = grouped[stage]
        columns.update({f"{stage}_min": figures.min(), f"{stage}_p25": figures.quantile(0.25),
                        f"{stage}_median": figures.median(), f"{stage}_p75": figures.quantile(0.75),
                        f"{stage}_max": figures.max()})
    return pd.DataFrame(columns).sort_index().reset_index()


def trades_in_scope(data, as_of, zone, prefecture_code):
    trades = in_area(data["trades"], zone, prefecture_code)
    trades = trades[trades.trade_date <= pd.Timestamp(as_of)]
    priced = trades.price_yuan.notna()
    return trades.assign(priced_volume_tco2e=trades.volume_tco2e.where(priced),
                         priced_amount_yuan=trades.amount_yuan.where(priced))


def trades_by_month(data, as_of, zone, prefecture_code, **_):
    trades = trades_in_scope(data, as_of, zone, prefecture_code)
    if trades.empty:
        return pd.DataFrame(columns=["month", "trades", "volume_tco2e", "amount_yuan", "average_price_yuan"])
    monthly = trades.groupby(trades.trade_date.dt.to_period("M")).agg(
        trades=("trade_id", "size"), volume_tco2e=("volume_tco2e", "sum"), amount_yuan=("amount_yuan", "sum"),
        priced_volume_tco2e=("priced_volume_tco2e", "sum"), priced_amount_yuan=("priced_amount_yuan", "sum"))
    months = pd.period_range(monthly.index.min(), pd.Timestamp(as_of).to_period("M"), freq="M")
    monthly = monthly.reindex(months)
    priced_volume = monthly.priced_volume_tco2e.replace(0, np.nan)
    monthly["average_price_yuan"] = (monthly.priced_amount_yuan / priced_volume).round(2)
    monthly = monthly.fillna({"trades": 0, "volume_tco2e": 0, "amount_yuan": 0, "priced_volume_tco2e": 0})
    monthly["month"] = monthly.index.strftime("%Y-%m")
    return monthly.reset_index(drop=True)


def trades_by_dimension(data, as_of, zone, prefecture_code, dimension, period_start=None, **_):
    trades = trades_in_scope(data, as_of, zone, prefecture_code)
    if period_start is not None:
        trades = trades[trades.trade_date >= pd.Timestamp(period_start)]
    grouped = trades.assign(group_value=trades[dimension].fillna("未填")).groupby("group_value").agg(
        trades=("trade_id", "size"), volume_tco2e=("volume_tco2e", "sum"), amount_yuan=("amount_yuan", "sum"),
        priced_volume_tco2e=("priced_volume_tco2e", "sum"), priced_amount_yuan=("priced_amount_yuan", "sum"))
    grouped["share_of_volume"] = grouped.volume_tco2e / grouped.volume_tco2e.sum()
    grouped["share_of_amount"] = grouped.amount_yuan / (grouped.amount_yuan.sum() or np.nan)
    priced_volume = grouped.priced_volume_tco2e.replace(0, np.nan)
    grouped["average_price_yuan"] = (grouped.priced_amount_yuan / priced_volume).round(2)
    grouped = grouped.reset_index()
    return grouped.sort_values(["volume_tco2e", "group_value"], ascending=[False, True]).reset_index(drop=True)


def subsidy_totals(data, as_of, zone, prefecture_code, **_):
    as_of = pd.Timestamp(as_of)
    payments = in_area(data["subsidies"], zone, prefecture_code)
    payments = payments[payments.paid_date <= as_of]
    scale_mu = in_area(counted(data["projects"], "development", as_of), zone, prefecture_code).area_mu.sum()
    issuances = in_area(data["issuances"], zone, prefecture_code)
    issued = issuances[issuances.issued_date <= as_of].issued_tco2e.sum()
    paid = payments.amount_yuan.sum()
    row = {"paid_yuan": paid, "payments": len(payments), "projects_funded": payments.project_id.nunique()}
    for category, name in (("贷款贴息", "loan_interest"), ("示范项目", "demonstration")):
        some = payments[payments.category == category]
        row.update({f"{name}_yuan": some.amount_yuan.sum(), f"{name}_payments": len(some),
                    f"{name}_projects": some.project_id.nunique()})
    row.update({"scale_mu": scale_mu, "issued_tco2e": issued, "yuan_per_mu": paid / scale_mu if scale_mu else np.nan,
                "yuan_per_tco2e": paid / issued if issued else np.nan})
    return pd.DataFrame([row])


def carbon_latest(data, as_of, zone, prefecture_code, **_):
    reports = in_area(data["carbon_stock"], zone, prefecture_code)
    reports = reports[reports.year <= pd.Timestamp(as_of).year]
    latest = reports.year.max()
    previous = reports[reports.year < latest].year.max()
    this_year = reports[reports.year == latest]
    last_year = reports[reports.year == previous]
    both = this_year.merge(last_year, on=["county_code", "pool"], suffixes=("", "_before"))
    # min_count=1: a sum over no rows is empty (as in SQL), not 0
    sink_area = this_year[this_year.sink_tco2e.notna()].area_mu.sum(min_count=1)
    return pd.DataFrame([{
        "year": latest,
        "previous_year": previous,
        "counties_reported": this_year.county_code.nunique(),
        "counties_monitored": reports.county_code.nunique(),
        "area_mu": this_year.area_mu.sum(min_count=1),
        "stock_tco2e": this_year.stock_tco2e.sum(min_count=1),
        "sink_tco2e": this_year.sink_tco2e.sum(min_count=1),
        "sink_per_mu": this_year.sink_tco2e.sum(min_count=1) / sink_area if sink_area else np.nan,
        "series_compared": len(both),
        "stock_change_tco2e": (both.stock_tco2e - both.stock_tco2e_before).sum(min_count=1),
        "sink_change_tco2e": (both.sink_tco2e - both.sink_tco2e_before).sum(min_count=1),
    }])


def potential_by_county(data, as_of, basis, zone, prefecture_code, **_):
    keys = ["county_code", "zone", "project_type"]
    assessed = in_area(data["potential"], zone, prefecture_code)[keys + ["potential_area_mu", "potential_tco2e"]]
    developed = in_area(counted(data["projects"], basis, as_of), zone, prefecture_code).groupby(keys).agg(
        projects=("project_id", "size"), developed_mu=("area_mu", "sum")).reset_index()
    rows = assessed.merge(developed, on=keys, how="outer")
    rows["projects"] = rows.projects.fillna(0).astype("int64")
    rows["developed_mu"] = rows.developed_mu.fillna(0.0)
    rows["untapped_mu"] = (rows.potential_area_mu - rows.developed_mu).clip(lower=0)
    rows["share_developed"] = rows.developed_mu / rows.potential_area_mu
    rows = rows.drop(columns="zone").merge(data["counties"], on="county_code")
    return rows.sort_values(["untapped_mu", "developed_mu", "county_code", "project_type"],
                            ascending=[False, False, True, True], na_position="last").reset_index(drop=True)


def registry_projects(data, as_of, zone, prefecture_code, limit=None, offset=0, **_):
    as_of = pd.Timestamp(as_of)
    projects = started(data, as_of, zone, prefecture_code)
    issuances = in_area(data["issuances"], zone, prefecture_code)
    issued = issuances[issuances.issued_date <= as_of].groupby("project_id").agg(
        issued_tco2e=("issued_tco2e", "sum"), last_issued_date=("issued_date", "max"))
    rows = projects.merge(issued, left_on="project_id", right_index=True, how="left")
    rows = rows.assign(standard=rows.standard.fillna("未填"), owner_type=rows.owner_type.fillna("未填"),
                       is_demo=rows.is_demo.fillna(False).astype(bool))
    rows = rows.sort_values("project_id").reset_index(drop=True)
    return rows.iloc[offset:None if limit is None else offset + limit].reset_index(drop=True)  # the page shown
