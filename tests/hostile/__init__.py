"""Hostile export files, written for real at test time (nothing large is committed): each builder writes one class of
file that once crashed, misread or silently dropped data, into a source folder laid out as the contract says."""

import datetime as dt
import os
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import xlsxwriter
from exports import PROJECT_HEADER, project, write_csv, write_parquet, write_projects

TRADE_HEADER = ["成交编号", "成交日期", "项目编号", "交易平台", "买方类型", "成交量", "成交价", "成交额(元)"]
EXCEL_ERRORS = ("#N/A", "#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#NUM!", "#NULL!")
LAST_ROW, LAST_COLUMN = 1_048_575, 16_383  # XFD1048576, zero-based as xlsxwriter counts


@dataclass(frozen=True)
class ExcelError:
    """A cell holding an error value (t="e"), as Excel saves a formula that failed."""
    code: str


def write_workbook(path: Path, rows, stray=()):
    """Rows from A1 down; datetimes with milliseconds shown, ExcelError as error cells; stray: (row, column, value)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss.000"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, ExcelError):
                sheet.write_formula(r, c, "=NA()" if value.code == "#N/A" else "=1/0", None, value.code)
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, moment)
            else:
                sheet.write(r, c, value)
    for r, c, value in stray:
        sheet.write(r, c, value)
    workbook.close()
    return path


# ---- 3: numbers out of range ----

def out_of_range_numbers(source: Path):
    header = ["项目编号", "项目名称", "所在县", "项目类型", "面积(亩)", "面积(公顷)", "项目状态", "立项日期", "年均减排量"]
    write_csv(source / "projects" / "a.csv", header, [
        ["P1", "一", "锦江区", "造林碳汇", "1000", "", "储备", "2021-01-01", ""],                      # 2 loads
        ["P2", "二", "锦江区", "造林碳汇", "1e20", "", "储备", "2021-01-01", ""],                      # 3 past DOUBLE's bound
        ["P3", "三", "锦江区", "造林碳汇", "", "1e14", "储备", "2021-01-01", ""],                      # 4 × 15 passes it
        ["P4", "四", "锦江区", "造林碳汇", "2e17万", "", "储备", "2021-01-01", ""],                    # 5 万 passes it
        ["P5", "五", "锦江区", "造林碳汇", "1", "", "储备", "2021-01-01", "9" * 39],                   # 6 39 digits
        ["P6", "六", "锦江区", "造林碳汇", "999999999999999", "", "储备", "2021-01-01", ""],           # 7 loads: below 1e15
    ])
    write_csv(source / "subsidies" / "a_yuan.csv", ["拨付编号", "所在县", "资金类别", "金额(元)", "拨付日期"], [
        ["S1", "锦江区", "注册奖励", "9999999999999999.99", "2022-01-01"],   # 2 loads: the largest DECIMAL(18, 2)
        ["S2", "锦江区", "注册奖励", "1e16", "2022-01-01"],                  # 3 one past it
    ])
    write_csv(source / "subsidies" / "b_wan.csv", ["拨付编号", "所在县", "资金类别", "金额(万元)", "拨付日期"], [
        ["S3", "锦江区", "注册奖励", "1000000000000", "2022-01-01"],         # 2 × 10,000 passes it
    ])
    write_csv(source / "trades" / "t.csv", TRADE_HEADER, [
        ["T1", "2023-01-01", "P1", "seee", "个人", "100", "50", "5000"],                      # 2 loads
        ["T2", "2023-01-01", "P1", "seee", "个人", "10000000000", "10000000000", ""],         # 3 derived amount overflows
        ["T3", "2023-01-01", "P1", "seee", "个人", "10000000000", "10000000000", "5000"],     # 4 the product overflows
        ["T4", "2023-01-01", "P1", "seee", "个人", "1", "100000000000000", ""],              # 5 past DECIMAL(18, 4)
    ])
    write_parquet(source / "carbon_stock" / "c.parquet", {
        "county": ["锦江区", "锦江区", "锦江区"], "year": [2020, 2021, 2022], "pool": ["森林", "森林", "森林"],
        "area_mu": [100.0, 100.0, 100.0], "stock_tco2e": [5.0, 1e300, float("inf")],
    })


# ---- 5: two-digit years ----

def two_digit_years(source: Path):
    write_projects(source, [
        project("P1", start="2023-05-06"),   # 2 loads
        project("P2", start="23-5-6"),       # 3 year 23
        project("P3", start="6/5/23"),       # 4 year 6
        project("P4", start="1899-12-31"),   # 5 before 1900
        project("P5", start="2101-01-01"),   # 6 after 2100
        project("P6", start="2100-12-31"),   # 7 loads
    ])


# ---- 6: real dates read as bad ----

def xlsx_fractional_seconds(source: Path):
    write_workbook(source / "projects" / "p.xlsx", [
        PROJECT_HEADER,
        ["P1", "一", "锦江区", "造林碳汇", 1000, "储备", dt.datetime(2023, 5, 6, 10, 0, 0, 500_000), None],
        ["P2", "二", "锦江区", "造林碳汇", 1000, "注册", dt.datetime(2023, 5, 6), dt.datetime(2023, 6, 7, 23, 59, 59, 999_000)],
    ])


def timezone_aware_timestamps(source: Path):
    write_projects(source, [project("P1")])
    utc = pa.array([dt.datetime(2023, 5, 6, 17, 0), dt.datetime(2023, 5, 6, 15, 59)], pa.timestamp("us", tz="UTC"))
    write_parquet(source / "trades" / "a_utc.parquet", {
        "trade_id": ["T1", "T2"], "trade_date": utc, "project_id": ["P1", "P1"], "platform": ["seee", "seee"],
        "buyer_type": ["个人", "个人"], "volume_tco2e": [1.0, 1.0],
    })
    # 20:00 on 6 May in New York is 08:00 on 7 May in Beijing; stored as its UTC instant, as Parquet does
    new_york = pa.array([dt.datetime(2023, 5, 7, 0, 0)], pa.timestamp("ms", tz="America/New_York"))
    write_parquet(source / "trades" / "b_new_york.parquet", {
        "trade_id": ["T3"], "trade_date": new_york, "project_id": ["P1"], "platform": ["seee"],
        "buyer_type": ["个人"], "volume_tco2e": [1.0],
    })


def binary_text_columns(source: Path, encoding="utf-8", names=("一号", "二号")):
    """Projects whose text columns are Parquet BINARY (no STRING annotation), their bytes in the given encoding."""
    def text(values):
        return pa.array([v.encode(encoding) if isinstance(v, str) else v for v in values], pa.binary())
    write_parquet(source / "projects" / "p.parquet", {
        "project_id": text(["P1", "P2"]), "project_name": text(list(names)), "county": text(["锦江区", "锦江区"]),
        "project_type": text(["造林碳汇", "造林碳汇"]), "area_mu": [1000.0, 2000.0], "status": text(["储备", "储备"]),
        "start_date": [dt.date(2021, 1, 1), dt.date(2021, 1, 2)],
    })


def binary_column_of_no_text(source: Path):
    write_parquet(source / "projects" / "p.parquet", {
        "project_id": pa.array([b"P1", b"\xff\xfe\xff"], pa.binary()), "project_name": ["一", "二"],
        "county": ["锦江区", "锦江区"], "project_type": ["造林碳汇", "造林碳汇"], "area_mu": [1.0, 1.0],
        "status": ["储备", "储备"], "start_date": [dt.date(2021, 1, 1), dt.date(2021, 1, 1)],
    })


# ---- 7: clean failures (or clean row rejects), never a traceback ----

def bom_then_gb18030(path: Path):
    """A UTF-8 byte-order mark, then a body in GB18030: the header line is ASCII, the second line is not UTF-8."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "project_id,project_name,county,project_type,area_mu,status,start_date\nP9,九号,锦江区,造林碳汇,1,储备,2021-01-01\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("gb18030"))
    return path


