"""How tables show their figures on screen: one number of decimals per column, sums of money in 万元 / K yuan with the
unit in the heading, and every heading of a sum of money written so that its unit can be changed."""

import re

import pandas as pd
import pytest

from sinkboard.text import formats
from sinkboard.text.catalogue import LOCALE_DIR


def money_columns():
    catalogue = (LOCALE_DIR / "zh" / "LC_MESSAGES" / "sinkboard.po").read_text(encoding="utf-8")
    return [c for c in re.findall(r'msgid "col_(\w+)"', catalogue) if formats.is_table_money(c)]


@pytest.mark.parametrize("lang, unit", [("zh", "（万元）"), ("en", "(K yuan)")])
def test_every_money_heading_says_its_unit_on_screen(lang, unit):
    columns = money_columns()
    assert "amount_yuan" in columns and "paid_yuan" in columns and "price_yuan" not in columns
    headings = [formats.table_heading(column, lang) for column in columns]
    assert all(heading.endswith(unit) for heading in headings), headings


def test_money_on_screen_is_in_wan_or_thousands_to_the_hundred_yuan():
    paid = pd.Series([71_797_702.6, 436_804.0])
    assert formats.table_money(paid, "zh").tolist() == pytest.approx([7_179.77026, 43.6804])
    assert formats.table_money(paid, "en").tolist() == pytest.approx([71_797.7026, 436.804])
    assert formats.table_decimals("paid_yuan", "zh") == 2 and formats.table_decimals("paid_yuan", "en") == 1
    assert formats.table_heading("amount_yuan", "zh") == "成交额（万元）"
    assert formats.table_heading("price_yuan", "zh") == "成交价（元/吨）"  # a price stays in yuan, to the fen
    assert formats.table_decimals("price_yuan") == 2


def test_each_kind_of_figure_has_its_decimals():
    assert formats.table_decimals("area_mu") == 0  # 6,768,695.64 mu shows as 6,768,696
    assert formats.table_decimals("issued_tco2e") == 0
    assert formats.table_decimals("sink_per_mu") == 2  # a rate keeps its decimals
    assert formats.table_decimals("duration_median") == 1  # months
    assert formats.table_decimals("projects", is_integer=True) == 0


def test_a_change_is_written_with_its_sign():
    signed = formats.signed
    assert [signed(5_100, "zh"), signed(-300, "en"), signed(0.004, "en"), signed(None, "zh")] == ["+5,100", "−300", "0", "—"]
    assert signed(25_000, "zh", "area") == "+2.5万亩" and signed(-25_000, "en", "money") == "−25K yuan"
    assert signed(-1_200, "en", minus="-") == "-1,200"  # st.metric reads a fall by its hyphen
