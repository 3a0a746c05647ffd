"""The open-data pages' questions on the hand-made mini exports (tests/fixtures/mini: trades T1–T3, payments S1–S3),
in the internal warehouse and in the public one, where the small-cell rule holds back a lone private party."""

import datetime as dt

import pandas as pd
import pytest

from sinkboard.outputs.downloads import labelled
from sinkboard.store.warehouse import run_query
from sinkboard.text.catalogue import MERGED

AREA = {"as_of": dt.date(2023, 6, 30), "zone": None, "prefecture_code": None}


def figures(rows):
    return [(r.month_end.strftime("%Y-%m"), r.platform, None if pd.isna(r.volume_tco2e) else r.volume_tco2e,
             None if pd.isna(r.amount_yuan) else float(r.amount_yuan)) for r in rows.itertuples()]


def test_trades_by_month_and_platform_internally(mini):
    rows = run_query(mini, "open_trades_by_month", **AREA)
    # T1 2022-07 SEEE 300 t × 50; T2 2023-04 an individual's 10 t × 60; T3 2023-05 national CCER 100 t × 55
    assert figures(rows) == [("2022-07", "四川联合环境交易所", 300, 15000), ("2023-04", "碳普惠平台", 10, 600),
                             ("2023-05", "全国温室气体自愿减排交易市场", 100, 5500)]
    assert rows.average_price_yuan.tolist() == [50, 60, 55]


def test_the_public_file_holds_back_the_one_individuals_trade(mini_public):
    rows = run_query(mini_public, "open_trades_by_month", **AREA)
    # T2 is the only trade of a person: fewer than three private parties in all, so its cell has no figures ("<3")
    assert figures(rows) == [("2022-07", "四川联合环境交易所", 300, 15000), ("2023-04", MERGED, None, None),
                             ("2023-05", "全国温室气体自愿减排交易市场", 100, 5500)]
    # shown as the one label of a merged cell, in either language
    assert labelled(rows, ["platform"], "zh").iloc[:, 0].tolist()[1] == "其他（合并）"
    assert labelled(rows, ["platform"], "en").iloc[:, 0].tolist()[1] == "Other (merged)"


def test_subsidies_by_year_and_zone(mini, mini_public):
    inside = run_query(mini, "open_subsidies_by_year", **AREA)
    outside = run_query(mini_public, "open_subsidies_by_year", **AREA)
    # S1 800,000 to P03 (西昌市, 川西南) in 2021; S2 1,200,000 to P06 (叙州区, 川南, a farmer's) in 2022;
    # S3 200,000 for research in 锦江区 (川中) in 2022
    assert [(r.year, r.zone, float(r.amount_yuan)) for r in inside.itertuples()] == [
        (2021, "川西南", 800_000), (2022, "川中", 200_000), (2022, "川南", 1_200_000)]
    # publicly, the payment to a farmer's project is a cell of one private party: kept without its figure
    assert [(r.year, r.zone, None if pd.isna(r.amount_yuan) else float(r.amount_yuan)) for r in outside.itertuples()] == [
        (2021, "川西南", 800_000), (2022, "川中", 200_000), (2022, "川南", None)]


@pytest.mark.parametrize("page", ["pages/open_trading.py", "pages/open_subsidies.py"])
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_open_pages_run_in_both_processes(open_app, mini_warehouse, page, mode):
    app = open_app(mini_warehouse, mode, page=page)
    assert any("（北京时间）" in c.value for c in app.caption)  # data freshness under the page, in Beijing time
    assert not any("张三" in str(frame.value.to_dict()) for frame in app.dataframe)