def dates_outside_python(source: Path):
    days = lambda year: (dt.date(year, 1, 1) - dt.date(1970, 1, 1)).days  # noqa: E731
    year_10000 = days(9999) + 365  # 10000-01-01
    write_parquet(source / "projects" / "a.parquet", {
        "project_id": ["P1", "P2", "P3"], "project_name": ["一", "二", "三"], "county": ["锦江区"] * 3,
        "project_type": ["造林碳汇"] * 3, "area_mu": [1.0] * 3, "status": ["储备"] * 3,
        "start_date": pa.array([days(2021), year_10000, -800_000], pa.int32()).cast(pa.date32()),
    })
    seconds = pa.array([1_600_000_000, year_10000 * 86_400], pa.int64()).cast(pa.timestamp("s"))
    write_parquet(source / "projects" / "b.parquet", {
        "project_id": ["P4", "P5"], "project_name": ["四", "五"], "county": ["锦江区"] * 2,
        "project_type": ["造林碳汇"] * 2, "area_mu": [1.0] * 2, "status": ["储备"] * 2, "start_date": seconds,
    })


# ---- 8: Excel error cells ----

def excel_error_cells(source: Path):
    header = [*PROJECT_HEADER, "项目业主", "年均减排量"]
    write_workbook(source / "projects" / "p.xlsx", [
        header,
        ["P1", "一", "锦江区", "造林碳汇", 1000, "储备", "2021-01-01", None, "林场", 10],                   # 2 loads
        ["P2", "二", "锦江区", "造林碳汇", ExcelError("#DIV/0!"), "储备", "2021-01-01", None, None, None],   # 3
        ["P3", "三", "锦江区", "造林碳汇", 1000, "储备", ExcelError("#VALUE!"), None, None, None],           # 4
        ["P4", "四", "锦江区", "造林碳汇", 1000, "储备", "2021-01-01", None, ExcelError("#N/A"), None],       # 5
        [ExcelError("#REF!"), "五", "锦江区", "造林碳汇", 1000, "储备", "2021-01-01", None, None, None],    # 6
        ["P6", "六", "锦江区", "造林碳汇", 1000, ExcelError("#NAME?"), "2021-01-01", None, None, None],      # 7
        ["P7", "七", "锦江区", "造林碳汇", 1000, "储备", "2021-01-01", None, None, ExcelError("#NUM!")],     # 8
        ["P8", "八", "锦江区", "造林碳汇", 1000, "储备", "2021-01-01", ExcelError("#NULL!"), None, None],    # 9
    ])
    # the same error saved by Excel as CSV is its text: read the same way
    write_csv(source / "projects" / "q.csv", header, [["P9", "九", "锦江区", "造林碳汇", "1", "储备", "2021-01-01", "", "#N/A", ""]])


