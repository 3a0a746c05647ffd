"""The subsidies page's questions on hand-made payments, against figures worked out by hand, and the page in both languages.

The exports (written below):
  projects   A1 锦江区(川中) 1,000 mu 签发 registered 2021-01-01 · A2 锦江区 2,000 mu 注册 registered 2022-06-01
             A3 西昌市(川西南) 3,000 mu 储备 · A4 西昌市 4,000 mu 注册 registered 2022-01-01
             A5 叙州区(川南) 5,000 mu 终止 · A6 叙州区 6,000 mu 签发 started 2023-03-01, registered 2023-06-01
  issuances  A1 500 t issued 2022-03-01 and 300 t issued 2023-03-01; A6 200 t issued 2024-02-01 (after the as-of date)
  budgets    2022 注册奖励 3,000,000 · 2022 贷款贴息 200,000 · 2023 注册奖励 2,000,000 · 2023 示范项目 1,000,000
  payments   see PAYMENTS: 12 made by AS_OF (2023-06-30), S13 after it.
"""

import datetime as dt

import pytest
from exports import project, write_csv, write_projects

from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import run_query

AS_OF = dt.date(2023, 6, 30)
ALL = {"as_of": AS_OF, "zone": None, "prefecture_code": None}

PAYMENTS = [
    # id, project, county, category, yuan, paid, budget year
    ["S01", "A1", "锦江区", "注册奖励", "800000", "2022-03-01", "2022"],  # a valid reward
    ["S02", "A2", "锦江区", "注册奖励", "1200000", "2022-08-01", "2022"],  # above 1,000,000
    ["S03", "A4", "西昌市", "注册奖励", "30万", "2022-05-01", None],  # below 500,000; no budget year: counts in 2022
    ["S04", "A1", "锦江区", "注册奖励", "600000", "2023-02-01", "2023"],  # A1's second reward
    ["S05", "A3", "西昌市", "注册奖励", "700000", "2022-09-01", "2022"],  # A3 is still 储备
    ["S06", "A6", "叙州区", "注册奖励", "900000", "2023-04-01", "2023"],  # A6 registers on 2023-06-01
    ["S07", None, "叙州区", "注册奖励", "1100000", "2023-05-01", "2023"],  # no project, and above 1,000,000
    ["S08", "A1", "锦江区", "贷款贴息", "50000", "2022-06-30", "2022"],
    ["S09", "A4", "西昌市", "贷款贴息", "80000", "2023-01-15", None],  # no budget for 2023 loan interest
    ["S10", "A2", "锦江区", "示范项目", "400000", "2023-03-01", "2023"],
    ["S11", "A4", "西昌市", "示范项目", "300000", "2023-04-15", "2023"],
    ["S12", "A1", "锦江区", "技术研究", "100000", "2022-12-20", "2023"],  # paid in 2022 from the 2023 budget
    ["S13", "A4", "西昌市", "注册奖励", "800000", "2023-09-01", "2023"],  # after AS_OF: A4's second reward
]


@pytest.fixture(scope="module")
def subsidy_warehouse(tmp_path_factory):
    source = tmp_path_factory.mktemp("subsidy_source")
    write_projects(source, [
        project("A1", county="锦江区", area="1000", status="签发", start="2020-01-01", registered="2021-01-01"),
        project("A2", county="锦江区", area="2000", status="注册", start="2020-06-01", registered="2022-06-01"),
        project("A3", county="西昌市", area="3000", status="储备", start="2021-01-01"),
        project("A4", county="西昌市", area="4000", status="注册", start="2021-01-01", registered="2022-01-01"),
        project("A5", county="叙州区", area="5000", status="终止", start="2021-01-01"),
        project("A6", county="叙州区", area="6000", status="签发", start="2023-03-01", registered="2023-06-01"),
    ])
    write_csv(source / "issuances" / "a.csv", ["项目编号", "监测期开始", "监测期结束", "核证减排量", "签发量", "签发日期"], [
        ["A1", "2021-01-01", "2021-12-31", "600", "500", "2022-03-01"],
        ["A1", "2022-01-01", "2022-12-31", "400", "300", "2023-03-01"],
        ["A6", "2023-06-01", "2023-12-31", "250", "200", "2024-02-01"],
    ])
    write_csv(source / "budgets" / "a.csv", ["年度", "资金类别", "预算金额(元)"], [
        ["2022", "注册奖励", "3000000"], ["2022", "贷款贴息", "200000"],
        ["2023", "注册奖励", "2000000"], ["2023", "示范项目", "100万"],
    ])
    write_csv(source / "subsidies" / "a.csv", ["拨付编号", "项目编号", "所在县", "资金类别", "金额(元)", "拨付日期", "预算年度"],
              PAYMENTS)
    out = tmp_path_factory.mktemp("subsidy_warehouse")
    ingest(source, out)
    return out


