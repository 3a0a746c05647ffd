"""The project registry (policy task 7): search, filters, paging, a project's own page and its figures, and the masking
of individual buyers, on a hand-made warehouse whose figures are worked out below."""

import datetime as dt
import json

import pytest
from exports import write_csv

from sinkboard.figures.project_lookup import page_count, search_text, status_lines
from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import run_query

LATEST = dt.date(2024, 6, 1)  # R7's start: the latest date in the data, so the default as-of date
END_2023 = dt.date(2023, 12, 31)
ALL = {"zone": None, "prefecture_code": None}
NO_FILTER = {"search": None, "county_codes": None, "project_types": None, "standards": None, "statuses": None,
             "owner_types": None, "is_demo": None, "limit": None, "offset": 0}

PROJECTS = (
    ["项目编号", "项目名称", "所在县", "项目类型", "标准", "方法学", "项目业主", "业主类型", "面积(亩)", "项目状态",
     "立项日期", "注册日期", "计入期开始", "计入期结束", "年均减排量", "示范项目"],
    [
        # id, name, county (zone), type, standard, methodology, owner, owner type, mu, status, start, registered, crediting, est, demo
        ["R1", "锦江城市森林示范", "锦江区", "城市森林碳汇", "CCER", "城市森林方法学", "成都林业集团", "重点森工企业", "1000", "签发",
         "2020-01-01", "2021-01-01", "2020-01-01", "2049-12-31", "500", "是"],  # 川中 成都
        ["R2", "西昌造林", "西昌市", "造林碳汇", "VCS", "AR-CM-001", "西昌国有林场", "国有林场", "2000", "注册",
         "2020-06-01", "2021-06-01", "", "", "800", "否"],  # 川西南 凉山
        ["R3", "叙州竹林经营", "叙州区", "竹林经营碳汇", "四川碳普惠", "", "叙州竹业公司", "地方小采企业", "3000", "审定",
         "2021-03-01", "", "", "", "", "否"],  # 川南 宜宾
        ["R4", "理县森林经营", "理县", "森林经营碳汇", "CCER", "", "李某某", "农户", "4000", "储备",
         "2022-01-01", "", "", "", "", ""],  # 川西北 阿坝
        ["R5", "若尔盖湿地", "若尔盖县", "湿地碳汇", "GS", "", "若尔盖村集体", "集体经济组织", "5000", "终止",
         "2020-02-01", "", "", "", "", "否"],  # 川西北 阿坝
        ["R6", "苍溪森林经营", "苍溪县", "森林经营碳汇", "CCER", "", "苍溪国有林场", "国有林场", "6000", "签发",
         "2021-01-01", "2022-01-01", "", "", "", "否"],  # 川东北 广元
        ["R7", "锦江竹子造林", "锦江区", "竹子造林碳汇", "", "", "锦江某公司", "", "700", "储备",
         "2024-06-01", "", "", "", "", "否"],  # 川中 成都; no standard, no owner type
    ],
)
ISSUANCES = (
    ["项目编号", "监测期开始", "监测期结束", "核证减排量", "签发量", "签发日期"],
    [
        ["R1", "2020-01-01", "2021-12-31", "1000", "900", "2022-06-30"],
        ["R1", "2022-01-01", "2022-12-31", "600", "550", "2023-05-15"],
        ["R1", "2023-01-01", "2023-12-31", "700", "", ""],  # verified, not yet issued
        ["R6", "2021-01-01", "2022-12-31", "300", "300", "2023-03-01"],
    ],
)
TRADES = (
    ["成交编号", "成交日期", "项目编号", "交易平台", "买方", "买方类型", "成交量", "成交价", "成交额(元)", "用途"],
    [
        ["T1", "2023-06-01", "R1", "碳普惠平台", "王小明", "个人", "10", "50", "500", "碳普惠"],
        ["T2", "2023-07-01", "R1", "四川联合环境交易所", "成都某某公司", "自愿企业", "100", "40", "4000", "自愿抵消"],
    ],
)
SUBSIDIES = (
    ["拨付编号", "项目编号", "所在县", "资金类别", "金额(元)", "拨付日期", "预算年度", "资金来源"],
    [
        ["S1", "R1", "锦江区", "注册奖励", "500000", "2022-03-01", "2022", "省级专项资金"],
        ["S2", "", "西昌市", "技术研究", "100000", "2023-01-01", "2023", "省级专项资金"],
    ],
)


