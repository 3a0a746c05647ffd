"""The dashboard's questions on the hand-made 'mini' exports, against figures worked out by hand (tests/fixtures/mini/README.md)."""

import datetime as dt

import pandas as pd
import pytest

from sinkboard.store.warehouse import query_names, query_text, run_query

END_2022 = dt.date(2022, 12, 31)
MID_2023 = dt.date(2023, 6, 30)
ALL = {"zone": None, "prefecture_code": None}


def progress(con, as_of, basis="development"):
    rows = run_query(con, "target_progress", as_of=as_of, basis=basis)
    return {(r.zone, r.year): r for r in rows.itertuples()}


def test_every_query_opens_with_a_one_sentence_comment():
    for name in query_names():
        assert query_text(name).startswith("-- one row"), name


def test_data_dates_span_the_events(mini):
    dates = run_query(mini, "data_dates").iloc[0]
    assert dates.first_date.date() == dt.date(2020, 1, 10)  # P03 started
    assert dates.latest_date.date() == dt.date(2023, 5, 1)  # trade T3


def test_province_scale_and_pace_at_end_of_2022(mini):
    row = progress(mini, END_2022)[("全省", 2025)]
    assert row.scale_mu == 9000
    assert row.scale_year_ago_mu == 5000
    assert row.pace_mu_per_year == 4000
    assert row.needed_mu_per_year == pytest.approx(11000 / (1096 / 365.25))
    assert row.status == "on_track"


def test_a_passed_target_is_judged_at_its_deadline(mini):
    row = progress(mini, END_2022)[("全省", 2022)]
    assert row.scale_at_deadline_mu == 9000
    assert row.status == "missed"
    later = progress(mini, MID_2023)[("全省", 2022)]
    assert later.share_of_target == pytest.approx(0.9)  # 9,000 of 10,000 on 2022-12-31, not today's figure
    assert later.gap_mu == 1000


def test_zone_totals_and_zone_target(mini):
    rows = progress(mini, END_2022)
    assert rows[("川中", 2025)].scale_mu == 1500
    assert rows[("川西南", 2025)].scale_mu == 2000  # P04 (终止) is not counted
    assert rows[("川南", 2025)].scale_mu == 5500
    assert rows[("川南", 2025)].target_mu == 8000
    assert rows[("川南", 2025)].status == "on_track"
    assert pd.isna(rows[("川中", 2025)].status)  # no zone target in the data
    assert rows[("川中", 2025)].share_of_province_target == pytest.approx(1500 / 20000)


def test_no_growth_in_a_year_is_behind(mini):
    rows = progress(mini, MID_2023)
    assert rows[("全省", 2025)].pace_mu_per_year == 0
    assert rows[("全省", 2025)].status == "behind"
    assert rows[("川南", 2025)].status == "behind"


def test_registered_basis_counts_from_registration(mini):
    assert progress(mini, END_2022, "registered")[("全省", 2025)].scale_mu == 4500
    assert progress(mini, dt.date(2021, 12, 31), "registered")[("全省", 2025)].scale_mu == 3000  # P06 registers in 2022


def test_headline_figures(mini):
    headline = run_query(mini, "headline", as_of=MID_2023, **ALL).iloc[0]
    assert headline.development_mu == 9000
    assert headline.registered_mu == 4500
    assert headline.issued_tco2e == 1250  # 800 + 450
    assert headline.trade_volume_tco2e == 110  # T2 + T3 in 2023
    assert headline.trade_amount_yuan == 6100
    assert headline.subsidy_paid_yuan == 0


