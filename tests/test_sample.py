"""The synthetic sample: deterministic, in the contract's layout and forms, marked synthetic, with the policy's targets."""

import json

import pytest
from python_calamine import CalamineWorkbook

from sinkboard import SAMPLE_DIR
from sinkboard.dev.sample_exports import write_sample

DATASETS = ["projects", "issuances", "trades", "subsidies", "budgets", "carbon_stock", "potential", "targets"]


def test_same_seed_same_bytes(tmp_path):
    write_sample(tmp_path / "a", seed=7)
    write_sample(tmp_path / "b", seed=7)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_the_shipped_sample_is_what_the_generator_writes(tmp_path):
    write_sample(tmp_path / "s")
    for path in SAMPLE_DIR.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "s" / path.relative_to(SAMPLE_DIR)).read_bytes(), path


def test_layout_marker_and_forms():
    assert sorted(p.name for p in SAMPLE_DIR.iterdir() if p.is_dir()) == sorted(DATASETS)
    assert json.loads((SAMPLE_DIR / "SYNTHETIC.json").read_text(encoding="utf-8"))["synthetic"] is True
    suffixes = {p.suffix for p in SAMPLE_DIR.rglob("*.*") if p.parent != SAMPLE_DIR}
    assert suffixes == {".xlsx", ".csv", ".parquet"}
    issuances = next((SAMPLE_DIR / "issuances").glob("*.csv")).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        issuances.decode("utf-8")
    assert issuances.decode("gb18030").startswith("项目编号")
    assert next((SAMPLE_DIR / "budgets").glob("*.csv")).read_bytes().startswith(b"\xef\xbb\xbf")
    rows = CalamineWorkbook.from_path(str(next((SAMPLE_DIR / "projects").glob("*.xlsx")))).get_sheet_by_index(0).to_python()
    assert "合成" in rows[0][0] and rows[2][0] == "项目编号"  # title rows above the header


def test_scale_multiplies_the_volumes(tmp_path):
    assert write_sample(tmp_path / "x2", scale=2)["trades"] == 2 * write_sample(tmp_path / "x1")["trades"]


def test_the_sample_figures_are_plausible(open_warehouse, sample_warehouse):
    con = open_warehouse(sample_warehouse)
    assert con.execute("select year, value from targets where zone = '全省' order by year").fetchall() == [
        (2022, 15e6), (2025, 30e6), (2030, 30e6)]  # the policy's, and the restated 2030 target
    assert con.execute("select count(distinct county_code) from projects").fetchone()[0] == 183
    crossed = con.execute("""
        select min(start_date) from (
            select start_date, sum(area_mu) over (order by start_date) as scale from projects where status <> '终止')
        where scale >= 15e6""").fetchone()[0]
    assert crossed.year == 2023  # after the 2022 target
    assert con.execute("select sum(area_mu) from projects where status <> '终止'").fetchone()[0] < 30e6
    assert con.execute("select count(*) from trades where buyer_type = '个人'").fetchone()[0] > 5000
    assert 5 <= con.execute("select count(*) from rejects where reason <> 'superseded'").fetchone()[0] <= 30