@pytest.fixture
def con(open_warehouse, subsidy_warehouse):
    return open_warehouse(subsidy_warehouse)


def rows(frame, *columns):
    return [tuple(None if v != v else v for v in row) for row in frame[list(columns)].itertuples(index=False)]


def test_every_payment_loaded(con):
    assert con.execute("select count(*) from subsidies").fetchone()[0] == 13
    assert con.execute("select count(*) from rejects").fetchone()[0] == 0


def test_paid_against_budget_per_year_and_category(con):
    budget = run_query(con, "subsidy_budget", **ALL)
    # 2022 rewards: S01 800k + S02 1.2M + S03 300k (no budget year, paid 2022) + S05 700k = 3,000,000 of 3,000,000
    # 2023 rewards: S04 600k + S06 900k + S07 1.1M = 2,600,000 of 2,000,000: 130 %, 600,000 over
    # 2023 research: S12, paid 2022-12-20 from the 2023 budget; no research budget and no 2023 loan-interest budget
    assert rows(budget, "year", "category", "budget_yuan", "paid_yuan", "payments", "share_of_budget", "remaining_yuan") == [
        (2022, "注册奖励", 3_000_000, 3_000_000, 4, 1.0, 0),
        (2022, "贷款贴息", 200_000, 50_000, 1, 0.25, 150_000),
        (2023, "注册奖励", 2_000_000, 2_600_000, 3, 1.3, -600_000),
        (2023, "贷款贴息", None, 80_000, 1, None, None),
        (2023, "示范项目", 1_000_000, 700_000, 2, 0.7, 300_000),
        (2023, "技术研究", None, 100_000, 1, None, None),
    ]


def test_budget_years_stop_at_the_as_of_year(con):
    budget = run_query(con, "subsidy_budget", **{**ALL, "as_of": dt.date(2022, 12, 31)})
    # by 2022-12-31: S01 S02 S03 S05 (rewards), S08 (loan interest), S12 (research, counted against 2023);
    # the 2023 budgets are not listed yet
    assert rows(budget, "year", "category", "budget_yuan", "paid_yuan") == [
        (2022, "注册奖励", 3_000_000, 3_000_000),
        (2022, "贷款贴息", 200_000, 50_000),
        (2023, "技术研究", None, 100_000),
    ]


def test_a_zone_is_shown_beside_the_province_budget_not_against_it(con):
    budget = run_query(con, "subsidy_budget", **{**ALL, "zone": "川中"})
    by_key = {(r.year, r.category): r for r in budget.itertuples()}
    reward_2022 = by_key[(2022, "注册奖励")]
    assert reward_2022.paid_yuan == 2_000_000  # S01 + S02 in 锦江区
    assert reward_2022.province_paid_yuan == 3_000_000
    assert reward_2022.budget_yuan == 3_000_000  # the province's budget, unchanged by the zone
    assert reward_2022.share_of_budget == 1.0  # province paid ÷ province budget
    assert reward_2022.share_of_province_paid == pytest.approx(2 / 3)
    assert by_key[(2023, "贷款贴息")].paid_yuan == 0  # S09 is in 西昌市
    assert by_key[(2023, "贷款贴息")].province_paid_yuan == 80_000


def test_zone_totals_and_yuan_per_mu_and_per_tonne(con):
    zones = run_query(con, "subsidy_regions", level="zone", **ALL)
    # 川中: S01 S02 S04 rewards 2.6M + S08 50k + S10 400k + S12 100k = 3,150,000; A1 + A2 = 3,000 mu; A1 issued 500 + 300 t
    # 川南: S06 + S07 = 2,000,000; A6 6,000 mu (started 2023-03-01; A5 终止 not counted); A6's credits come in 2024
    # 川西南: S03 + S05 rewards 1.0M + S09 80k + S11 300k = 1,380,000; A3 (储备 counts) + A4 = 7,000 mu; nothing issued
    assert rows(zones, "zone", "paid_yuan", "reward_yuan", "loan_interest_yuan", "demonstration_yuan", "research_yuan",
                "payments", "projects_funded", "scale_mu", "issued_tco2e") == [
        ("川中", 3_150_000, 2_600_000, 50_000, 400_000, 100_000, 6, 2, 3000, 800),
        ("川南", 2_000_000, 2_000_000, 0, 0, 0, 2, 1, 6000, 0),
        ("川西南", 1_380_000, 1_000_000, 80_000, 300_000, 0, 4, 2, 7000, 0),
        ("川西北", 0, 0, 0, 0, 0, 0, 0, 0, 0),
        ("川东北", 0, 0, 0, 0, 0, 0, 0, 0, 0),
    ]
    per = {r.zone: r for r in zones.itertuples()}
    assert per["川中"].yuan_per_mu == 1050  # 3,150,000 / 3,000
    assert per["川中"].yuan_per_tco2e == 3937.5  # 3,150,000 / 800
    assert per["川南"].yuan_per_mu == pytest.approx(2_000_000 / 6000)
    assert per["川西南"].yuan_per_mu == pytest.approx(1_380_000 / 7000)
    for zone in ("川南", "川西南", "川西北", "川东北"):
        assert per[zone].yuan_per_tco2e != per[zone].yuan_per_tco2e  # nothing issued: no figure (shown as —)
    assert per["川西北"].yuan_per_mu != per["川西北"].yuan_per_mu


