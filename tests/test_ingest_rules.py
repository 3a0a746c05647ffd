"""Every reject reason, the order in which they apply, county resolution, duplicates and supersession."""

from decimal import Decimal

import pytest
from exports import project, write_csv, write_projects

from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import connect

TRADE_HEADER = ["成交编号", "成交日期", "项目编号", "交易平台", "买方类型", "成交量", "成交价", "成交额(元)"]
ISSUANCE_HEADER = ["项目编号", "监测期开始", "监测期结束", "核证减排量", "签发量", "签发日期"]


def build(source, out):
    ingest(source, out)
    return connect(out / "internal.duckdb")


def rejects(con, dataset):
    return con.execute("select source_row, reason from rejects where dataset = $d order by source_row", {"d": dataset}).fetchall()


def test_project_rules_and_the_first_reason_that_applies(tmp_path):
    write_projects(tmp_path / "src", [
        project("P01"),                                              # row 2 loads
        project(None),                                               # 3 missing_required
        project("P03", area="abc", start="bad"),                     # 4 bad_number beats bad_date
        project("P04", start="2023-13-45"),                          # 5 bad_date
        project("P05", area="0"),                                    # 6 not_positive
        project("P06", area="-5", project_type="林下经济碳汇"),         # 7 not_positive beats unknown_value
        project("P07", project_type="林下经济碳汇"),                    # 8 unknown_value
        project("P08", county="不存在县"),                              # 9 unknown_county
        project("P09", county="市中区"),                               # 10 ambiguous_county
        project("P10", status="注册", start="2022-01-01", registered="2021-01-01"),  # 11 date_order
        project("P11", status="签发", registered=None, area="x"),      # 12 missing_required beats bad_number
        project("P12", status="已备案", registered="2022-02-02"),       # 13 loads as 注册
        project("P13", status="unknown status"),                     # 14 unknown_value
    ])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rejects(con, "projects") == [
        (3, "missing_required"), (4, "bad_number"), (5, "bad_date"), (6, "not_positive"), (7, "not_positive"),
        (8, "unknown_value"), (9, "unknown_county"), (10, "ambiguous_county"), (11, "date_order"), (12, "missing_required"),
        (14, "unknown_value"),
    ]
    assert con.execute("select project_id, status from projects order by 1").fetchall() == [("P01", "储备"), ("P12", "注册")]
    message = con.execute("select message from rejects where source_row = 12").fetchone()[0]
    assert "registered_date" in message and "area_mu" in message  # the message names every fault


def test_crediting_end_must_be_after_start(tmp_path):
    header = ["项目编号", "项目名称", "所在县", "项目类型", "面积(亩)", "项目状态", "立项日期", "计入期开始", "计入期结束"]
    write_csv(tmp_path / "src" / "projects" / "a.csv", header, [
        ["P1", "一", "锦江区", "造林碳汇", "1", "储备", "2021-01-01", "2021-01-01", "2021-01-01"],
        ["P2", "二", "锦江区", "造林碳汇", "1", "储备", "2021-01-01", "2021-01-01", "2041-01-01"],
    ])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rejects(con, "projects") == [(2, "date_order")]


def test_trade_rules_amount_within_one_percent(tmp_path):
    write_projects(tmp_path / "src", [project("P1"), project("PX", area="bad")])
    write_csv(tmp_path / "src" / "trades" / "t.csv", TRADE_HEADER, [
        ["T1", "2023-01-01", "P1", "seee", "个人", "100", "50", "5050"],   # 2: +1.0% loads
        ["T2", "2023-01-01", "P1", "seee", "个人", "100", "50", "5051"],   # 3: just over 1%
        ["T3", "2023-01-01", "P1", "seee", "个人", "100", "50", ""],       # 4: derived 5000
        ["T4", "2023-01-01", "PX", "seee", "个人", "100", "50", "5000"],   # 5: project rejected → unknown_project
        ["T5", "2023-01-01", "P1", "微信", "个人", "100", "50", "5000"],    # 6: unknown_value
        ["T6", "2023-01-01", "P1", "seee", "个人", "0", "50", "0"],        # 7: not_positive
        ["T7", "2023-01-01", "P1", "seee", "", "1", "50", "50"],           # 8: missing_required
    ])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rejects(con, "trades") == [(3, "amount_mismatch"), (5, "unknown_project"), (6, "unknown_value"),
                                      (7, "not_positive"), (8, "missing_required")]
    assert con.execute("select trade_id, amount_yuan from trades order by 1").fetchall() == [
        ("T1", Decimal("5050.00")), ("T3", Decimal("5000.00"))]


def test_issuance_rules(tmp_path):
    write_projects(tmp_path / "src", [project("P1", status="注册", registered="2021-06-01")])
    write_csv(tmp_path / "src" / "issuances" / "i.csv", ISSUANCE_HEADER, [
        ["P1", "2021-01-01", "2021-12-31", "100", "90", "2022-03-01"],
        ["P1", "2022-01-01", "2022-01-01", "100", "90", ""],     # 3 date_order (end not after start)
        ["P9", "2022-01-01", "2022-12-31", "100", "", ""],       # 4 unknown_project
        ["P1", "2022-01-01", "2022-12-31", "-1", "", ""],        # 5 not_positive
    ])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rejects(con, "issuances") == [(3, "date_order"), (4, "unknown_project"), (5, "not_positive")]