@pytest.fixture(scope="module")
def registry_warehouse(tmp_path_factory):
    source = tmp_path_factory.mktemp("registry_source")
    for folder, (header, rows) in {"projects": PROJECTS, "issuances": ISSUANCES, "trades": TRADES,
                                   "subsidies": SUBSIDIES}.items():
        write_csv(source / folder / "a.csv", header, rows)
    out = tmp_path_factory.mktemp("registry_warehouse")
    ingest(source, out)
    return out


@pytest.fixture
def con(open_warehouse, registry_warehouse):
    return open_warehouse(registry_warehouse)


def found(con, as_of=LATEST, zone=None, prefecture_code=None, **filters):
    rows = run_query(con, "registry_projects", as_of=as_of, zone=zone, prefecture_code=prefecture_code,
                     **{**NO_FILTER, **filters})
    return rows.project_id.tolist()


def detail(con, project_id, as_of=LATEST):
    return run_query(con, "project_detail", project_id=project_id, as_of=as_of)


def test_every_row_loaded(con):
    assert con.execute("select count(*) from rejects").fetchone()[0] == 0
    assert con.execute("select count(*) from projects").fetchone()[0] == 7


def test_no_filter_lists_projects_started_by_the_as_of_date(con):
    assert found(con) == ["R1", "R2", "R3", "R4", "R5", "R6", "R7"]
    assert found(con, as_of=END_2023) == ["R1", "R2", "R3", "R4", "R5", "R6"]  # R7 starts 2024-06-01


def test_search_by_exact_id_puts_it_first(con):
    assert found(con, search="R1") == ["R1"]
    assert found(con, search="r6") == ["R6"]  # case-insensitive


def test_search_by_part_of_a_name(con):
    assert found(con, search="森林经营") == ["R4", "R6"]
    assert found(con, search="锦江") == ["R1", "R7"]


def test_search_by_owner(con):
    assert found(con, search="国有林场") == ["R2", "R6"]
    assert found(con, search="李某") == ["R4"]


def test_search_text_is_trimmed_and_normalised():
    assert search_text("  Ｒ１ ") == "R1"  # full-width, as people type it in a Chinese input method
    assert search_text("   ") is None


def test_area_filters_from_the_sidebar(con):
    assert found(con, zone="川西北") == ["R4", "R5"]
    assert found(con, prefecture_code="510100") == ["R1", "R7"]  # 成都市


def test_each_page_filter(con):
    assert found(con, county_codes=["510104"]) == ["R1", "R7"]  # 锦江区
    assert found(con, county_codes=["510104", "510824"]) == ["R1", "R6", "R7"]  # + 苍溪县
    assert found(con, project_types=["森林经营碳汇"]) == ["R4", "R6"]
    assert found(con, standards=["CCER"]) == ["R1", "R4", "R6"]
    assert found(con, standards=["未填"]) == ["R7"]
    assert found(con, statuses=["签发", "注册"]) == ["R1", "R2", "R6"]
    assert found(con, owner_types=["国有林场"]) == ["R2", "R6"]
    assert found(con, owner_types=["未填"]) == ["R7"]
    assert found(con, is_demo=True) == ["R1"]
    assert found(con, is_demo=False) == ["R2", "R3", "R4", "R5", "R6", "R7"]  # R4's empty demo cell reads as not a demo
    assert found(con, statuses=["签发"], zone="川中") == ["R1"]  # filters combine


def test_list_shows_issued_credits_by_the_as_of_date(con):
    rows = run_query(con, "registry_projects", as_of=LATEST, **ALL, **NO_FILTER).set_index("project_id")
    assert rows.loc["R1", "issued_tco2e"] == 1450  # 900 + 550; the third period is not issued
    assert rows.loc["R1", "owner"] == "成都林业集团"
    first = run_query(con, "registry_projects", as_of=dt.date(2022, 12, 31), **ALL, **NO_FILTER).set_index("project_id")
    assert first.loc["R1", "issued_tco2e"] == 900  # only the issuance of 2022-06-30