def test_headline_follows_the_area_but_the_budget_is_the_provinces(mini):
    """tests/fixtures/mini: at the end of 2022, 川南 holds P05 (4,000 mu, started 2022-02-01) and P06 (1,500 mu,
    started 2021-01-01, registered 2022-01-01, issued 2023); payments against the 2022 budget (1,300,000 yuan) are S2
    (川南, 1,200,000) and S3 (成都市, 200,000); no 2022 trade is in 川南."""
    south = run_query(mini, "headline", as_of=END_2022, zone="川南", prefecture_code=None).iloc[0]
    assert (south.development_mu, south.development_year_ago_mu) == (5500, 1500)
    assert (south.registered_mu, south.registered_year_ago_mu) == (1500, 0)
    assert south.issued_tco2e == 0 and south.trade_volume_tco2e == 0
    assert south.subsidy_paid_yuan == 1_200_000
    assert south.province_subsidy_paid_yuan == 1_400_000 and south.subsidy_budget_yuan == 1_300_000
    chengdu = run_query(mini, "headline", as_of=END_2022, zone=None, prefecture_code="510100").iloc[0]
    assert (chengdu.development_mu, chengdu.development_year_ago_mu) == (1500, 1500)  # P01 1,000 + P02 500
    assert chengdu.registered_mu == 1000 and chengdu.subsidy_paid_yuan == 200_000
    province = run_query(mini, "headline", as_of=END_2022, **ALL).iloc[0]
    assert (province.development_mu, province.development_year_ago_mu) == (9000, 5000)
    assert province.subsidy_paid_yuan == province.province_subsidy_paid_yuan == 1_400_000


def test_scale_trend_is_cumulative_by_month(mini):
    trend = run_query(mini, "scale_trend", as_of=END_2022, basis="development", **ALL)
    by_month = dict(zip(trend.month_end.dt.date, trend.scale_mu))
    assert by_month[dt.date(2020, 1, 31)] == 2000
    assert by_month[dt.date(2021, 6, 30)] == 5000
    assert by_month[dt.date(2022, 12, 31)] == 9000
    south = run_query(mini, "scale_trend", as_of=END_2022, basis="development", zone="川南", prefecture_code=None)
    assert south.scale_mu.iloc[-1] == 5500


def test_scale_by_type_marks_the_zones_focus(mini):
    rows = run_query(mini, "scale_by_type", as_of=END_2022, basis="development", **ALL)
    focus = {(r.zone, r.project_type): r.focus for r in rows.itertuples()}
    assert focus[("川中", "森林经营碳汇")] == "key"
    assert focus[("川中", "城市森林碳汇")] == "moderate"
    central = rows[rows.zone == "川中"].set_index("project_type")
    assert central.share_of_zone["森林经营碳汇"] == pytest.approx(1000 / 1500)


def test_region_ranking_against_potential(mini):
    counties = run_query(mini, "region_ranking", as_of=END_2022, basis="development", level="county", **ALL).set_index("region_code")
    assert counties.area_mu["511504"] == 5500  # 叙州区: P05 + P06 (given as 宜宾县)
    assert counties.share_of_potential["511504"] == pytest.approx(5500 / 20000)
    assert len(counties) == 183
    prefectures = run_query(mini, "region_ranking", as_of=END_2022, basis="development", level="prefecture",
                            zone="川中", prefecture_code=None)
    assert prefectures.region_name.tolist()[0] == "成都市"
    assert len(prefectures) == 7


def test_area_projects_shows_the_largest_and_counts_them_all(mini, mini_warehouse, monkeypatch):
    """Started by mid-2023: all six projects; by area P05 4,000, P04 3,000, P03 2,000, P06 1,500, P01 1,000, P02 500."""
    largest = run_query(mini, "area_projects", as_of=MID_2023, county_code=None, limit=2, **ALL)
    assert largest.project_id.tolist() == ["P05", "P04"]
    assert largest.projects_in_area.tolist() == [6, 6]
    monkeypatch.setenv("SINKBOARD_WAREHOUSE", str(mini_warehouse))
    from sinkboard.app.ui import deferred_query
    every = deferred_query("area_projects", as_of=MID_2023, county_code=None, limit=None, **ALL)()
    assert every.project_id.tolist() == ["P05", "P04", "P03", "P06", "P01", "P02"]


def test_pipeline_status_counts_projects_by_current_status(mini):
    rows = run_query(mini, "pipeline_status", as_of=MID_2023, **ALL).set_index("status")
    assert rows.projects.to_dict() == {"储备": 1, "审定": 1, "注册": 1, "签发": 2, "终止": 1}
    assert rows.area_mu["签发"] == 3500