def test_subsidy_project_is_optional_but_must_exist_when_given(tmp_path):
    write_projects(tmp_path / "src", [project("P1")])
    write_csv(tmp_path / "src" / "subsidies" / "s.csv", ["拨付编号", "项目编号", "所在县", "资金类别", "金额(万元)", "拨付日期"], [
        ["S1", "", "锦江区", "research", "50", "2022-01-01"],
        ["S2", "P9", "锦江区", "注册奖励", "50", "2022-01-01"],
        ["S3", "P1", "锦江区", "注册奖励", "八十", "2022-01-01"],
    ])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rejects(con, "subsidies") == [(3, "unknown_project"), (4, "bad_number")]
    assert con.execute("select category, amount_yuan from subsidies").fetchall() == [("技术研究", Decimal("500000.00"))]


@pytest.mark.parametrize("county, prefecture, code", [
    ("510104", "", "510104"),           # current code
    ("510122", "", "510116"),           # former code of 双流县
    ("锦江区", "", "510104"),            # unique name
    ("郫县", "", "510117"),              # former name
    ("会理县", "凉山州", "513402"),
    ("宜宾县", "", "511504"),
    ("简阳市", "资阳市", "510185"),       # former prefecture still named
    ("乐山市市中区", "", "511102"),       # qualified by its prefecture
    ("市中区", "内江", "511002"),         # prefecture column tells repeats apart
    ("双流区", "绵阳市", "510116"),       # a unique name wins over a contradicting prefecture
    ("元坝区", "", "510811"),            # renamed, same code
    ("四川省成都市锦江区", "", "510104"),  # with province and prefecture
    ("510104000000", "", "510104"),      # the statistics bureau's 12-digit form
])
def test_counties_resolve_to_todays_division(tmp_path, county, prefecture, code):
    header = ["项目编号", "项目名称", "所在县", "所在市州", "项目类型", "面积(亩)", "项目状态", "立项日期"]
    write_csv(tmp_path / "src" / "projects" / "a.csv", header, [["P1", "一", county, prefecture, "造林碳汇", "1", "储备", "2021-01-01"]])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select county_code from projects").fetchall() == [(code,)]


def test_a_code_wins_over_a_name(tmp_path):
    header = ["项目编号", "项目名称", "所在县", "行政区划代码", "项目类型", "面积(亩)", "项目状态", "立项日期"]
    write_csv(tmp_path / "src" / "projects" / "a.csv", header, [
        ["P1", "一", "锦江区", "510105", "造林碳汇", "1", "储备", "2021-01-01"],
        ["P2", "二", "锦江区", "999999", "造林碳汇", "1", "储备", "2021-01-01"],
    ])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select county_code, county_name, zone from projects").fetchall() == [("510105", "青羊区", "川中")]
    assert rejects(con, "projects") == [(3, "unknown_county")]


def test_duplicates_and_supersession_across_files(tmp_path):
    src = tmp_path / "src"
    write_projects(src, [
        project("P1", area="1000"),            # 2: same as b.csv row 2 → loaded here, duplicate there
        project("P2", area="1000"),            # 3: superseded by b.csv row 3
        project("P3", area="1000"),            # 4: b.csv row 4 is invalid → this row stays
        project("P4", area="1.2万"),           # 5: equal on canonical values to b.csv row 5 (12000)
        project("P5", area="1000"),            # 6
        project("P5", area="1000"),            # 7: duplicate in the same file
    ], name="a.csv")
    write_projects(src, [
        project("P1", area="1000"),
        project("P2", area="2000"),
        project("P3", area="bad"),
        project("P4", area="12,000"),
    ], name="b.csv")
    con = build(src, tmp_path / "wh")
    assert con.execute("select project_id, area_mu from projects order by 1").fetchall() == [
        ("P1", 1000.0), ("P2", 2000.0), ("P3", 1000.0), ("P4", 12000.0), ("P5", 1000.0)]
    assert con.execute("select source_file, source_row, reason from rejects order by 1, 2").fetchall() == [
        ("projects/a.csv", 3, "superseded"), ("projects/b.csv", 4, "bad_number")]
    assert con.execute("select source_file, rows_read, rows_loaded, rows_rejected, rows_duplicate from ingest_files order by 1").fetchall() == [
        ("projects/a.csv", 6, 4, 1, 1), ("projects/b.csv", 4, 1, 1, 2)]


def test_the_later_row_replaces_the_earlier_whole(tmp_path):
    src = tmp_path / "src"
    write_projects(src, [project("P1", status="注册", registered="2022-01-01")], name="a.csv")
    write_csv(src / "projects" / "b.csv", ["项目编号", "项目名称", "所在县", "项目类型", "面积(亩)", "项目状态", "立项日期"],
              [["P1", "新名", "锦江区", "造林碳汇", "1000", "审定", "2021-01-01"]])
    con = build(src, tmp_path / "wh")
    assert con.execute("select project_name, status, registered_date from projects").fetchall() == [("新名", "审定", None)]


def test_a_row_pointing_at_a_superseded_project_id_still_finds_the_winner(tmp_path):
    src = tmp_path / "src"
    write_projects(src, [project("P1", area="1")], name="a.csv")
    write_projects(src, [project("P1", area="2")], name="b.csv")
    write_csv(src / "trades" / "t.csv", TRADE_HEADER, [["T1", "2023-01-01", "P1", "seee", "个人", "1", "1", "1"]])
    con = build(src, tmp_path / "wh")
    assert con.execute("select count(*) from trades").fetchone() == (1,)