def test_filter_values_count_the_projects_in_scope(con):
    values = run_query(con, "registry_filter_values", as_of=LATEST, **ALL)
    counts = {(r.filter, r.value): r.projects for r in values.itertuples()}
    assert counts[("county", "510104")] == 2  # R1, R7
    assert counts[("project_type", "森林经营碳汇")] == 2
    assert counts[("standard", "未填")] == 1
    assert counts[("owner_type", "国有林场")] == 2
    assert len(values[values["filter"] == "status"]) == 5


def test_paging_in_sql(con):
    """A page of the matches from an offset, each row with the count of all of them; no limit gives them all."""
    assert page_count(120) == 3 and page_count(0) == 1 and page_count(50) == 1
    every = found(con)
    assert len(every) > 3
    page = run_query(con, "registry_projects", as_of=LATEST, zone=None, prefecture_code=None,
                     **{**NO_FILTER, "limit": 2, "offset": 2})
    assert page.project_id.tolist() == every[2:4]
    assert page.matching_projects.tolist() == [len(every)] * 2
    past = run_query(con, "registry_projects", as_of=LATEST, zone=None, prefecture_code=None,
                     **{**NO_FILTER, "limit": 2, "offset": len(every)})
    assert past.empty


def test_project_detail_figures(con):
    row = detail(con, "R1").iloc[0]
    assert row.issued_tco2e == 1450  # 900 + 550
    assert row.verified_tco2e == 2300  # 1000 + 600 + 700 (the third period verified, its end 2023-12-31 before the as-of)
    assert row.first_issued_date.date() == dt.date(2022, 6, 30)
    assert row.last_issued_date.date() == dt.date(2023, 5, 15)
    assert row.issuances == 2
    assert row.region_code == "510104" and row.zone == "川中" and bool(row.is_demo)
    assert row.crediting_end.date() == dt.date(2049, 12, 31) and row.est_annual_tco2e == 500
    earlier = detail(con, "R1", as_of=dt.date(2022, 12, 31)).iloc[0]
    assert earlier.issued_tco2e == 900 and earlier.verified_tco2e == 1000  # the later periods are not there yet
    assert earlier.last_issued_date.date() == dt.date(2022, 6, 30)


def test_project_records(con):
    issuances = run_query(con, "project_issuances", project_id="R1", as_of=LATEST)
    assert issuances.verified_tco2e.tolist() == [1000, 600, 700]
    trades = run_query(con, "project_trades", project_id="R1", as_of=LATEST)
    assert trades.trade_id.tolist() == ["T1", "T2"]
    assert trades.volume_tco2e.sum() == 110
    payments = run_query(con, "project_payments", project_id="R1", as_of=LATEST)
    assert payments.payment_id.tolist() == ["S1"] and payments.payment_yuan.tolist() == [500000]  # S2 has no project
    assert run_query(con, "project_payments", project_id="R2", as_of=LATEST).empty


def test_unknown_id_finds_nothing(con):
    assert detail(con, "NO-SUCH").empty
    assert detail(con, "r1").empty  # a URL id is exact, not a search
    assert detail(con, "R1' or 1=1 --").empty  # ids are parameters, never SQL


def test_status_lines_say_what_the_records_say(con):
    lines = status_lines(detail(con, "R1").iloc[0], LATEST, "zh")
    assert lines[0] == "登记状态：签发（最新登记快照）。"
    assert "2021-01-01 注册。" in lines
    assert "首次签发 2022-06-30，最近签发 2023-05-15；累计签发 1,450 吨（签发记录 2 条）。" in lines
    english = status_lines(detail(con, "R2").iloc[0], LATEST, "en")
    assert "No issuance by the as-of date." in english
    # R6 registers 2022-01-01; at the end of 2021 it was not registered yet
    assert any("after the as-of date" in line for line in status_lines(detail(con, "R6", dt.date(2021, 12, 31)).iloc[0],
                                                                        dt.date(2021, 12, 31), "en"))


def test_individual_buyer_is_masked_in_every_result(con):
    results = [run_query(con, "project_trades", project_id=p, as_of=LATEST) for p in ("R1", "R6")]
    results += [run_query(con, "registry_projects", as_of=LATEST, **ALL, **{**NO_FILTER, "search": "王"})]
    text = "\n".join(frame.to_csv() for frame in results)
    assert "王小明" not in text
    assert "王*明" in text
    assert found(con, search="王小明") == []  # buyers are not searched