def test_prefectures_of_a_zone(con):
    prefectures = run_query(con, "subsidy_regions", level="prefecture", **{**ALL, "zone": "川中"})
    assert len(prefectures) == 7  # every prefecture of 川中, paid or not
    first = prefectures.iloc[0]
    assert (first.region_name, first.paid_yuan, first.yuan_per_mu) == ("成都市", 3_150_000, 1050)
    assert prefectures.paid_yuan.iloc[1:].sum() == 0


def test_area_totals(con):
    totals = run_query(con, "subsidy_totals", **ALL).iloc[0]
    assert totals.paid_yuan == 6_530_000  # 3,150,000 + 2,000,000 + 1,380,000
    assert totals.payments == 12
    assert totals.projects_funded == 5  # A1 A2 A3 A4 A6 (S07 names none)
    assert totals.scale_mu == 16_000  # 3,000 + 6,000 + 7,000
    assert totals.yuan_per_mu == 6_530_000 / 16_000
    assert totals.yuan_per_tco2e == 6_530_000 / 800
    assert (totals.loan_interest_yuan, totals.loan_interest_payments, totals.loan_interest_projects) == (130_000, 2, 2)
    assert (totals.demonstration_yuan, totals.demonstration_payments, totals.demonstration_projects) == (700_000, 2, 2)


def test_area_totals_with_nothing_to_divide_by(con):
    totals = run_query(con, "subsidy_totals", **{**ALL, "zone": "川西北"}).iloc[0]
    assert (totals.paid_yuan, totals.payments, totals.scale_mu) == (0, 0, 0)
    assert totals.yuan_per_mu != totals.yuan_per_mu and totals.yuan_per_tco2e != totals.yuan_per_tco2e


BREACHES_AT_AS_OF = [
    ("S03", "reward_below_minimum", None),
    ("S02", "reward_above_maximum", None),
    ("S05", "reward_unregistered_project", None),
    ("S04", "reward_paid_again", "S01"),
    ("S06", "reward_before_registration", None),
    ("S07", "reward_no_project", None),
    ("S07", "reward_above_maximum", None),
]


def test_the_exact_list_of_breaches(con):
    breaches = run_query(con, "subsidy_breaches", **ALL)
    # in order of payment date; S01 (the valid reward) and every non-reward payment break nothing
    assert rows(breaches, "payment_id", "rule_code", "first_payment_id") == BREACHES_AT_AS_OF
    s02 = breaches[breaches.payment_id == "S02"].iloc[0]
    assert (s02.project_id, s02.county_name, s02.payment_yuan, s02.paid_date.date()) == (
        "A2", "锦江区", 1_200_000, dt.date(2022, 8, 1))


def test_breaches_follow_the_as_of_date_and_the_zone(con):
    later = run_query(con, "subsidy_breaches", **{**ALL, "as_of": dt.date(2023, 12, 31)})
    assert rows(later, "payment_id", "rule_code", "first_payment_id") == BREACHES_AT_AS_OF + [
        ("S13", "reward_paid_again", "S03")]
    southwest = run_query(con, "subsidy_breaches", **{**ALL, "as_of": dt.date(2023, 12, 31), "zone": "川西南"})
    assert rows(southwest, "payment_id", "rule_code") == [
        ("S03", "reward_below_minimum"), ("S05", "reward_unregistered_project"), ("S13", "reward_paid_again")]
    liangshan = run_query(con, "subsidy_breaches", **{**ALL, "prefecture_code": "513400"})
    assert rows(liangshan, "payment_id") == [("S03",), ("S05",)]


