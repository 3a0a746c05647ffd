"""Downloaded tables: the filters and as-of date on top, the rows as shown, and no cell a spreadsheet would run."""

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
    neutralise,
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
    # xlsxwriter stores a carriage return as the escape _x000D_, which openpyxl hands back unescaped
    assert [r[0].replace("_x000D_", "\r") for r in body[1:]] == ["'" + h for h in HOSTILE]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


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
