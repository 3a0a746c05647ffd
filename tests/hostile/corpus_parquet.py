"""Corpus cases in Parquet with the types systems write: dictionary-encoded text, decimals, INT96 timestamps, nested
columns, no rows at all, nulls and NaN in required columns, Chinese column names, small integers and floats for years;
and the files that must fail the ingest."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from hostile.corpus import case, registered_projects


def parquet(source: Path, relative, columns: dict, **options):
    path = source / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), path, **options)
    return path


def trades(number, count, **columns):
    """Trade columns for count rows of case number (ids HNN-T1...), all on project HNN-P1; keyword columns override."""
    base = {
        "trade_id": [f"H{number}-T{i}" for i in range(1, count + 1)],
        "trade_date": [dt.date(2023, 1, 2)] * count,
        "project_id": [f"H{number}-P1"] * count,
        "platform": ["seee"] * count,
        "buyer_type": ["控排企业"] * count,
        "volume_tco2e": [100.0] * count,
    }
    return {**base, **columns}


@case("parquet")
def h40_dictionary_columns(source: Path):
    """Category columns dictionary-encoded (as pandas categoricals are written), English and Chinese spellings."""
    registered_projects(source, 40, "H40-P1")
    parquet(source, "trades/h40_dictionary.parquet", trades(40, 3,
        platform=pa.array(["seee", "碳普惠平台", "seee"]).dictionary_encode(),
        buyer_type=pa.array(["compliance_entity", "个人", "外资企业"]).dictionary_encode(),   # 4 unknown_value
        purpose=pa.array(["compliance_offset", None, "碳普惠"]).dictionary_encode(),
    ))


@case("parquet")
def h41_decimal_columns(source: Path):
    """DECIMAL columns: money kept exact, 万元 with four decimals turned into yuan."""
    registered_projects(source, 41, "H41-P1")
    parquet(source, "trades/h41_decimal.parquet", trades(41, 2,
        price_yuan=pa.array([Decimal("50.5050"), Decimal("0.3333")], pa.decimal128(18, 4)),
        amount_yuan=pa.array([Decimal("5050.50"), Decimal("40.00")], pa.decimal128(18, 2)),  # 3 amount_mismatch
    ))
    parquet(source, "subsidies/h41_decimal.parquet", {
        "payment_id": ["H41-S1"], "county": ["锦江区"], "category": ["注册奖励"],
        "amount_wan": pa.array([Decimal("12.3456")], pa.decimal128(10, 4)), "paid_date": [dt.date(2022, 1, 1)],
    })


@case("parquet")
def h42_int96_timestamps(source: Path):
    """INT96 timestamps (Hive, Impala, older Spark): naive, taken as written, counted on their date."""
    registered_projects(source, 42, "H42-P1")
    moments = pa.array([dt.datetime(2023, 1, 2, 23, 30), dt.datetime(2023, 1, 3, 0, 0)], pa.timestamp("ns"))
    parquet(source, "trades/h42_int96.parquet", trades(42, 2, trade_date=moments), use_deprecated_int96_timestamps=True)


@case("parquet")
def h43_nested_unknown_columns(source: Path):
    """A struct and a list column the contract does not name: the rows load without them."""
    registered_projects(source, 43, "H43-P1")
    parquet(source, "trades/h43_nested.parquet", trades(43, 2,
        detail=pa.array([{"seller": "甲", "lot": 1}, None]), tags=pa.array([["a", "b"], []], pa.list_(pa.string())),
    ))


@case("parquet")
def h45_zero_rows(source: Path):
    """A Parquet file with its schema and not a single row: read, nothing to load, not a failure."""
    parquet(source, "budgets/h45_empty.parquet", {
        "year": pa.array([], pa.int32()), "category": pa.array([], pa.string()), "amount_yuan": pa.array([], pa.float64()),
    })


@case("parquet")
def h46_nulls_and_chinese_names(source: Path):
    """Budgets with Chinese column names in the schema (full-width brackets), nulls and NaN in required columns."""
    parquet(source, "budgets/h46_nulls.parquet", {
        "年度": pa.array([2046, None, 2046, 2046], pa.int64()),
        "资金类别": ["注册奖励", "贷款贴息", None, "示范项目"],
        "预算金额（万元）": [100.0, 1.0, 1.0, float("nan")],
    })


@case("parquet")
def h47_years_and_targets(source: Path):
    """Targets with a small-integer year, a float year with a fraction, a value of 0 and zone spellings."""
    parquet(source, "targets/h47_targets.parquet", {
        "year": pa.array([2047, 2047, 2047, 2047], pa.int16()),
        "zone": ["South Sichuan", None, "川西北", "川中"],
        "metric": ["area_mu", "项目规模(亩)", "area_mu", "area_mu"],
        "value": [500_000.0, 2_000_000.0, 0.0, 1.0],
    })
    parquet(source, "targets/h47_years.parquet", {
        "year": [2047.0, 2047.5], "zone": ["川东北", "川南"], "metric": ["area_mu", "area_mu"], "value": [1.0, 1.0],
    })


@case("parquet")
def h48_hidden_characters(source: Path):
    """Hidden characters in a dictionary-encoded buyer column, in a column's name in the schema and in a key."""
    registered_projects(source, 48, "H48-P1")
    parquet(source, "trades/h48_hidden.parquet", trades(48, 3,
        buyer_type=["控排企业", "控排企业", "个人"],
        project_id=["H48-P1", "H48-P1", "H48-P1\u2060"],                                 # 4 unknown_project
        buyer=pa.array(["某\u202e集团", "某\u202e集团", "王\u200b小明"]).dictionary_encode(),
        **{"备\u2060注": ["甲", None, None]},
    ))


# ---- Parquet that fails the whole ingest (ingested alone) ----

def h44_nested_value_column(source: Path):
    """project_name written as a struct of two names: not one value per cell."""
    return parquet(source, "projects/h44_struct.parquet", {
        "project_id": ["H44-P1"], "project_name": pa.array([{"zh": "一号", "en": "One"}]), "county": ["锦江区"],
        "project_type": ["造林碳汇"], "area_mu": [1.0], "status": ["储备"], "start_date": [dt.date(2021, 1, 1)],
    })
