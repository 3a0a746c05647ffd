"""Corpus cases in CSV: encodings, line ends, quoting, title and summary rows, header variants, unknown columns, ragged
rows, numbers and dates as people and Excel write them; and the CSV files that must fail the ingest."""

from pathlib import Path

import xlsxwriter

from hostile.corpus import (
    CARBON_STOCK,
    PROJECTS,
    TRADES,
    case,
    csv_bytes,
    project,
    put,
    put_csv,
    registered_projects,
)


@case("text")
def h01_crlf_with_bom(source: Path):
    """Windows line ends, a UTF-8 byte-order mark, a row of empty cells and blank lines at the end."""
    put(source, "projects/h01_crlf.csv", csv_bytes([
        PROJECTS,
        project("H01-P1"),                       # 2 loads
        [None] * 8,                              # 3 empty: not counted, but Excel still numbers it
        project("H01-P2", area="x"),             # 4 bad_number
    ], newline="\r\n", encoding="utf-8-sig") + b"\r\n\r\n")


@case("text")
def h02_cr_only_gb18030(source: Path):
    """Classic Mac line ends (CR alone), as 'CSV (Macintosh)' saves, in GB18030."""
    put(source, "projects/h02_cr.csv", csv_bytes([
        PROJECTS,
        project("H02-P1", county="龙泉驿区"),      # 2 loads
        project("H02-P2", county="不存在县"),      # 3 unknown_county
    ], newline="\r", encoding="gb18030"))


@case("text")
def h03_utf16_tab(source: Path):
    """Excel's 'Unicode Text': UTF-16 little-endian with a byte-order mark, tab-delimited, CRLF."""
    put(source, "projects/h03_utf16.csv", csv_bytes([
        PROJECTS,
        project("H03-P1", name="一号林场"),         # 2 loads
        project("H03-P2", start="2021-02-30"),    # 3 bad_date
    ], delimiter="\t", newline="\r\n", encoding="utf-16"))


@case("text")
def h04_quoted_newlines(source: Path):
    """Cells holding line breaks, commas and quotes: a row is a record (as Excel shows it), not a line of the file."""
    put_csv(source, "projects/h04_quoted.csv", [
        [*PROJECTS, "方法学"],
        [*project("H04-P1", name="一号\n林场"), 'AR-CM-001, "改"'],    # 2 (lines 2-3)
        [*project("H04-P2", name="二号\n二期\n三期"), None],            # 3 (lines 4-6)
        [*project("H04-P3", area="x"), None],                         # 4 (line 7) bad_number
    ])


@case("text")
def h06_titles_and_summary_rows(source: Path):
    """Ten title rows as Excel saves them to CSV (trailing commas), then the header; summary rows at the end."""
    titles = [["四川省林草碳汇项目登记表", *[None] * 7], ["导出日期：2025-01-01", *[None] * 7],
              *[[f"说明{i}", *[None] * 7] for i in range(3, 11)]]
    put_csv(source, "projects/h06_titles.csv", [
        *titles,                                            # rows 1-10
        PROJECTS,                                           # 11
        project("H06-P1"),                                  # 12 loads
        project("H06-P2", county="锦江县"),                  # 13 unknown_county (misspelt)
        ["合计", None, None, None, "2000", None, None, None],                 # 14 skipped
        [None, None, "小计（锦江区）", None, "1000", None, None, None],        # 15 skipped: first non-empty cell
        ["总计：", None, None, None, "2000", None, None, None],               # 16 skipped
    ])


@case("text")
def h08_padded_summary_labels(source: Path):
    """Summary labels spaced out as Chinese reports align two-character labels: 合　计 (an ideographic space)."""
    put_csv(source, "projects/h08_spaced.csv", [
        PROJECTS,
        project("H08-P1"),                                          # 2 loads
        ["合　计", None, None, None, "1000", None, None, None],      # 3
        [" 小 计 ", None, None, None, "1000", None, None, None],    # 4
        ["总　　计", None, None, None, "1000", None, None, None],    # 5
    ])


@case("text")
def h09_header_variants(source: Path):
    """Aliases, full-width brackets and letters, spaces inside and around, a line break in a header cell, case."""
    header = ["　项目 编号　", "Project_Name", "县（市、区）", "项目\n类型", "项目面积（亩）", "状态", "开发日期", "备案日期",
              "ＤＥＭＯ"]
    put(source, "projects/h09_headers.csv", csv_bytes([
        header,
        ["H09-P1", "九号", "锦江区", "bamboo_afforestation", "1,500", "已备案", "2021/3/1", "2022年1月5日", "是"],
    ], encoding="gb18030"))


@case("text")
def h10_unknown_columns(source: Path):
    """Columns the contract does not name, between and after the named ones: kept in a rejected row's raw JSON."""
    put_csv(source, "projects/h10_extra.csv", [
        ["项目编号", "备注", *PROJECTS[1:], "联系人"],
        ["H10-P1", "已核实", *project("H10-P1")[1:], "李四"],             # 2 loads
        ["H10-P2", "待核实", *project("H10-P2", area="x")[1:], "张三"],   # 3 bad_number
    ])


@case("text")
def h11_repeated_unknown_header(source: Path):
    """Two columns the contract does not name, both headed 备注: a rejected row's raw JSON must keep both cells."""
    put_csv(source, "projects/h11_twice.csv", [
        [*PROJECTS, "备注", "备注"],
        [*project("H11-P1", area="x"), "甲", "乙"],   # 2 bad_number
    ])


