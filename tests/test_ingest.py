"""The ingest command on real files: formats, encodings, header matching, numbers, dates, summary rows, accounting."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest
from exports import (
    PROJECT_HEADER,
    project,
    write_csv,
    write_parquet,
    write_projects,
    write_xlsx,
)

from sinkboard import PROJECT_ROOT
from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import connect


def build(source, out):
    ingest(source, out)
    return connect(out / "internal.duckdb")


def rows(con, sql):
    return con.execute(sql).fetchall()


def test_xlsx_with_title_rows_real_dates_and_excel_row_numbers(tmp_path):
    write_xlsx(tmp_path / "src" / "projects" / "p.xlsx", PROJECT_HEADER, [
        ["P1", "一号", "锦江区", "造林碳汇", 1000, "储备", dt.date(2021, 3, 4), None],
        ["P2", "二号", "锦江区", "造林碳汇", "abc", "储备", "2021-03-04", None],
        ["合计", None, None, None, 1000, None, None, None],
    ], titles=["四川省林草碳汇项目登记表", "导出日期：2025-01-01"])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select project_id, start_date, area_mu from projects") == [("P1", dt.date(2021, 3, 4), 1000.0)]
    assert rows(con, "select source_file, source_row, reason from rejects") == [("projects/p.xlsx", 5, "bad_number")]
    assert rows(con, "select encoding, rows_read, rows_loaded, rows_rejected, rows_skipped, rows_duplicate from ingest_files") == [
        ("xlsx", 3, 1, 1, 1, 0)]


@pytest.mark.parametrize("encoding, recorded", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")])
def test_csv_encodings_are_detected(tmp_path, encoding, recorded):
    write_projects(tmp_path / "src", [project("P1", county="双流区"), project("P2", county="龙泉驿区")], encoding=encoding)
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select project_id, county_code, county_name from projects order by 1") == [
        ("P1", "510116", "双流区"), ("P2", "510112", "龙泉驿区")]
    assert rows(con, "select encoding from ingest_files") == [(recorded,)]


def test_parquet_with_english_names_and_typed_columns(tmp_path):
    write_projects(tmp_path / "src", [project("P1")])
    write_parquet(tmp_path / "src" / "trades" / "t.parquet", {
        "trade_id": ["T1", "T2"], "trade_date": [dt.date(2023, 1, 2), dt.date(2023, 1, 3)], "project_id": ["P1", "P1"],
        "platform": ["seee", "碳普惠平台"], "buyer_type": ["compliance_entity", "个人"], "volume_tco2e": [100.0, 2.0],
        "price_yuan": [50.5, 60.0], "amount_wan": [0.505, None],
    })
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select trade_id, platform, buyer_type, amount_yuan, is_amount_derived from trades order by 1") == [
        ("T1", "四川联合环境交易所", "控排企业", Decimal("5050.00"), False),
        ("T2", "碳普惠平台", "个人", Decimal("120.00"), True),
    ]
    assert rows(con, "select encoding, rows_read from ingest_files where dataset = 'trades'") == [("parquet", 2)]


def test_headers_match_after_nfkc_white_space_and_case(tmp_path):
    header = ["PROJECT_ID", "项目 名称", "所在县", "项目类型", "面积（亩）", "Status", "立项日期"]
    write_csv(tmp_path / "src" / "projects" / "a.csv", header, [["P1", "一号", "锦江区", "造林碳汇", "10", "储备", "2021-01-01"]])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select project_id, project_name, area_mu from projects") == [("P1", "一号", 10.0)]


@pytest.mark.parametrize("written, mu", [
    ("1,234", 1234), ("1，234", 1234), ("１２３４", 1234), ("1234 亩", 1234), ("1.2万", 12000), ("0.5万亩", 5000),
    (" 12 34 ", 1234),
])
def test_numbers_as_people_write_them(tmp_path, written, mu):
    write_projects(tmp_path / "src", [project("P1", area=written)])
    assert rows(build(tmp_path / "src", tmp_path / "wh"), "select area_mu from projects") == [(mu,)]


def test_hectares_become_mu_and_wan_yuan_become_yuan_exactly(tmp_path):
    write_csv(tmp_path / "src" / "projects" / "a.csv", ["项目编号", "项目名称", "所在县", "项目类型", "面积(公顷)", "项目状态", "立项日期"],
              [["P1", "一号", "锦江区", "造林碳汇", "10.5", "储备", "2021-01-01"]])
    write_csv(tmp_path / "src" / "subsidies" / "s.csv", ["拨付编号", "所在县", "资金类别", "金额(元)", "拨付日期"], [
        ["S1", "锦江区", "注册奖励", "80万元", "2022-01-01"],
        ["S2", "锦江区", "技术研究", "1,234.56元", "2022-01-01"],
        ["S3", "锦江区", "技术研究", "0.1亿", "2022-01-01"],
    ])
    write_csv(tmp_path / "src" / "budgets" / "b.csv", ["年度", "资金类别", "预算金额(万元)"], [["2022", "注册奖励", "100.01"]])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select area_mu from projects") == [(157.5,)]
    assert rows(con, "select payment_id, amount_yuan from subsidies order by 1") == [
        ("S1", Decimal("800000.00")), ("S2", Decimal("1234.56")), ("S3", Decimal("10000000.00"))]
    assert rows(con, "select year, amount_yuan from budgets") == [(2022, Decimal("1000100.00"))]


@pytest.mark.parametrize("written", ["2023-05-06", "2023/5/6", "2023.5.6", "2023年5月6日", "20230506", "2023-5-6"])
def test_dates_in_every_listed_form(tmp_path, written):
    write_projects(tmp_path / "src", [project("P1", start=written)])
    assert rows(build(tmp_path / "src", tmp_path / "wh"), "select start_date from projects") == [(dt.date(2023, 5, 6),)]


def test_summary_rows_are_skipped_and_empty_rows_not_counted(tmp_path):
    write_projects(tmp_path / "src", [
        project("P1"), [None] * 8, ["小计", None, None, None, "1000", None, None, None], project("P2"),
        [None, "总计", None, None, "2000", None, None, None],
    ])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select rows_read, rows_loaded, rows_skipped from ingest_files") == [(4, 2, 2)]
    assert rows(con, "select count(*) from rejects") == [(0,)]


def test_ragged_csv_rows_keep_their_row_numbers(tmp_path):
    path = tmp_path / "src" / "projects" / "a.csv"
    path.parent.mkdir(parents=True)
    path.write_text(",".join(PROJECT_HEADER) + "\n"
                    "P1,一号,锦江区,造林碳汇,100,储备,2021-01-01\n"  # one cell short: registered_date empty
                    "P2,二号,锦江区,造林碳汇\n"  # short: area, status, start missing
                    "P3,三号,锦江区,造林碳汇,100,储备,2021-01-01,,extra\n", encoding="utf-8")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select project_id from projects order by 1") == [("P1",), ("P3",)]
    assert rows(con, "select source_row, reason from rejects") == [(3, "missing_required")]


def test_targets_with_an_empty_zone_are_the_province(tmp_path):
    write_csv(tmp_path / "src" / "targets" / "t.csv", ["年度", "发展片", "指标", "目标值"], [
        ["2022", "", "项目规模(亩)", "1500万"], ["2025", "全省", "area_mu", "3000万"], ["2025", "South", "area_mu", "500万"],
        ["2025", "川北", "area_mu", "1"],
    ])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select year, zone, metric, value from targets order by year, zone") == [
        (2022, "全省", "area_mu", 15_000_000.0), (2025, "全省", "area_mu", 30_000_000.0), (2025, "川南", "area_mu", 5_000_000.0)]
    assert rows(con, "select source_row, reason from rejects") == [(5, "unknown_value")]


def test_build_records_source_and_synthetic_flag(tmp_path):
    write_projects(tmp_path / "src", [project("P1")])
    con = build(tmp_path / "src", tmp_path / "wh")
    assert rows(con, "select source_name, is_synthetic from build_info") == [("src", False)]
    (tmp_path / "src" / "SYNTHETIC.json").write_text("{}")
    con.close()
    con = build(tmp_path / "src", tmp_path / "wh2")
    assert rows(con, "select is_synthetic from build_info") == [(True,)]


def test_the_command_prints_a_summary_and_exits_0(tmp_path):
    write_projects(tmp_path / "src", [project("P1"), project("P2", area="x")])
    done = subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(tmp_path / "src"), "--out", str(tmp_path / "wh")],
                          cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "projects" in done.stdout and (tmp_path / "wh" / "public.duckdb").exists()


def test_sample_accounts_for_every_row(open_warehouse, sample_warehouse):
    con = open_warehouse(sample_warehouse)
    assert rows(con, "select count(*) from ingest_files where rows_read <> rows_loaded + rows_rejected + rows_skipped + rows_duplicate") == [(0,)]
    assert rows(con, "select count(distinct county_code) from projects") == [(183,)]
    assert rows(con, "select year from targets where zone = '全省' order by year") == [(2022,), (2025,), (2030,)]
    loaded = rows(con, "select sum(rows_loaded) from ingest_files where dataset = 'projects'")[0][0]
    assert rows(con, "select count(*) from projects") == [(loaded,)]