# ---- 4: a stray cell far out; workbooks too large to read ----

def stray_cells(source: Path):
    write_workbook(source / "projects" / "p.xlsx", [
        PROJECT_HEADER, project("P1"), project("P2"),
    ], stray=[(2, LAST_COLUMN, "备注"), (LAST_ROW, LAST_COLUMN, "x")])


def wide_workbook(path: Path, rows=20):
    return write_workbook(path, [PROJECT_HEADER, *[project(f"W{i}") for i in range(rows)]])


def long_workbook(path: Path, rows=5000):
    """Many repetitive rows: a sheet XML of about a megabyte that compresses to a few kilobytes."""
    return write_workbook(path, [PROJECT_HEADER, *[project("P1") for _ in range(rows)]])


def declared_size(path: Path, member: str, size: int):
    """Rewrites the zip directory so that member declares `size` bytes unpacked (the data stays as it is)."""
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo(member).header_offset
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        local_offset = struct.unpack_from("<I", data, at + 42)[0]
        if local_offset == offset and data[at + 46 : at + 46 + name_length].decode() == member:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return path
        at += 4
    raise ValueError(f"{member} not in the zip directory of {path}")


# ---- 9: links ----

def link_outside(source: Path, outside: Path):
    write_projects(outside, [project("P7")], name="elsewhere.csv")
    (source / "projects").mkdir(parents=True, exist_ok=True)
    link = source / "projects" / "z_link.csv"
    link.symlink_to(outside / "projects" / "elsewhere.csv")
    return link


def link_inside(source: Path):
    write_projects(source / "archive", [project("P8")], name="kept.csv")
    link = source / "projects" / "z_link.csv"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(Path("..") / "archive" / "projects" / "kept.csv")
    return link


# ---- 11: smaller ----

def tab_delimited_with_titles(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["四川省林草碳汇项目登记表", "导出日期：2025-01-01", "\t".join(PROJECT_HEADER),
             "\t".join(["P1", "一号", "锦江区", "造林碳汇", "1,000", "储备", "2021-01-01", ""])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def huge_cell(path: Path, size=6 * 1024 * 1024):
    header = [*PROJECT_HEADER, "方法学"]
    return write_csv(path, header, [[*project("P1"), "方" * (size // 3)], [*project("P2"), "AR-CM-001"]])


def money_below_a_fen_and_units_that_contradict(source: Path):
    write_csv(source / "subsidies" / "a.csv", ["拨付编号", "所在县", "资金类别", "金额(元)", "拨付日期"], [
        ["S1", "锦江区", "注册奖励", "0.004", "2022-01-01"],    # 2 rounds to 0.00: not_positive
        ["S2", "锦江区", "注册奖励", "0.005", "2022-01-01"],    # 3 rounds to 0.01: loads
        ["S3", "锦江区", "注册奖励", "100亩", "2022-01-01"],    # 4 a unit of area in a column of yuan
    ])
    write_csv(source / "subsidies" / "b.csv", ["拨付编号", "所在县", "资金类别", "金额(万元)", "拨付日期"], [
        ["S4", "锦江区", "注册奖励", "80万元", "2022-01-01"],   # 2 yuan in a column of 万元
        ["S5", "锦江区", "注册奖励", "80万", "2022-01-01"],     # 3 万 in a column of 万元
        ["S6", "锦江区", "注册奖励", "80", "2022-01-01"],       # 4 loads: 800,000 yuan
        ["S7", "锦江区", "注册奖励", "80元", "2022-01-01"],     # 5 yuan in a column of 万元
    ])
    write_projects(source, [project("P1", area="100公顷"), project("P2", area="100亩")])


def fifo(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path