@case("text")
def h12_ragged_rows(source: Path):
    """Rows with more cells than the header (extra cells kept in raw as column_N) and with fewer."""
    put(source, "projects/h12_ragged.csv", "\n".join([
        ",".join(PROJECTS),
        "H12-P1,一号,锦江区,造林碳汇,100,储备,2021-01-01,,附1,附2",     # 2 loads
        "H12-P2,二号,锦江区,造林碳汇,x,储备,2021-01-01,,附1,附2",       # 3 bad_number
        "H12-P3,三号,锦江区,造林碳汇",                                  # 4 missing_required
    ]).encode("utf-8") + b"\n")


@case("text")
def h13_numbers(source: Path):
    """Numbers as they arrive: separators, full-width digits and signs, 万, scientific notation, a unit word after a
    space, a percent, an accountant's negative in parentheses (neither is a form the contract lists)."""
    put_csv(source, "carbon_stock/h13_numbers.csv", [
        CARBON_STOCK,
        ["锦江区", "2013", "森林", "1,234.5", "１２，３４５", "-1,000"],   # 2 loads
        ["锦江区", "2013", "竹林", "1.5E+03", "12 345 吨", "+12"],        # 3 loads
        ["青羊区", "2013", "森林", "１.５万", "0", "－５"],                 # 4 loads
        ["锦江区", "2013", "草地", "50%", "1", None],                     # 5 bad_number
        ["锦江区", "2013", "湿地", "100", "1", "(1,000)"],                 # 6 bad_number
        ["锦江区", "2013", "其他", "100", "1e3 tCO2e", "2.5e-1"],         # 7 loads
    ])


@case("text")
def h14_dates(source: Path):
    """Dates in every written form the contract lists, full-width too; an Excel serial and a month alone are not dates."""
    registered_projects(source, 14, "H14-P1")
    dates = ["2023年5月1日", "2023/5/1", "20230501", "２０２３年５月１日", "2023.5.1", "45047", "2023年5月", "2023-02-29"]
    put_csv(source, "trades/h14_dates.csv", [
        TRADES, *[[f"H14-T{i}", d, "H14-P1", "seee", "个人", "1", "50", "50"] for i, d in enumerate(dates, start=1)],
    ])


@case("text")
def h15_date_times_from_excel(source: Path):
    """Date-time cells as Excel writes them when it saves a CSV (no seconds), and ISO date-times from a system."""
    registered_projects(source, 15, "H15-P1")
    put_csv(source, "trades/h15_datetimes.csv", [
        TRADES,
        ["H15-T1", "2023/5/1 0:00", "H15-P1", "seee", "个人", "1", "50", "50"],
        ["H15-T2", "2023-05-01T08:30:00", "H15-P1", "seee", "个人", "1", "50", "50"],
        ["H15-T3", "2023/5/1 8:30", "H15-P1", "seee", "个人", "1", "50", "50"],
    ])


@case("text")
def h18_hidden_characters(source: Path):
    """Bidi controls and zero-width characters in a header, names, an owner, a key and a cell past the header; the
    bracket of their escapes typed by hand; a summary label with a zero-width space inside, no longer a summary label."""
    put_csv(source, "projects/h18_hidden.csv", [
        [*PROJECTS, "项目业主", "备\u200b注"],
        [*project("H18-P1", name="项目\u202egpj.exe名称"), "林业\u2066集团\u2069", None],      # 2 loads
        [*project("H18-P\u200b2"), "\u202b甲\u202c", "⟦U+202E⟧"],                              # 3 loads
        [*project("H18-P3", area="x"), "乙", "丙", "附\u2067注\u2069"],                           # 4 bad_number
        ["合\u200b计", None, None, None, "2000", None, None, None, None, None],                  # 5 missing_required
        [*project("H18-P4", name="\u200b"), None, None],                                        # 6 loads
    ])
    put_csv(source, "trades/h18_hidden.csv", [
        TRADES,
        ["H18-T1", "2023-05-01", "H18-P\u200b2", "seee", "控排企业", "1", "50", "50"],  # 2 loads: the same key
        ["H18-T2", "2023-05-01", "H18-P2", "seee", "控排企业", "1", "50", "50"],         # 3 unknown_project
    ])


# ---- CSV files that fail the whole ingest (each ingested alone) ----

def h05_nul_byte(source: Path):
    """A NUL byte inside a cell: no export writes one; it is a damaged file, never text to load."""
    return put(source, "projects/h05_nul.csv", csv_bytes([PROJECTS, project("H05-P1", name="一\x00号")]))


def h07_eleven_title_rows(source: Path):
    return put_csv(source, "projects/h07_titles.csv", [*[[f"标题{i}"] for i in range(1, 12)], PROJECTS, project("H07-P1")])


def h16_workbook_named_csv(source: Path):
    """An XLSX workbook saved under a .csv name."""
    path = source / "projects" / "h16_workbook.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    for r, row in enumerate([PROJECTS, project("H16-P1")]):
        sheet.write_row(r, 0, [v for v in row])
    workbook.close()
    return path


def h17_semicolons(source: Path):
    """A European-locale Excel's CSV: semicolons between the cells."""
    return put_csv(source, "projects/h17_semicolons.csv", [PROJECTS, project("H17-P1")], delimiter=";")
