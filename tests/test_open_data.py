"""The open-data pages' questions on the hand-made mini exports (tests/fixtures/mini: trades T1–T3, payments S1–S3),
in the internal warehouse and in the public one, where the small-cell rule holds back a lone private party."""

import datetime as dt

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sinkboard import PROJECT_ROOT
from sinkboard.store.warehouse import run_query

AREA = {"as_of": dt.date(2023, 6, 30), "zone": None, "prefecture_code": None}


def connect(mini_warehouse, mode):
    return duckdb.connect(str(mini_warehouse / f"{mode}.duckdb"), read_only=True)


def figures(rows):
    return [(r.month_end.strftime("%Y-%m"), r.platform, None if pd.isna(r.volume_tco2e) else r.volume_tco2e,
             None if pd.isna(r.amount_yuan) else float(r.amount_yuan)) for r in rows.itertuples()]


def test_trades_by_month_and_platform_internally(mini_warehouse):
    con = connect(mini_warehouse, "internal")
    rows = run_query(con, "open_trades_by_month", **AREA)
    con.close()
    # T1 2022-07 SEEE 300 t × 50; T2 2023-04 an individual's 10 t × 60; T3 2023-05 national CCER 100 t × 55
    assert figures(rows) == [("2022-07", "四川联合环境交易所", 300, 15000), ("2023-04", "碳普惠平台", 10, 600),
                             ("2023-05", "全国温室气体自愿减排交易市场", 100, 5500)]
    assert rows.average_price_yuan.tolist() == [50, 60, 55]


def test_the_public_file_holds_back_the_one_individuals_trade(mini_warehouse):
    con = connect(mini_warehouse, "public")
    rows = run_query(con, "open_trades_by_month", **AREA)
    con.close()
    # T2 is the only trade of a person: fewer than three private parties in all, so its cell has no figures ("<3")
    assert figures(rows) == [("2022-07", "四川联合环境交易所", 300, 15000), ("2023-04", "合并小额", None, None),
                             ("2023-05", "全国温室气体自愿减排交易市场", 100, 5500)]


def test_subsidies_by_year_and_zone(mini_warehouse):
    internal, public = connect(mini_warehouse, "internal"), connect(mini_warehouse, "public")
    inside = run_query(internal, "open_subsidies_by_year", **AREA)
    outside = run_query(public, "open_subsidies_by_year", **AREA)
    internal.close()
    public.close()
    # S1 800,000 to P03 (西昌市, 川西南) in 2021; S2 1,200,000 to P06 (叙州区, 川南, a farmer's) in 2022;
    # S3 200,000 for research in 锦江区 (川中) in 2022
    assert [(r.year, r.zone, float(r.amount_yuan)) for r in inside.itertuples()] == [
        (2021, "川西南", 800_000), (2022, "川中", 200_000), (2022, "川南", 1_200_000)]
    # publicly, the payment to a farmer's project is a cell of one private party: kept without its figure
    assert [(r.year, r.zone, None if pd.isna(r.amount_yuan) else float(r.amount_yuan)) for r in outside.itertuples()] == [
        (2021, "川西南", 800_000), (2022, "川中", 200_000), (2022, "川南", None)]


@pytest.mark.parametrize("page", ["pages/open_trading.py", "pages/open_subsidies.py"])
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_open_pages_run_in_both_processes(mini_warehouse, monkeypatch, page, mode):
    monkeypatch.setenv("SINKBOARD_WAREHOUSE", str(mini_warehouse))
    monkeypatch.setenv("SINKBOARD_MODE", mode)
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("UTC" in c.value for c in app.caption)  # data freshness under the page
    assert not any("张三" in str(frame.value.to_dict()) for frame in app.dataframe)
