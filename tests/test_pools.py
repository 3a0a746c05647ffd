"""The carbon-pools page's questions on hand-made monitoring rows (3 counties in 2 zones, 3 years, 2 pools, one county
missing a year, a pool that was a source), against figures worked out by hand; and the page in both languages, internal
and public."""

import datetime as dt

import pandas as pd
import pytest
from exports import project, write_csv, write_projects

from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import run_query

END_2023 = dt.date(2023, 12, 31)
MID_2022 = dt.date(2022, 6, 30)
ALL = {"zone": None, "prefecture_code": None}

HEADER = ["县(市、区)", "年度", "碳库", "面积(亩)", "碳储量(tCO2e)", "年固碳量(tCO2e)"]
# 锦江区 and 青羊区 are in 成都 (川中), 西昌市 in 凉山 (川西南). 青羊区 did not report in 2022; 锦江区's wetland was a
# source in 2022 (-20), and with 西昌市's +10 the province's wetland was a source that year (-10); 西昌市 gave no sink
# for its wetland in 2023.
STOCK = [
    ["锦江区", 2021, "森林", 1000, 10000, 100], ["锦江区", 2022, "森林", 1000, 10100, 100], ["锦江区", 2023, "森林", 1000, 10200, 120],
    ["锦江区", 2021, "湿地", 200, 1000, 10], ["锦江区", 2022, "湿地", 200, 1010, -20], ["锦江区", 2023, "湿地", 200, 990, 10],
    ["青羊区", 2021, "森林", 500, 4000, 50], ["青羊区", 2023, "森林", 500, 4100, 40],
    ["西昌市", 2021, "森林", 3000, 30000, 300], ["西昌市", 2022, "森林", 3000, 30300, 330], ["西昌市", 2023, "森林", 3000, 30600, 360],
    ["西昌市", 2021, "湿地", 400, 2000, 20], ["西昌市", 2022, "湿地", 400, 2040, 10], ["西昌市", 2023, "湿地", 400, 2080, None],
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("pools")
    source = root / "src"
    # a project gives the data its dates (the as-of range runs to 2023-10-31)
    write_projects(source, [project("P1", county="锦江区", status="注册", start="2021-01-01", registered="2023-10-31")])
    write_csv(source / "carbon_stock" / "2023.csv", HEADER, STOCK)
    ingest(source, root / "wh")
    return root / "wh"


@pytest.fixture(params=["internal", "public"])
def mode(request):
    """Both processes: their warehouses answer every question the same way (carbon_stock is county-level, public as it
    is), and the page runs in either."""
    return request.param


@pytest.fixture
def con(open_warehouse, warehouse, mode):
    return open_warehouse(warehouse, mode)


def by_year_and_pool(trend):
    return trend.groupby(["year", "pool"])[["counties", "stock_tco2e", "sink_tco2e"]].sum()


def test_like_for_like_leaves_out_the_county_that_missed_a_year(con):
    trend = run_query(con, "carbon_trend", as_of=END_2023, like_for_like=True, **ALL)
    totals = trend.groupby("year")[["stock_tco2e", "sink_tco2e"]].sum()
    # 青羊区 missed 2022, so its forest is left out of every year: 47,000 − 4,000; 43,450; 47,970 − 4,100
    assert totals.stock_tco2e.to_dict() == {2021: 43000, 2022: 43450, 2023: 43870}
    assert totals.sink_tco2e.to_dict() == {2021: 430, 2022: 420, 2023: 490}
    counties = trend.set_index(["year", "zone", "pool"]).counties
    assert counties[(2021, "川中", "森林")] == 1  # 锦江区 only: 青羊区 is left out


def test_all_reported_totals_dip_where_a_county_is_missing(con):
    trend = run_query(con, "carbon_trend", as_of=END_2023, like_for_like=False, **ALL)
    totals = trend.groupby("year")[["stock_tco2e", "sink_tco2e", "area_mu"]].sum()
    assert totals.stock_tco2e.to_dict() == {2021: 47000, 2022: 43450, 2023: 47970}
    assert totals.sink_tco2e.to_dict() == {2021: 480, 2022: 420, 2023: 530}
    assert totals.area_mu.to_dict() == {2021: 5100, 2022: 4600, 2023: 5100}
    counties = trend.set_index(["year", "zone", "pool"]).counties
    assert (counties[(2021, "川中", "森林")], counties[(2022, "川中", "森林")]) == (2, 1)


def test_a_pool_can_be_a_source(con):
    pools = by_year_and_pool(run_query(con, "carbon_trend", as_of=END_2023, like_for_like=True, **ALL))
    assert pools.sink_tco2e[(2022, "湿地")] == -10  # 锦江区 −20 + 西昌市 10
    assert pools.stock_tco2e[(2022, "森林")] == 40400  # 10,100 + 30,300


def test_sink_per_mu_counts_only_the_area_whose_sink_was_given(con):
    trend = run_query(con, "carbon_trend", as_of=END_2023, like_for_like=False, **ALL)
    trend = trend.set_index(["year", "zone", "pool"])
    assert trend.sink_per_mu[(2023, "川中", "森林")] == pytest.approx(160 / 1500)  # (120 + 40) ÷ (1,000 + 500)
    assert pd.isna(trend.sink_per_mu[(2023, "川西南", "湿地")])  # 西昌市's wetland gave no sink in 2023
    assert trend.sink_per_mu[(2023, "川西南", "森林")] == pytest.approx(0.12)  # 360 ÷ 3,000


def test_zone_and_year_filters(con):
    southwest = run_query(con, "carbon_trend", as_of=END_2023, like_for_like=True, zone="川西南", prefecture_code=None)
    assert set(southwest.zone) == {"川西南"}
    assert southwest.groupby("year").stock_tco2e.sum().to_dict() == {2021: 32000, 2022: 32340, 2023: 32680}
    up_to_2022 = run_query(con, "carbon_trend", as_of=MID_2022, like_for_like=True, **ALL)
    assert sorted(set(up_to_2022.year)) == [2021, 2022]
    # up to 2022 青羊区 still missed a year shown (2022), so it is still left out
    assert up_to_2022.groupby("year").stock_tco2e.sum().to_dict() == {2021: 43000, 2022: 43450}


def test_coverage_names_the_county_that_did_not_report(con):
    coverage = run_query(con, "carbon_coverage", as_of=END_2023, **ALL).set_index("year")
    assert coverage.counties_reported.to_dict() == {2021: 3, 2022: 2, 2023: 3}
    assert coverage.counties_monitored.to_dict() == {2021: 3, 2022: 3, 2023: 3}
    assert coverage.counties_with_gaps.to_dict() == {2021: 0, 2022: 1, 2023: 0}
    assert coverage.series_missing.to_dict() == {2021: 0, 2022: 1, 2023: 0}
    assert coverage.gap_counties[2022] == "青羊区"


def test_latest_year_and_like_for_like_change(con):
    latest = run_query(con, "carbon_latest", as_of=END_2023, **ALL).iloc[0]
    assert (latest.year, latest.previous_year) == (2023, 2022)
    assert (latest.counties_reported, latest.counties_monitored) == (3, 3)
    assert latest.area_mu == 5100
    assert latest.stock_tco2e == 47970
    assert latest.sink_tco2e == 530
    assert latest.sink_per_mu == pytest.approx(530 / 4700)  # 西昌市's wetland (400 mu) gave no sink
    assert latest.series_compared == 4  # 青羊区's forest was not reported in 2022
    assert latest.stock_change_tco2e == 420  # 100 − 20 + 300 + 40, not 47,970 − 43,450
    assert latest.sink_change_tco2e == 80  # 20 + 30 + 30 (西昌市's wetland has no 2023 sink)


def test_latest_year_follows_the_as_of_date(con):
    latest = run_query(con, "carbon_latest", as_of=MID_2022, **ALL).iloc[0]
    assert latest.year == 2022
    assert (latest.counties_reported, latest.counties_monitored) == (2, 3)
    assert latest.stock_tco2e == 43450
    assert latest.stock_change_tco2e == 450  # 100 + 10 + 300 + 40 over the four pools reported in 2021 and 2022
    assert latest.sink_change_tco2e == -10  # 0 − 30 + 30 − 10
    nothing = run_query(con, "carbon_latest", as_of=dt.date(2020, 12, 31), **ALL).iloc[0]
    assert nothing.counties_reported == 0


def test_county_sink_per_mu_of_the_latest_year(con):
    counties = run_query(con, "carbon_by_county", as_of=END_2023, **ALL).set_index("region_code")
    assert len(counties) == 183  # every county of Sichuan, for the map
    assert counties.sink_per_mu["513401"] == pytest.approx(0.12)  # 西昌市 360 ÷ 3,000 (the wetland gave no sink)
    assert counties.sink_per_mu["510104"] == pytest.approx(130 / 1200)  # 锦江区 (120 + 10) ÷ (1,000 + 200)
    assert counties.sink_per_mu["510105"] == pytest.approx(0.08)  # 青羊区 40 ÷ 500
    assert counties.index[:3].tolist() == ["513401", "510104", "510105"]  # most sink per mu first
    in_2022 = run_query(con, "carbon_by_county", as_of=MID_2022, zone="川中", prefecture_code=None)
    in_2022 = in_2022.set_index("region_code")
    assert in_2022.pools["510105"] == 0 and pd.isna(in_2022.sink_per_mu["510105"])  # 青羊区 did not report in 2022
    assert in_2022.sink_tco2e["510104"] == 80  # 100 − 20
    assert set(in_2022.zone) == {"川中"}


# the page, through app.py, in both languages, in the internal and the public process

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_shows_the_latest_year(open_app, warehouse, mode, lang):
    app = open_app(warehouse, mode, page="pages/pools.py", lang=lang)
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    if lang == "zh":
        assert tiles["2023 年碳储量（吨 CO₂e）"] == ("4.8万", "+420")
        assert tiles["2023 年每亩固碳量（吨/亩）"][0] == "0.113"  # 530 ÷ 4,700
        assert any("3 个县（市、区）上报" in c.value for c in app.caption)
    else:
        assert tiles["Carbon stock 2023 (tCO2e)"] == ("47.97K", "+420")
        assert tiles["Annual sink 2023 (tCO2e/yr)"] == ("530", "+80")
    coverage = app.dataframe[0].value
    assert coverage.iloc[:, -1].tolist() == ["", "青羊区", ""]


def test_page_switches_to_all_reported_and_an_earlier_year(open_app, warehouse, mode):
    app = open_app(warehouse, mode, page="pages/pools.py", lang="zh")
    app.date_input(key="as_of").set_value(dt.date(2022, 6, 30)).run()
    assert not app.exception
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    assert tiles["2022 年碳储量（吨 CO₂e）"] == ("4.3万", "+450")  # 43,450; like for like +450 on 2021
    assert any("2 个县（市、区）上报（曾上报过的共 3 个）" in c.value for c in app.caption)
    app.segmented_control(key="pools_counting").set_value("all").run()
    assert not app.exception
    assert any(c.value.startswith("各年全部上报的") for c in app.caption)


def test_page_for_one_zone(open_app, warehouse, mode):
    app = open_app(warehouse, mode, page="pages/pools.py", lang="zh")
    zones = app.selectbox(key="zone")
    zones.select_index(zones.options.index("川西南")).run()  # the options are the shown labels
    assert not app.exception
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    assert tiles["2023 年碳储量（吨 CO₂e）"] == ("3.3万", "+340")  # 西昌市 only: 30,600 + 2,080; +300 + 40
