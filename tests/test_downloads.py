"""Downloaded tables: the filters and as-of date on top, the rows as shown, and no cell a spreadsheet would run; in a
workbook, a number format per column, the units in the headings and a print setup."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from sinkboard.outputs.downloads import (
    FORMULA_STARTS,
    csv_bytes,
    labelled,
    neutralise,
    sheet_name,
    xlsx_bytes,
    xlsx_sheets_bytes,
)

HOSTILE = ["=1+1", "+86 28", "-2+3", "@SUM(A1)", "\t=cmd", "\rx", "\n=y", '=HYPERLINK("http://example.com","x")']
CONTEXT = [("截至日期", "2025-10-31"), ("发展片", "川南"), ("口径", "开发规模")]


@pytest.fixture
def frame():
    return pd.DataFrame({
        "名称": ["正常", *HOSTILE],
        "面积（亩）": [1500.5, *range(len(HOSTILE))],
        "金额（元）": [Decimal("800000.00")] * (len(HOSTILE) + 1),
        "日期": [dt.date(2024, 5, 6)] * (len(HOSTILE) + 1),
    })


@pytest.mark.parametrize("text", HOSTILE)
def test_every_formula_start_is_neutralised(text):
    assert text[0] in FORMULA_STARTS
    assert neutralise(text) == "'" + text
    assert neutralise("正常") == "正常" and neutralise(12) == 12


def test_xlsx_has_context_rows_the_same_rows_and_no_formula(frame):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, CONTEXT, "projects")))
    sheet = book.active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[:3] == [["截至日期", "2025-10-31", None, None], ["发展片", "川南", None, None], ["口径", "开发规模", None, None]]
    assert rows[4] == ["名称", "面积（亩）", "金额（元）", "日期"]
    body = rows[5:]
    assert len(body) == len(frame)
    assert body[0] == ["正常", 1500.5, 800000, dt.datetime(2024, 5, 6)]
    # the text as it is, marked as text by its style (quote prefix): no apostrophe shows in the cell
    # (xlsxwriter stores a carriage return as the escape _x000D_, which openpyxl hands back unescaped)
    assert [r[0].replace("_x000D_", "\r") for r in body[1:]] == HOSTILE
    assert [cell.quotePrefix for cell in sheet["A"][5:]] == [False] + [True] * len(HOSTILE)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    # a frame not made by labelled(): figures with separators, dates as dates
    assert [cell.number_format for cell in sheet[6]] == ["General", "#,##0.00", "#,##0.00", "yyyy-mm-dd"]


def test_a_workbook_of_several_sheets_heads_each_with_the_context(frame):
    data = xlsx_sheets_bytes([("projects", frame), ("second", frame.head(1))], CONTEXT, narrowest=10)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["projects", "second"]
    for sheet, length in zip(book.worksheets, (len(frame), 1)):
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[0] == ["截至日期", "2025-10-31", None, None] and rows[4] == ["名称", "面积（亩）", "金额（元）", "日期"]
        assert len(rows) == 5 + length
    assert book["second"].column_dimensions["A"].width == pytest.approx(10.71, abs=0.01)  # 10 characters, no less


def test_csv_has_context_rows_the_same_rows_and_no_formula(frame):
    data = csv_bytes(frame, CONTEXT)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel and WPS read the Chinese
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["截至日期", "2025-10-31"] and rows[3] == []
    assert rows[4] == ["名称", "面积（亩）", "金额（元）", "日期"]
    assert rows[5] == ["正常", "1500.5", "800000.0", "2024-05-06"]
    assert len(rows) == 5 + len(frame)
    assert not [cell for row in rows for cell in row if cell[:1] in FORMULA_STARTS]


MONEY = pd.DataFrame({"year": [2025], "zone": ["川南"], "paid_yuan": [Decimal("15900417.30")], "area_mu": [6768695.64],
                      "share_of_budget": [0.897146], "average_price_yuan": [86.6123], "projects": [12],
                      "project_name": ["=1+1"]})


def test_a_chinese_workbook_gives_money_in_wan_yuan_and_each_column_its_format():
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(labelled(MONEY, list(MONEY.columns), "zh"), CONTEXT, "资金")))
    sheet = book["资金"]
    assert [c.value for c in sheet[5]] == ["年度", "发展片", "已拨付（万元）", "面积（亩）", "全省预算执行率", "均价（元/吨）",
                                           "项目数", "项目名称"]
    assert [c.value for c in sheet[6]] == [2025, "川南", pytest.approx(1_590.04173), 6768695.64, 0.897146,
                                           86.6123, 12, "=1+1"]
    # 2025 | 川南 | 1,590.04 | 6,768,696 | 89.7% | 86.61 | 12
    assert [c.number_format for c in sheet[6]] == ["0", "General", "#,##0.00", "#,##0", "0.0%", "#,##0.00", "#,##0",
                                                   "General"]
    assert sheet["H6"].quotePrefix and sheet["H6"].data_type == "s"
    # headings over figures stand over their right edge
    assert [c.alignment.horizontal for c in sheet[5]] == ["right", "left", "right", "right", "right", "right", "right",
                                                          "left"]


def test_an_english_workbook_gives_money_in_yuan():
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(labelled(MONEY, list(MONEY.columns), "en"), CONTEXT))).active
    assert [c.value for c in sheet[5]][:4] == ["Year", "Zone", "Paid (yuan)", "Area (mu)"]
    assert sheet["C6"].value == pytest.approx(15_900_417.3) and sheet["C6"].number_format == "#,##0"


def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_its_header_on_each_page(frame):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_sheets_bytes([("projects", frame), ("second", frame)], CONTEXT)))
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9  # 9: A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth or 1) == 1 and sheet.page_setup.fitToHeight == 0  # 1 wide (the default), any tall
        assert sheet.print_title_rows == "$5:$5"  # the header row, under the 3 context rows and a blank one
        assert sheet.freeze_panes == "A6"


def test_a_sheet_name_holds_no_character_a_spreadsheet_refuses_and_31_at_most():
    assert sheet_name("Zones & counties") == "Zones & counties"
    assert sheet_name("a/b:c*d?e[f]g\\h") == "a b c d e f g h"
    assert sheet_name("碳库" * 20) == "碳库" * 15 + "碳"
