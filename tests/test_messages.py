"""A rejected row's message on the pages, written from its faults' codes: on the Chinese pages each fault in Chinese,
its columns by the export's Chinese headers; on the English pages as the ingest writes the message."""

import re

import duckdb

from sinkboard.ingest.build import sql_text
from sinkboard.text.faults import CODES, message_text

# (dataset, its faults as (code, column, value, detail), the English message, the Chinese one)
CASES = [
    ("projects", [("not_a_number", "area_mu", "约5000", None)], "area_mu is not a number: 约5000", "面积(亩)不是数字：约5000"),
    ("projects", [("empty_for_status", "registered_date", "注册", None)],
     "registered_date is empty but status is 注册", "注册日期为空，但项目状态为注册"),
    ("issuances", [("not_after", "period_end", None, "period_start")],
     "period_end is not after period_start", "监测期结束不晚于监测期开始"),
    ("trades", [("not_above_zero", "volume_tco2e", "-5.0", None), ("amount_mismatch", None, "134.00", "-334.35")],
     "volume_tco2e must be above 0: -5.0; amount 134.00 differs by more than 1% from volume × price = -334.35",
     "成交量须大于 0：-5.0；成交额 134.00 与成交量 × 单价 = -334.35 相差超过 1%"),
    ("subsidies", [("wan_multiplier", "amount_wan", "80万", None)],
     "amount_wan is counted in 万元: 万 or 亿 in 80万 contradicts the column; write the number of 万元 alone",
     "金额(万元)以万元计：80万中的“万”或“亿”与该列不符，只填万元数"),
    ("projects", [("ambiguous_county", "county", "市中区", "511002、511102")],
     "市中区 names several counties (511002、511102); give its prefecture",
     "市中区 是多个县的名称（511002、511102），请写明所在市（州）"),
    ("projects", [("superseded", None, "5", "projects/b.xlsx")],
     "replaced by row 5 of projects/b.xlsx (same key, other values)",
     "已被 projects/b.xlsx 第 5 行取代（键相同，其他值不同）"),
    ("trades", [("out_of_range", "price_yuan", "1e20", "price")],
     "price_yuan is out of range: 1e20 (a price stays below 10^14 yuan once converted)",
     "成交价超出范围：1e20（换算后单价须小于 10^14 元/吨）"),
    ("carbon_stock", [("wrong_unit", "stock_tco2e", "5公顷", "tCO2e|吨")],
     "stock_tco2e is in tCO2e/吨: the unit in 5公顷 contradicts the column",
     "碳储量(tCO2e)的单位是tCO2e 或吨：5公顷中的单位与该列不符"),
    ("budgets", [("empty", "amount", None, None), ("not_above_zero", "area", "0", None)],
     "the amount is empty; area must be above 0: 0", "金额为空；面积须大于 0：0"),
]


def faults(values, english=None):
    return [{"code": code, "column": column, "value": value, "detail": detail, "message": english}
            for code, column, value, detail in values]


def test_each_fault_in_chinese_with_the_exports_headers():
    for dataset, values, english, chinese in CASES:
        assert message_text(faults(values), english, dataset, "zh") == chinese


def test_english_pages_show_the_message_as_written_and_an_unknown_form_is_kept():
    for dataset, values, english, _ in CASES:
        assert message_text(faults(values), english, dataset, "en") == english
    new = {"code": "a_new_kind", "column": "area_mu", "value": "x", "detail": None, "message": "a fault of a new kind"}
    assert message_text([new], "a fault of a new kind", "projects", "zh") == "a fault of a new kind"
    both = [new, *faults([("empty", "area_mu", None, None)])]
    assert message_text(both, "a fault of a new kind; area_mu is empty", "projects", "zh") == "a fault of a new kind；面积(亩)为空"


def test_the_ingest_writes_the_english_message_from_the_same_codes():
    """sb_fault_message (the warehouse's message) and the catalogue's English agree, and know the same codes."""
    con = duckdb.connect()
    con.execute("create table category_values (field varchar, alias varchar, canonical varchar)")
    con.execute(sql_text("macros.sql"))
    for _, values, english, _ in CASES:
        written = [con.execute("select sb_fault_message($code, $column, $value, $detail)",
                               {"code": code, "column": column, "value": value, "detail": detail}).fetchone()[0]
                   for code, column, value, detail in values]
        assert "; ".join(written) == english
    macro = sql_text("macros.sql").split("macro sb_fault_message", 1)[1].split("\n);", 1)[0]
    assert set(re.findall(r"when '(\w+)' then", macro)) == set(CODES)
