"""Corpus cases in XLSX, written as raw XML parts where no library makes the shape: inline strings, the 1904 date
system, merged cells, several sheets, formulas with and without a saved value, hidden columns and rows, cells without
references, Strict OOXML, typed cells; and the workbooks that must fail the ingest."""

from pathlib import Path

from hostile.corpus import PROJECTS, SUBSIDIES, case, registered_projects
from hostile.rawxlsx import CHINESE_DATE, DATE, MU, Cell, SheetSpec, write_raw_xlsx

JAN_1_2021 = "44197"  # the serial of 2021-01-01 in Excel's 1900 date system
JAN_1_2021_IN_1904 = "42735"  # the same day in the 1904 date system (1,462 days fewer)


def row(project_id, name=None, county="锦江区", project_type="造林碳汇", area=1000, status="储备",
        start=Cell(JAN_1_2021, s=DATE), registered=None):
    """One row under PROJECTS with typed cells: a number for the area, a date cell for the start."""
    return [project_id, name or f"项目{project_id}", county, project_type, area, status, start, registered]


def workbook(source: Path, name, sheets, **options):
    return write_raw_xlsx(source / "projects" / name, sheets, **options)


@case("xlsx")
def h21_inline_strings(source: Path):
    """Every text cell an inline string (t="inlineStr"), as several reporting tools write them."""
    workbook(source, "h21_inline.xlsx", [SheetSpec("项目", [
        PROJECTS,
        row("H21-P1"),                            # 2 loads
        row("H21-P2", county="锦江县"),            # 3 unknown_county
    ])], inline_strings=True)


@case("xlsx")
def h22_date1904(source: Path):
    """A workbook in the 1904 date system (Excel for Mac): the same serial is another day."""
    workbook(source, "h22_1904.xlsx", [SheetSpec("项目", [
        PROJECTS,
        row("H22-P1", status="注册", start=Cell(JAN_1_2021_IN_1904, s=DATE),
            registered=Cell(str(int(JAN_1_2021_IN_1904) + 31), s=CHINESE_DATE)),
        row("H22-P2", start="2021-03-01"),        # text dates are text in any date system
    ])], date1904=True)


@case("xlsx")
def h23_merged_cells(source: Path):
    """The county merged down three rows (C2:C4), as bureau reports group projects: only C2 holds the value."""
    workbook(source, "h23_merged.xlsx", [SheetSpec("项目", [
        PROJECTS, row("H23-P1"), row("H23-P2", county=None), row("H23-P3", county=None),
    ], merged=("C2:C4",))])


@case("xlsx")
def h24_several_sheets(source: Path):
    """Two sheets: the first tab (stored as sheet3.xml) is read, not sheet1.xml, not the active second tab."""
    workbook(source, "h24_sheets.xlsx", [
        SheetSpec("项目", [PROJECTS, row("H24-P1")], part="sheet3.xml"),
        SheetSpec("旧表", [PROJECTS, row("H24-P9")], part="sheet1.xml"),
    ], active_tab=1)


@case("xlsx")
def h26_formulas_with_saved_values(source: Path):
    """Formula cells read as the value Excel saved with them: a number, a text result (t="str"), a date."""
    workbook(source, "h26_formulas.xlsx", [SheetSpec("项目", [
        PROJECTS,
        row("H26-P1", area=Cell("1500", f="100*15")),
        row("H26-P2", name=Cell("二号林场", t="str", f='"二号"&"林场"'), start=Cell(JAN_1_2021, s=DATE, f="DATE(2021,1,1)")),
    ])])


def h27_formulas_without_saved_values(source: Path):
    """Formulas saved without their value (a tool that never calculated): no value to load, never silently empty. The
    whole file is refused: such a tool leaves every formula without one, and saving it again in Excel or WPS fixes it."""
    return workbook(source, "h27_uncalculated.xlsx", [SheetSpec("项目", [
        [*PROJECTS, "年均减排量"],
        [*row("H27-P1"), Cell(None, f="E2*0.5")],       # 2 est_annual_tco2e has no value
        [*row("H27-P2", area=Cell(None, f="100*15")), 10],  # 3 area_mu has no value
    ])])


@case("xlsx")
def h28_hidden_columns_and_rows(source: Path):
    """A hidden column (the area) and a hidden row are data all the same."""
    workbook(source, "h28_hidden.xlsx", [SheetSpec("项目", [
        PROJECTS, row("H28-P1", area=1200), row("H28-P2", area=1300),
    ], hidden_columns=(5,), hidden_rows=(3,))])


@case("xlsx")
def h29_cells_without_references(source: Path):
    """Rows and cells without r="A1" references (allowed by the format): positions count in order."""
    workbook(source, "h29_norefs.xlsx", [SheetSpec("项目", [
        PROJECTS, row("H29-P1"), row("H29-P2", area="x"),
    ], references=False)])