def test_durations_from_start_to_registration_and_first_issuance(mini):
    """Registered by mid-2023: P01 (2020-03-01 → 2021-03-01, 365 days, no issuance), P03 (2020-01-10 → 2021-01-10, 366
    days; first issued 2022-06-01, 507 days after) and P06 (2021-01-01 → 2022-01-01, 365 days; first issued 2023-03-01,
    424 days after), one project a type: every figure of a type's group is its one project's."""
    month = 365.25 / 12
    rows = run_query(mini, "duration_summary", as_of=MID_2023, group_by="project_type", **ALL).set_index("group_value")
    assert rows.registered_projects.to_dict() == {"森林经营碳汇": 1, "造林碳汇": 1, "竹子造林碳汇": 1}
    for figure in ("min", "p25", "median", "p75", "max"):
        assert rows[f"registration_{figure}"]["造林碳汇"] == pytest.approx(366 / month)
        assert rows[f"registration_{figure}"]["森林经营碳汇"] == pytest.approx(365 / month)
        assert rows[f"issuance_{figure}"]["造林碳汇"] == pytest.approx(507 / month)
        assert rows[f"issuance_{figure}"]["竹子造林碳汇"] == pytest.approx(424 / month)
    assert rows.issued_projects["森林经营碳汇"] == 0 and rows.issuance_median.isna()["森林经营碳汇"]
    both = run_query(mini, "duration_summary", as_of=MID_2023, group_by="zone", **ALL)
    assert both.registered_projects.sum() == 3


def test_registered_projects_without_issuance_for_24_months(mini):
    assert run_query(mini, "stalled_projects", as_of=dt.date(2023, 2, 28), **ALL).empty  # P01: 23 months
    stalled = run_query(mini, "stalled_projects", as_of=MID_2023, **ALL)
    assert stalled.project_id.tolist() == ["P01"]
    assert stalled.months_without_issuance.tolist() == [27]


def test_developer_mix(mini):
    rows = run_query(mini, "developer_mix", as_of=MID_2023, **ALL).set_index("owner_type")
    assert rows.area_mu["农户"] == 2000  # P02 + P06
    assert rows.share_of_area.sum() == pytest.approx(1)


def test_public_warehouse_holds_back_what_stands_for_fewer_than_three_private_parties(mini_public):
    """Publicly, P02 (a farmer's, 储备) and P05 (审定) and P06 (a farmer's) are private; 川中 holds one such project
    and 川南 two, fewer than three each, so they are published without figures: 9,000 − 500 − 4,000 − 1,500."""
    rows = progress(mini_public, END_2022)
    assert rows[("全省", 2025)].scale_mu == 3000  # P01 1,000 + P03 2,000
    assert rows[("川西南", 2025)].scale_mu == 2000 and rows[("川中", 2025)].scale_mu == 1000


def test_exported_targets_win_over_the_plans(mini):
    rows = progress(mini, END_2022)
    assert rows[("全省", 2022)].target_mu == 10_000 and rows[("全省", 2022)].target_source == "export"
    assert rows[("全省", 2025)].target_mu == 20_000


def test_the_plans_targets_fill_in_where_the_export_has_none(open_warehouse, tmp_path):
    """No targets export: the shipped plan (the 2019 opinion) gives the province 15,000,000 mu by 2022 and 30,000,000 by 2025."""
    from exports import project, write_projects

    from sinkboard.ingest.build import ingest

    write_projects(tmp_path / "src", [project("P1", area="1500")])
    ingest(tmp_path / "src", tmp_path / "wh")
    rows = progress(open_warehouse(tmp_path / "wh"), dt.date(2021, 6, 30))
    assert rows[("全省", 2022)].target_mu == 15_000_000 and rows[("全省", 2022)].target_source == "plan"
    assert rows[("全省", 2025)].target_mu == 30_000_000
    assert rows[("全省", 2025)].scale_mu == 1500