def test_loan_interest_and_demonstration_on_their_own(con):
    years = run_query(con, "subsidy_category_years", category="贷款贴息", **ALL)
    assert rows(years, "year", "payments", "projects_funded", "paid_yuan") == [(2022, 1, 1, 50_000), (2023, 1, 1, 80_000)]
    zones = run_query(con, "subsidy_category_zones", category="贷款贴息", **ALL)
    assert rows(zones, "zone", "paid_yuan") == [
        ("川西南", 80_000), ("川西北", 0), ("川东北", 0), ("川南", 0), ("川中", 50_000)]  # in the policy's order
    funded = run_query(con, "subsidy_category_projects", category="示范项目", limit=None, **ALL)
    assert rows(funded, "project_id", "county_name", "payments", "paid_yuan") == [("A2", "锦江区", 1, 400_000),
                                                                                 ("A4", "西昌市", 1, 300_000)]
    most = run_query(con, "subsidy_category_projects", category="示范项目", limit=1, **ALL)  # the most paid, of 2
    assert most.project_id.tolist() == ["A2"] and most.projects_in_all.tolist() == [2]
    only_central = run_query(con, "subsidy_category_projects", category="示范项目", limit=None, **{**ALL, "zone": "川中"})
    assert only_central.project_id.tolist() == ["A2"]


@pytest.fixture
def app(open_app, subsidy_warehouse):
    return open_app(subsidy_warehouse, page="pages/subsidies.py")


def tiles(app):
    """The page's tiles by label; the top ones win over the loan-interest and demonstration tiles of the same label."""
    shown = {}
    for metric in app.metric:
        shown.setdefault(metric.label, metric.value)
    return shown


def frame_with(app, heading):
    return next(d.value for d in app.dataframe if heading in d.value.columns)


def test_page_in_chinese(app):
    assert not app.exception, [e.message for e in app.exception]
    # the default as-of date is the latest in the data (A6's issuance on 2024-02-01): all 13 payments, 7,330,000 yuan
    assert tiles(app)["累计拨付"] == "733万元"
    assert tiles(app)["违反奖励规则的拨付"] == "7"
    app.date_input(key="as_of").set_value(AS_OF).run()
    assert tiles(app)["累计拨付"] == "653万元"
    assert tiles(app)["每亩补贴"] == "408.12 元/亩"  # 6,530,000 / 16,000 = 408.125 (Babel rounds half to even)
    app.multiselect(key="breach_table_more").select("payment_id").run()  # the column chooser
    breaches = frame_with(app, "违反的规则")
    assert breaches["拨付编号"].tolist() == ["S03", "S02", "S05", "S04", "S06", "S07", "S07"]
    assert breaches["违反的规则"].tolist()[3] == "重复奖励（该项目此前已获注册奖励）"


def choose_zone(app, label):
    zones = app.selectbox(key="zone")
    zones.select_index(zones.options.index(label)).run()  # the options are the shown labels


def test_page_for_a_zone_with_nothing_paid(app):
    choose_zone(app, "川西北")
    assert not app.exception, [e.message for e in app.exception]
    assert tiles(app)["累计拨付"] == "0 元"
    assert tiles(app)["每亩补贴"] == "—"  # no scale in 川西北: nothing to divide by
    assert tiles(app)["每吨签发量补贴"] == "—"


def test_page_in_english_for_a_zone(app):
    # the language is switched last: AppTest keeps a selectbox's value as its label in the language it was chosen in
    app.date_input(key="as_of").set_value(AS_OF).run()
    choose_zone(app, "川中")
    app.radio(key="lang").set_value("en").run()
    assert not app.exception, [e.message for e in app.exception]
    assert tiles(app)["Paid to date"] == "3.15M yuan"
    assert tiles(app)["Subsidy per mu"] == "1,050.00 yuan/mu"  # 3,150,000 / 3,000
    assert tiles(app)["Subsidy per tonne issued"] == "3,937.50 yuan/t"  # 3,150,000 / 800
    app.session_state["budget_table_more"] = ["province_paid_yuan", "budget_yuan"]  # as the column chooser does
    app.run()
    budget = frame_with(app, "Province budget (K yuan)")
    assert "Province paid (K yuan)" in budget.columns  # with a zone chosen the budget columns say they are the province's
    assert budget["Category"].tolist()[0] == "Registration reward"
    assert budget["Paid (K yuan)"].tolist()[0] == 2_000  # 2,000,000 yuan, in thousands on screen
    breaches = frame_with(app, "Rule broken")
    assert breaches["Rule broken"].tolist() == ["Above 1,000,000 yuan",
                                                "Paid more than once (the project already had a reward)"]