@case("xlsx")
def h30_strict_ooxml(source: Path):
    """A workbook saved as 'Strict Open XML Spreadsheet' (other namespaces)."""
    workbook(source, "h30_strict.xlsx", [SheetSpec("项目", [PROJECTS, row("H30-P1"), row("H30-P2", area=0)])],
             strict=True)


@case("xlsx")
def h31_typed_cells(source: Path):
    """ISO date cells (t="d"), a custom Chinese date format, a number format with 亩 in quotes (no date), a boolean,
    and a date column holding a bare serial without a date format (shown as 44197 in Excel too)."""
    workbook(source, "h31_types.xlsx", [SheetSpec("项目", [
        [*PROJECTS, "示范项目"],
        [*row("H31-P1", start=Cell("2021-03-04T00:00:00", t="d"), area=Cell("1500", s=MU)), Cell("1", t="b")],
        [*row("H31-P2", start=Cell(JAN_1_2021, s=CHINESE_DATE)), Cell("0", t="b")],
        [*row("H31-P3", start=Cell(JAN_1_2021)), None],      # 4 bad_date
    ])])


@case("xlsx")
def h32_row_numbers_with_gaps(source: Path):
    """Title rows, blank rows between the data and a summary row: rows keep the numbers Excel shows."""
    workbook(source, "h32_gaps.xlsx", [SheetSpec("项目", [
        (1, ["四川省林草碳汇项目登记表"]),
        (2, ["单位：亩"]),
        (4, PROJECTS),
        (5, row("H32-P1")),
        (8, row("H32-P2")),
        (9, ["合计", None, None, None, 2000]),
        (12, row("H32-P3", project_type="林下经济")),   # unknown_value
    ])])


@case("xlsx")
def h33_issuance_headers(source: Path):
    """An issuance workbook headed in English capitals, full-width brackets and spaces, its numbers as text."""
    registered_projects(source, 33, "H33-P1")
    write_raw_xlsx(source / "issuances" / "h33_issuances.xlsx", [SheetSpec("签发", [
        ["PROJECT_ID", "监测期开始", "监测期 结束", "核证减排量（tCO2e）", "签发减排量", "签发日期"],
        ["H33-P1", Cell(JAN_1_2021, s=DATE), Cell("44561", s=DATE), "1,000吨", "1.2万", "2022/3/1"],      # 2 loads
        ["H33-P1", Cell("44562", s=DATE), Cell("44562", s=DATE), 500, None, None],                        # 3 date_order
    ])])


@case("xlsx")
def h34_money_cells(source: Path):
    """Money in a workbook: float noise (0.1 + 0.2), fractions of a fen, 万 in text, a year as a number cell."""
    write_raw_xlsx(source / "subsidies" / "h34_money.xlsx", [SheetSpec("拨付", [
        [*SUBSIDIES, "预算年度"],
        ["H34-S1", None, "锦江区", "注册奖励", 0.30000000000000004, Cell(JAN_1_2021, s=DATE), 2021],
        ["H34-S2", None, "锦江区", "注册奖励", 12345678.999, "2021-01-02", "2021年"],
        ["H34-S3", None, "锦江区", "注册奖励", "1.5万元", "2021-01-03", None],
        ["H34-S4", None, "锦江区", "注册奖励", "1,234.56元", "2021-01-04", 2021.5],     # bad_number
    ])])


@case("xlsx")
def h35_hidden_characters(source: Path):
    """Hidden characters in shared and inline strings: a byte-order mark opening a name, the bidi marks, an Arabic letter
    mark and an embedding left open, a zero-width joiner inside a county."""
    workbook(source, "h35_hidden.xlsx", [SheetSpec("项目", [
        PROJECTS,
        row("H35-P1", name="\ufeff一号林场"),                                           # 2 loads
        row("H35-P2", name="二号\u200e林场\u200f"),                                     # 3 loads
        row("H35-P3", name="\u061c三号\u202a林场", county=Cell(t="inlineStr", inline="锦江\u200d区")),  # 4 unknown_county
    ])])


# ---- workbooks that fail the whole ingest (each ingested alone) ----

def h20_shared_strings_missing(source: Path):
    """Cells point into a shared-strings table the workbook does not hold."""
    return workbook(source, "h20_nostrings.xlsx", [SheetSpec("项目", [PROJECTS, row("H20-P1")])], shared_strings=False)


def h25_notes_sheet_first(source: Path):
    """The first sheet is a page of notes; the projects are on the second: the contract reads the first sheet."""
    return workbook(source, "h25_notes.xlsx", [
        SheetSpec("填表说明", [["填表说明"], ["1. 面积单位为亩"]]),
        SheetSpec("项目", [PROJECTS, row("H25-P1")]),
    ])