# --- the page, through app.py ---

@pytest.fixture
def open_registry(open_app, registry_warehouse):
    """The internal app on the registry page in a language; on a project's own page when its ID is in the address."""

    def open_page(lang, project=None):
        return open_app(registry_warehouse, page="pages/registry.py", lang=lang,
                        query_params=None if project is None else {"project": project})

    return open_page


def every_text(app):
    parts = [e.value for kind in ("markdown", "title", "subheader", "caption", "info", "warning") for e in getattr(app, kind)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang, matches", [("zh", "**7** 个项目符合条件"), ("en", "**7** projects match")])
def test_list_page_in_both_languages(open_registry, lang, matches):
    app = open_registry(lang)
    assert matches in every_text(app)
    table = app.dataframe[0].value
    assert len(table) == 7
    assert list(table.columns) == (["项目名称", "县（市、区）", "状态", "面积（亩）", "注册日期"]
                                   if lang == "zh" else ["Project", "County", "Status", "Area (mu)", "Registered"])
    assert "王小明" not in every_text(app)
    # on a narrow screen the table scrolls sideways: its first column, the project, stays in view
    config = json.loads(app.dataframe[0].proto.columns)
    assert [heading for heading, column in config.items() if column.get("pinned")] == [list(table.columns)[0]]


def test_list_columns_chosen_are_added_after_the_first(open_registry):
    app = open_registry("zh")
    app.multiselect(key="registry_table_more").select("owner").select("project_id").run()
    # in the chooser's order, whatever the order they were picked in
    assert list(app.dataframe[0].value.columns)[-2:] == ["项目编号", "项目业主"]


def test_list_page_search_and_filter(open_registry):
    app = open_registry("zh")
    app.multiselect(key="registry_table_more").select("project_id").run()
    app.text_input(key="registry_search").input("国有林场").run()
    assert app.dataframe[0].value["项目编号"].tolist() == ["R2", "R6"]
    app.multiselect(key="registry_statuses").select("签发").run()
    assert app.dataframe[0].value["项目编号"].tolist() == ["R6"]
    app.text_input(key="registry_search").input("没有这个项目").run()
    assert not app.exception
    assert any("没有符合条件的项目" in i.value for i in app.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_project_page_from_the_url(open_registry, lang):
    app = open_registry(lang, project="R1")
    text = every_text(app)
    assert "锦江城市森林示范" in text
    tiles = {m.label: m.value for m in app.metric}
    if lang == "zh":
        assert tiles["累计签发量（吨 CO₂e）"] == "1,450" and tiles["累计核证量（吨 CO₂e）"] == "2,300"
        assert "首次签发 2022-06-30，最近签发 2023-05-15" in text
    else:
        assert tiles["Credits issued (tCO2e)"] == "1,450" and tiles["Expected credits a year (tCO2e)"] == "500"
        assert "Registered on 2021-01-01" in text
    assert "王小明" not in text
    assert len(app.dataframe) == 3  # issuances, trades, payments
    assert app.dataframe[1].value.iloc[:, 4].tolist() == ["王*明", "成都某某公司"]  # the buyer column of T1, T2
    assert app.dataframe[2].value.iloc[0, 0] == "S1"


def test_unknown_project_in_the_url_says_so(open_registry):
    app = open_registry("zh", project="NO-SUCH")
    assert any("NO-SUCH" in w.value for w in app.warning)
    app = open_registry("en", project="NO-SUCH")
    assert any("There is no project with the ID" in w.value for w in app.warning)


def test_back_button_returns_to_the_list(open_registry):
    app = open_registry("zh", project="R2")
    app.button(key="registry_back").click().run()
    assert not app.exception
    assert "project" not in app.query_params
    assert "**7** 个项目符合条件" in every_text(app)


def test_project_started_after_the_as_of_date_says_so(open_registry):
    app = open_registry("zh", project="R7")
    assert app.metric  # started 2024-06-01, the default as-of date: shown
    app.date_input(key="as_of").set_value(END_2023).run()
    assert not app.exception
    assert any("立项于 2024-06-01，晚于截至日期 2023-12-31" in w.value for w in app.warning)
