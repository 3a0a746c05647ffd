"""The trading page's questions on 14 hand-made trades, against figures worked out by hand, and the page itself in both
languages; an individual buyer's full name never leaves the warehouse."""

import datetime as dt

import pytest
from exports import project, write_csv, write_projects

from sinkboard.figures import trading_terms
from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import run_query

AS_OF = dt.date(2025, 6, 30)  # T14 (2025-08-01) is after it
ALL = {"as_of": AS_OF, "zone": None, "prefecture_code": None}
TO_DATE = {**ALL, "period_start": None}
INDIVIDUAL = "王小明"

HEADER = ["成交编号", "成交日期", "项目编号", "交易平台", "买方", "买方类型", "成交量", "成交价", "成交额(元)", "用途"]
# A1 锦江区 (成都, 川中) 森林经营; A2 西昌市 (凉山, 川西南) 造林; A3 叙州区 (宜宾, 川南) 竹林经营
TRADES = [
    ["T01", "2024-03-10", "A1", "四川联合环境交易所", "甲电厂", "控排企业", 1000, 50, 50000, "履约抵销"],
    ["T02", "2024-07-15", "A2", "全国温室气体自愿减排交易市场", "乙公司", "自愿企业", 500, 60, None, "自愿抵消"],  # value derived: 30,000
    ["T03", "2024-11-05", "A3", "碳普惠平台", INDIVIDUAL, "个人", 5, 40, 200, "碳普惠"],
    ["T04", "2025-01-20", "A1", "四川联合环境交易所", "甲电厂", "控排企业", 800, 55, 44000, "履约抵销"],
    ["T05", "2025-02-14", "A2", "四川联合环境交易所", "丙局", "机关事业单位", 200, 65, 13000, "自愿抵消"],
    ["T06", "2025-02-28", "A3", "国际自愿市场", "丁公司", "自愿企业", 300, None, 21000, "自愿抵消"],  # a value, no price
    ["T07", "2025-03-03", "A1", "碳普惠平台", INDIVIDUAL, "个人", 8, 45, 360, "碳普惠"],
    ["T08", "2025-03-18", "A2", "碳普惠平台", "李四", "个人", 12, 42, 504, "碳普惠"],
    ["T09", "2025-04-08", "A3", "其他", "成都马拉松组委会", "大型活动", 50, 48, 2400, "自愿抵消"],
    ["T10", "2025-04-22", "A1", "全国温室气体自愿减排交易市场", "乙公司", "自愿企业", 400, 70, 28000, "自愿抵消"],
    ["T11", "2025-05-09", "A2", "四川联合环境交易所", "戊公司", "自愿企业", 6, 58, 348, "其他"],
    ["T12", "2025-05-30", "A3", "碳普惠平台", "某协会", "其他", 10, 44, 440, None],  # no purpose; exactly the small limit
    ["T13", "2025-06-20", "A1", "四川联合环境交易所", "己电厂", "控排企业", 600, None, None, "履约抵销"],  # no price, no value
    ["T14", "2025-08-01", "A2", "四川联合环境交易所", "甲电厂", "控排企业", 100, 80, 8000, "履约抵销"],
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("trading")
    source = root / "src"
    write_projects(source, [
        project("A1", county="锦江区", status="注册", start="2021-01-01", registered="2022-01-01", project_type="森林经营碳汇"),
        project("A2", county="西昌市", status="注册", start="2021-01-01", registered="2022-01-01", project_type="造林碳汇"),
        project("A3", county="叙州区", status="注册", start="2021-01-01", registered="2022-01-01", project_type="竹林经营碳汇"),
    ])
    write_csv(source / "trades" / "2025-08-31.csv", HEADER, TRADES)
    ingest(source, root / "wh")
    return root / "wh"


@pytest.fixture
def con(open_warehouse, warehouse):
    return open_warehouse(warehouse)


def test_every_trade_loaded(con):
    assert con.execute("select count(*) from trades").fetchone()[0] == 14
    assert con.execute("select amount_yuan, is_amount_derived from trades where trade_id = 'T02'").fetchone() == (30000, True)


def test_the_trades_summed_per_day_sum_to_every_trade_in_each_dimension(con):
    # 14 trades of 3,991 t; without a price T06 (300 t) and T13 (600 t): 3,091 t priced
    for dimension in trading_terms.DIMENSIONS:
        trades, volume, priced = con.execute(
            "select sum(trades), sum(volume_tco2e), sum(priced_volume_tco2e) from trade_groups where dimension = ?",
            [dimension]).fetchall()[0]
        assert (trades, volume, priced) == (14, 3991, 3091), dimension
    # T12 states no purpose: it is summed as 未填, on its own day
    assert con.execute("select group_value, trade_date, trades from trade_groups where dimension = 'purpose' "
                       "and group_value = '未填'").fetchall() == [("未填", dt.date(2025, 5, 30), 1)]


def test_headline_totals_and_volume_weighted_price(con):
    row = run_query(con, "trades_headline", **ALL).iloc[0]
    # to date = T01..T13: volume 3,891; value 190,252 (T13 has none);
    # priced = without T06 and T13: 169,252 yuan over 2,991 t
    assert row.total_trades == 13
    assert row.total_volume_tco2e == 3891
    assert row.total_amount_yuan == 190252
    assert row.total_average_price_yuan == pytest.approx(169252 / 2991)  # 56.59
    # 2025 to 30 June = T04..T13: 2,386 t, 110,052 yuan; priced 89,052 yuan over 1,486 t
    assert (row.this_year, row.year_trades, row.year_volume_tco2e, row.year_amount_yuan) == (2025, 10, 2386, 110052)
    assert row.year_average_price_yuan == pytest.approx(89052 / 1486)  # 59.93
    # 1 January to 30 June 2024: T01 only
    assert (row.last_year_trades, row.last_year_volume_tco2e, row.last_year_amount_yuan) == (1, 1000, 50000)
    assert row.last_year_average_price_yuan == 50
    assert trading_terms.change(row.year_trades, row.last_year_trades) == 9


def test_the_as_of_date_cuts_trades(con):
    later = run_query(con, "trades_headline", **{**ALL, "as_of": dt.date(2025, 8, 31)}).iloc[0]
    assert (later.total_trades, later.total_volume_tco2e, later.total_amount_yuan) == (14, 3991, 198252)
    earlier = run_query(con, "trades_headline", **{**ALL, "as_of": dt.date(2025, 2, 28)}).iloc[0]
    assert (earlier.year_trades, earlier.year_volume_tco2e) == (3, 1300)  # T04, T05, T06


def test_the_zone_filter_follows_the_project_sold(con):
    row = run_query(con, "trades_headline", **{**ALL, "zone": "川南"}).iloc[0]
    # A3's trades: T03, T06, T09, T12 = 5 + 300 + 50 + 10 t; priced T03, T09, T12 = 3,040 yuan over 65 t
    assert (row.total_trades, row.total_volume_tco2e, row.total_amount_yuan) == (4, 365, 24040)
    assert row.total_average_price_yuan == pytest.approx(3040 / 65)
    zones = run_query(con, "trades_by_dimension", dimension="zone", **TO_DATE)
    assert dict(zip(zones.group_value, zones.volume_tco2e)) == {"川中": 2808, "川西南": 718, "川南": 365}


def test_months_run_from_the_first_trade_to_the_as_of_month(con):
    months = run_query(con, "trades_by_month", **ALL).set_index("month")
    assert len(months) == 16  # 2024-03 .. 2025-06
    assert months.loc["2024-04"].trades == 0
    assert months.loc["2025-02"][["trades", "volume_tco2e", "amount_yuan", "priced_volume_tco2e"]].tolist() == [2, 500, 34000, 200]
    assert months.loc["2025-02"].average_price_yuan == 65  # T06 has no price: T05 alone
    assert months.loc["2025-03"].average_price_yuan == pytest.approx(43.2)  # 864 / 20
    assert months.loc["2025-06"].amount_yuan == 0 and months.loc["2025-06"].volume_tco2e == 600
    assert months.average_price_yuan.isna()["2025-06"]  # T13 alone, no price


def test_years(con):
    years = run_query(con, "trades_by_year", **ALL).set_index("year")
    assert years.loc[2024][["trades", "volume_tco2e", "amount_yuan"]].tolist() == [3, 1505, 80200]
    assert years.loc[2024].average_price_yuan == pytest.approx(53.29)  # 80,200 / 1,505 = 53.289
    assert years.loc[2025][["trades", "volume_tco2e", "amount_yuan", "priced_volume_tco2e"]].tolist() == [10, 2386, 110052, 1486]
    assert years.loc[2025].average_price_yuan == pytest.approx(59.93)  # 89,052 / 1,486 = 59.927


def test_by_platform_buyer_type_and_purpose(con):
    platforms = run_query(con, "trades_by_dimension", dimension="platform", **TO_DATE).set_index("group_value")
    seee = platforms.loc["四川联合环境交易所"]  # T01, T04, T05, T11, T13
    assert [seee.trades, seee.volume_tco2e, seee.amount_yuan] == [5, 2606, 107348]
    assert seee.share_of_volume == pytest.approx(2606 / 3891)
    assert seee.average_price_yuan == pytest.approx(53.51)  # 107,348 / 2,006 (T13 unpriced)
    assert platforms.loc["全国温室气体自愿减排交易市场"].amount_yuan == 58000  # T02's derived 30,000 + T10
    assert platforms.index[0] == "四川联合环境交易所"  # largest volume first
    buyers = run_query(con, "trades_by_dimension", dimension="buyer_type", **TO_DATE).set_index("group_value")
    assert buyers.loc["个人"][["trades", "volume_tco2e", "amount_yuan"]].tolist() == [3, 25, 1064]
    assert buyers.loc["个人"].average_price_yuan == pytest.approx(42.56)
    purposes = run_query(con, "trades_by_dimension", dimension="purpose", **TO_DATE).set_index("group_value")
    assert purposes.loc["未填"].trades == 1  # T12 names no purpose
    assert purposes.volume_tco2e.sum() == 3891
    types = run_query(con, "trades_by_dimension", dimension="project_type", **TO_DATE).set_index("group_value")
    assert types.loc["竹林经营碳汇"].volume_tco2e == 365


def test_the_period_starts_on_1_january(con):
    this_year = {**ALL, "period_start": trading_terms.period_start("year", AS_OF)}
    platforms = run_query(con, "trades_by_dimension", dimension="platform", **this_year).set_index("group_value")
    assert platforms.loc["四川联合环境交易所"].trades == 4  # T01 was in 2024
    assert platforms.trades.sum() == 10


def test_price_spread_per_platform_per_trade(con):
    spread = run_query(con, "trades_price_spread", **TO_DATE).set_index("platform")
    figures = ["priced_trades", "price_min_yuan", "price_p25_yuan", "price_median_yuan", "price_p75_yuan", "price_max_yuan"]
    # quantile_cont: position (n - 1) * q in the sorted prices, interpolated linearly
    # SEEE 50, 55, 58, 65 (T13 has no price): p25 at 0.75 -> 53.75; median at 1.5 -> 56.5; p75 at 2.25 -> 59.75
    assert spread.loc["四川联合环境交易所"][figures].tolist() == [4, 50, 53.75, 56.5, 59.75, 65]
    assert spread.loc["四川联合环境交易所"].trades == 5
    # inclusive platform 40, 42, 44, 45: p25 41.5, median 43, p75 44.25; volume-weighted 1,504 / 35 = 42.97
    assert spread.loc["碳普惠平台"][figures].tolist() == [4, 40, 41.5, 43, 44.25, 45]
    assert spread.loc["碳普惠平台"].average_price_yuan == pytest.approx(42.97)
    # national 60, 70 -> 62.5, 65, 67.5
    assert spread.loc["全国温室气体自愿减排交易市场"][figures].tolist() == [2, 60, 62.5, 65, 67.5, 70]
    # the international trade has no price: counted, but no price figure
    assert spread.loc["国际自愿市场"].trades == 1 and spread.loc["国际自愿市场"].priced_trades == 0
    assert spread.loc["国际自愿市场"][figures[1:]].isna().all()


def test_micro_purchases_by_month(con):
    micro = run_query(con, "trades_micro", **ALL).set_index("month")
    figures = ["individual_purchases", "individual_volume_tco2e", "small_purchases", "small_volume_tco2e"]
    assert micro.loc["2024-11"][figures].tolist() == [1, 5, 1, 5]  # T03
    assert micro.loc["2025-03"][figures].tolist() == [2, 20, 1, 8]  # T07 (8 t, small) and T08 (12 t, not small)
    assert micro.loc["2025-05"][figures].tolist() == [0, 0, 2, 16]  # T11 (6 t) and T12 (exactly 10 t) by organisations
    assert micro.individual_purchases.sum() == 3 and micro.small_purchases.sum() == 4


def test_largest_organisation_buyers(con):
    top = run_query(con, "trades_top_buyers", top=trading_terms.TOP_BUYERS, **TO_DATE)
    assert top.buyer.tolist() == ["甲电厂", "乙公司", "己电厂", "丁公司", "丙局", "成都马拉松组委会", "某协会", "戊公司"]
    first = top.iloc[0]  # T01 + T04
    assert [first["rank"], first.trades, first.volume_tco2e, first.amount_yuan] == [1, 2, 1800, 94000]
    assert first.average_price_yuan == pytest.approx(52.22)  # 94,000 / 1,800
    assert first.share_of_volume == pytest.approx(1800 / 3891)
    assert top.set_index("buyer").loc["丁公司"].average_price_yuan != top.set_index("buyer").loc["丁公司"].average_price_yuan
    assert "个人" not in set(top.buyer_type)
    assert len(run_query(con, "trades_top_buyers", top=3, **TO_DATE)) == 3


def test_no_query_shows_an_individuals_name(con):
    params = {**TO_DATE, "top": 100}
    frames = [run_query(con, name, **params) for name in
              ("trades_headline", "trades_by_month", "trades_by_year", "trades_price_spread", "trades_top_buyers",
               "trades_micro")]
    frames += [run_query(con, "trades_by_dimension", dimension=d, **params) for d in trading_terms.DIMENSIONS]
    for frame in frames:
        assert INDIVIDUAL not in frame.to_csv() and "李四" not in frame.to_csv()
    # the macro every query reads masks them
    masked = con.execute("select distinct buyer from trades_in_scope(date '2025-12-31', null, null) where buyer_type = '个人'")
    assert sorted(r[0] for r in masked.fetchall()) == ["李*", "王*明"]


def rendered(app):
    """Every element the page sent to the browser (texts, tables and chart data as Arrow, chart specs), as UTF-8 bytes.
    A block (app.main, app.sidebar) iterates over itself and everything inside it; toasts and st.html's style sheet
    are kept apart from both, so they are added by their lists."""
    nodes = [*app.main, *app.sidebar, *app.toast, *app.html]
    return b"\n".join(node.proto.SerializeToString() for node in nodes if getattr(node, "proto", None) is not None)


@pytest.fixture
def app(open_app, warehouse):
    return open_app(warehouse, page="pages/trading.py")


def test_page_in_chinese(app):
    assert not app.exception, [e.message for e in app.exception]
    # as of the latest date, 2025-08-01: 2025 = T04..T14; to date = all 14
    tiles = [(m.label, m.value) for m in app.metric]
    assert tiles[:4] == [("成交笔数", "11"), ("成交量（CO₂e）", "2,486 吨"), ("成交额", "11.8万元"), ("均价（按成交量加权）", "61.19 元/吨")]
    assert tiles[4:] == [("成交笔数", "14"), ("成交量（CO₂e）", "3,991 吨"), ("成交额", "19.8万元"), ("均价（按成交量加权）", "57.34 元/吨")]
    assert app.metric[0].delta == "+450.0% 较上年同期"  # 11 trades against T01 and T02 (1 January to 1 August 2024)
    spread = next(f.value for f in app.dataframe if "P25" in f.value.columns)
    assert spread.set_index("交易平台").loc["碳普惠平台", "中位数"] == 43
    assert any("不超过 10 tCO₂e" in c.value for c in app.caption)
    shown = rendered(app)
    assert shown.count("甲电厂".encode()) >= 2  # the buyer chart's data and the buyer table
    assert "个人".encode() in shown  # individuals as a buyer type ...
    assert INDIVIDUAL.encode() not in shown and "李四".encode() not in shown  # ... never by name


def test_page_in_english(app):
    app.radio(key="lang").set_value("en").run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.metric[4].label == "Trades" and app.metric[4].value == "14"
    assert app.metric[7].value == "57.34 yuan/t"
    platforms = next(f.value for f in app.dataframe if "Platform" in f.value.columns and "Share of volume" in f.value.columns)
    assert "Sichuan United Environment Exchange" in platforms.Platform.tolist()
    assert any("at most 10 tCO2e" in c.value for c in app.caption)
    assert INDIVIDUAL.encode() not in rendered(app)


def test_page_for_one_zone(app):
    zones = app.selectbox(key="zone")
    zones.select_index(zones.options.index("川南")).run()  # the options are the shown labels
    assert not app.exception
    assert app.metric[4].value == "4" and app.metric[5].value == "365 吨"  # T03, T06, T09, T12
    assert INDIVIDUAL.encode() not in rendered(app)


def test_page_says_when_nothing_was_sold(app):
    app.date_input(key="as_of").set_value(dt.date(2024, 1, 1)).run()
    assert not app.exception
    assert [i.value for i in app.info] == ["截至 2024-01-01，所选区域没有碳汇成交记录。"]


def test_only_the_open_breakdown_is_made_and_none_shows_an_individual(app):
    def breakdowns():
        return [f.value for f in app.dataframe if "占成交额" in f.value.columns]

    assert [f.columns[0] for f in breakdowns()] == ["交易平台"]  # the first tab's; the other four are not run until chosen
    for label, column in [("按买方类型", "买方类型"), ("按用途", "用途"), ("按发展片", "发展片"), ("按项目类型", "项目类型")]:
        app.session_state["trading_breakdown"] = label  # as a click on the tab does
        app.run()
        assert not app.exception, [e.message for e in app.exception]
        assert [f.columns[0] for f in breakdowns()] == [column]
        if column == "买方类型":
            assert "个人" in breakdowns()[0]["买方类型"].tolist()  # individuals as a buyer type ...
        assert INDIVIDUAL.encode() not in rendered(app) and "李四".encode() not in rendered(app)  # ... never by name


def test_the_open_breakdown_stays_open_when_the_language_changes(app):
    app.session_state["trading_breakdown"] = "按用途"
    app.run()
    app.radio(key="lang").set_value("en").run()  # the tab's label is now "By purpose": the same tab, not the first
    assert not app.exception, [e.message for e in app.exception]
    assert [f.value.columns[0] for f in app.dataframe if "Share of value" in f.value.columns] == ["Purpose"]
    assert app.session_state["trading_breakdown"] == "By purpose"
