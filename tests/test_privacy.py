"""An individual buyer's name is never shown in full, not even internally: not in query results, not in rejects."""

import pytest
from exports import project, write_csv, write_projects

from sinkboard.ingest.build import ingest
from sinkboard.ingest.privacy import masked_name

TRADE_HEADER = ["成交编号", "成交日期", "项目编号", "交易平台", "买方", "买方类型", "成交量", "成交价", "成交额(元)", "用途"]


@pytest.mark.parametrize("name, masked", [("王小明", "王*明"), ("欧阳小明", "欧**明"), ("李四", "李*"), ("张", "*"), (None, None)])
def test_masked_name(name, masked):
    assert masked_name(name) == masked


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    source = tmp_path_factory.mktemp("privacy_src")
    write_projects(source, [project("P1", status="签发", registered="2022-01-01")])
    write_csv(source / "trades" / "t.csv", TRADE_HEADER, [
        ["T1", "2023-01-05", "P1", "碳普惠平台", "王小明", "个人", "2", "60", "120", "碳普惠"],
        ["T2", "2023-01-06", "P1", "四川联合环境交易所", "合成能源公司", "控排企业", "100", "40", "4000", "履约抵销"],
        ["T3", "2023-01-07", "P1", "碳普惠平台", "赵大力", "个人", "-1", "60", "", "碳普惠"],  # rejected: not positive
        ["T4", "2023-01-08", "P1", "碳普惠平台", "钱多多", "散户", "1", "60", "60", "碳普惠"],  # rejected: unknown type
        ["T5", "2023-01-09", "P1", "四川联合环境交易所", "合成电力公司", "控排企业", "abc", "40", "", "履约抵销"],
    ])
    out = tmp_path_factory.mktemp("privacy_wh")
    ingest(source, out)
    return out


def test_the_scope_macro_masks_individuals_only(open_warehouse, warehouse):
    con = open_warehouse(warehouse)
    buyers = dict(con.execute("select trade_id, buyer from trades_in_scope(date '2030-01-01', null, null)").fetchall())
    assert buyers == {"T1": "王*明", "T2": "合成能源公司"}


def test_rejected_rows_keep_no_personal_name(open_warehouse, warehouse):
    con = open_warehouse(warehouse)
    rows = {r: text for r, text in con.execute("select source_row, raw::varchar from rejects").fetchall()}
    assert set(rows) == {4, 5, 6}
    assert "赵*力" in rows[4] and "赵大力" not in rows[4]
    assert "钱*多" in rows[5] and "钱多多" not in rows[5]  # an unknown buyer type may be a person
    assert "合成电力公司" in rows[6]  # an organisation is named
