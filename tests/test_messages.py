"""A rejected row's message on the Chinese pages: each fault in Chinese, its columns by the export's Chinese headers;
in English as the ingest wrote it."""

from sinkboard.text.faults import message_text

CASES = [
    ("projects", "area_mu is not a number: 约5000", "面积(亩)不是数字：约5000"),
    ("projects", "registered_date is empty but status is 注册", "注册日期为空，但项目状态为注册"),
    ("issuances", "period_end is not after period_start", "监测期结束不晚于监测期开始"),
    ("trades", "volume_tco2e must be above 0: -5.0; amount 134.00 differs by more than 1% from volume × price = -334.35",
     "成交量须大于 0：-5.0；成交额 134.00 与成交量 × 单价 = -334.35 相差超过 1%"),
    ("subsidies", "amount_wan is counted in 万元: 万 or 亿 in 80万 contradicts the column; write the number of 万元 alone",
     "金额(万元)以万元计：80万中的“万”或“亿”与该列不符，只填万元数"),
    ("projects", "市中区 names several counties (511002、511102); give its prefecture",
     "市中区 是多个县的名称（511002、511102），请写明所在市（州）"),
    ("projects", "replaced by row 5 of projects/b.xlsx (same key, other values)",
     "已被 projects/b.xlsx 第 5 行取代（键相同，其他值不同）"),
    ("trades", "price_yuan is out of range: 1e20 (a price stays below 10^14 yuan once converted)",
     "成交价超出范围：1e20（换算后单价须小于 10^14 元/吨）"),
]


def test_each_fault_in_chinese_with_the_exports_headers():
    for dataset, english, chinese in CASES:
        assert message_text(english, dataset, "zh") == chinese


def test_english_pages_show_the_message_as_written_and_an_unknown_form_is_kept():
    for dataset, english, _ in CASES:
        assert message_text(english, dataset, "en") == english
    assert message_text("a fault of a new kind", "projects", "zh") == "a fault of a new kind"
    assert message_text("a fault of a new kind; area_mu is empty", "projects", "zh") == "a fault of a new kind；面积(亩)为空"
