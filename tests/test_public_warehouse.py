"""What the public warehouse must never hold: rejects, file names, payments, trades, buyers, farmers' names and
projects, unregistered projects."""

import pytest


@pytest.fixture
def public(open_warehouse, sample_warehouse):
    return open_warehouse(sample_warehouse, "public")


@pytest.fixture
def internal(open_warehouse, sample_warehouse):
    return open_warehouse(sample_warehouse)


def tables(con):
    return [row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()]


def test_no_internal_tables(public):
    assert not {"rejects", "ingest_files", "trades", "subsidies"} & set(tables(public))


def test_no_buyer_owner_of_a_farmer_or_source_names(public, internal):
    columns = public.execute("select table_name, column_name, data_type from information_schema.columns").fetchall()
    assert not [c for c in columns if c[1] in ("buyer", "source_file", "source_name", "payment_id", "trade_id", "raw")]
    secrets = {r[0] for r in internal.execute(
        "select source_file from ingest_files union select buyer from trades where buyer_type = '个人' "
        "union select owner from projects where owner_type = '农户' "
        "union select project_id from projects where owner_type = '农户'").fetchall()}
    for table, column, data_type in columns:
        if data_type == "VARCHAR":
            found = public.execute(f'select count(*) from "{table}" where "{column}" in (select unnest($s))', {"s": list(secrets)}).fetchone()[0]
            assert found == 0, (table, column)


def test_only_registered_projects_and_no_day_finer_than_a_month(public):
    assert public.execute("select distinct status from projects order by 1").fetchall() == [("注册",), ("签发",)]
    for table, column in [("scale_events", "event_date"), ("trade_facts", "trade_date"), ("subsidy_facts", "paid_date")]:
        days = public.execute(f"select count(*) from {table} where {column} <> last_day({column})").fetchone()[0]
        assert days == 0, table


def test_public_figures_add_up_to_the_internal_ones(public, internal):
    for sql in ["select sum(area_mu) from scale_events where basis = 'development'",
                "select sum(amount_yuan) from trade_facts", "select sum(amount_yuan) from subsidy_facts"]:
        assert public.execute(sql).fetchone()[0] == pytest.approx(internal.execute(sql).fetchone()[0])


def test_no_small_cell_of_a_private_party_and_the_totals_kept(public, internal):
    """A cell standing for fewer than three farmer households, unregistered projects or individual buyers is merged
    (sinkboard/ingest/small_cells.py); merging moves figures to coarser cells, so the totals stay those of the internal file.
    A trade holds at most two parties (an individual buyer, a farmer household selling), so a lone one is never shown."""
    small_private = {
        "scale_events": "projects < 3 and (owner_type = '农户' or status not in ('注册', '签发'))",
        "trade_facts": "trades < 2 and buyer_type = '个人'",
    }
    for table, condition in small_private.items():
        assert public.execute(f"select count(*) from {table} where {condition} and not is_suppressed").fetchone()[0] == 0
    for sql in ["select basis, sum(projects), sum(area_mu) from scale_events group by 1 order by 1",
                "select sum(trades), sum(volume_tco2e), sum(amount_yuan) from trade_facts",
                "select sum(payments), sum(amount_yuan) from subsidy_facts"]:
        assert public.execute(sql).fetchall() == internal.execute(sql).fetchall(), sql


def test_a_single_households_project_cannot_be_read_off_the_public_file(open_warehouse, tmp_path):
    from exports import write_csv

    from sinkboard.ingest.build import ingest

    header = ["项目编号", "项目名称", "所在县", "项目类型", "面积(亩)", "项目状态", "立项日期", "注册日期", "业主类型", "项目业主"]
    write_csv(tmp_path / "src" / "projects" / "p.csv", header, [
        ["F1", "农户竹林", "锦江区", "竹林经营碳汇", "4500", "储备", "2023-03-05", "", "农户", "王小明"],
        ["R1", "林场项目", "锦江区", "森林经营碳汇", "1000", "注册", "2022-01-01", "2022-06-01", "国有林场", "某林场"],
        ["R2", "林场项目二", "青羊区", "森林经营碳汇", "2000", "注册", "2022-02-01", "2022-07-01", "国有林场", "某林场"],
    ])
    ingest(tmp_path / "src", tmp_path / "wh")
    con = open_warehouse(tmp_path / "wh", "public")
    rows = con.execute("select county_code, owner_type, status, projects, area_mu, is_suppressed from scale_events "
                       "where basis = 'development' order by event_date").fetchall()
    assert ("510104", "国有林场", "注册", 1, 1000.0, False) in rows  # a registered organisation's project is public
    assert not [r for r in rows if r[4] == 4500.0]  # the household's 4,500 mu appear nowhere
    assert (None, None, None, None, None, True) in rows  # its cell is there, without figures: "<3"