def test_a_sections_tables_are_made_only_when_their_tab_is_open(app):
    def funded():
        return [d.value for d in app.dataframe if "首次拨付" in d.value.columns]

    assert funded() == []  # both sections open on their budget years: the projects funded are not even queried
    app.session_state["loan_interest_tabs"] = "获资助项目"  # as a click on the loan-interest section's third tab does
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    [projects] = funded()
    assert projects["项目编号"].tolist() == ["A4", "A1"]  # S09 (80,000) and S08 (50,000), most paid first
    assert projects["已拨付（万元）"].tolist() == [8, 5]  # 80,000 and 50,000 yuan, in 万元 on screen


def test_paid_to_date_by_category(con):
    # by AS_OF, S01–S12: rewards S01 800,000 + S02 1,200,000 + S03 300,000 + S04 600,000 + S05 700,000
    # + S06 900,000 + S07 1,100,000 = 5,600,000 in 7 payments to A1, A2, A4, A3, A6 (S07 names none);
    # loan interest S08 + S09; demonstration S10 + S11; research S12; 6,530,000 in all
    categories = run_query(con, "subsidy_categories", **ALL)
    assert rows(categories, "category", "paid_yuan", "payments", "projects_funded") == [
        ("注册奖励", 5_600_000, 7, 5), ("贷款贴息", 130_000, 2, 2), ("示范项目", 700_000, 2, 2), ("技术研究", 100_000, 1, 1),
        ("其他", 0, 0, 0)]
    assert categories.share_of_paid.iloc[0] == pytest.approx(5_600_000 / 6_530_000)
    central = run_query(con, "subsidy_categories", **{**ALL, "zone": "川中"})  # 锦江区: S01, S02, S04; S08; S10; S12
    assert rows(central, "category", "paid_yuan", "payments") == [
        ("注册奖励", 2_600_000, 3), ("贷款贴息", 50_000, 1), ("示范项目", 400_000, 1), ("技术研究", 100_000, 1), ("其他", 0, 0)]
    liangshan = run_query(con, "subsidy_categories", **{**ALL, "prefecture_code": "513400"})  # 西昌市: S03, S05; S09; S11
    assert rows(liangshan, "category", "paid_yuan")[:3] == [("注册奖励", 1_000_000), ("贷款贴息", 80_000), ("示范项目", 300_000)]


def test_paid_to_date_by_year_and_category(con):
    # a payment's budget year, else the year it was paid: 2022 holds S01, S02, S03 (paid 2022), S05 and S08;
    # 2023 holds S04, S06, S07, S09 (paid 2023), S10, S11 and S12 (paid in 2022 from the 2023 budget)
    years = run_query(con, "subsidy_years", **ALL)
    columns = ("year", "reward_yuan", "loan_interest_yuan", "demonstration_yuan", "research_yuan", "other_yuan",
               "paid_yuan", "payments")
    assert rows(years, *columns) == [(2022, 3_000_000, 50_000, 0, 0, 0, 3_050_000, 5),
                                     (2023, 2_600_000, 80_000, 700_000, 100_000, 0, 3_480_000, 7)]
    central = run_query(con, "subsidy_years", **{**ALL, "zone": "川中"})
    assert rows(central, "year", "reward_yuan", "paid_yuan") == [(2022, 2_000_000, 2_050_000), (2023, 600_000, 1_100_000)]


def test_the_registration_rewards_paid_to_date_are_on_the_page_for_the_area_chosen(app):
    app.date_input(key="as_of").set_value(AS_OF).run()
    assert tiles(app)["注册奖励累计拨付"] == "560万元"
    assert tiles(app)["贷款贴息累计拨付"] == "13万元" and tiles(app)["示范项目累计拨付"] == "70万元"
    # tables show money in 万元
    by_category = frame_with(app, "占累计拨付")
    assert by_category["已拨付（万元）"].tolist() == [560, 13, 70, 10, 0]
    by_year = frame_with(app, "注册奖励（万元）")
    assert by_year["年度"].tolist() == [2022, 2023] and by_year["注册奖励（万元）"].tolist() == [300, 260]
    choose_zone(app, "川中")
    assert tiles(app)["注册奖励累计拨付"] == "260万元"
    app.radio(key="lang").set_value("en").run()
    assert not app.exception, [e.message for e in app.exception]
    assert tiles(app)["Registration reward paid to date"] == "2.6M yuan"
    assert frame_with(app, "Share of paid")["Category"].tolist()[0] == "Registration reward"
