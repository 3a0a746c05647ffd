"""What the public warehouse must never hold: rejects, file names, payments, trades, buyers, farmers' names, unregistered projects."""

import duckdb
import pytest


@pytest.fixture
def public(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse / "public.duckdb"), read_only=True)
    yield con
    con.close()


def tables(con):
    return [row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()]


def test_no_internal_tables(public):
    assert not {"rejects", "ingest_files", "trades", "subsidies"} & set(tables(public))


def test_no_buyer_owner_of_a_farmer_or_source_names(public, sample_warehouse):
    columns = public.execute("select table_name, column_name, data_type from information_schema.columns").fetchall()
    assert not [c for c in columns if c[1] in ("buyer", "source_file", "source_name", "payment_id", "trade_id", "raw")]
    internal = duckdb.connect(str(sample_warehouse / "internal.duckdb"), read_only=True)
    secrets = {r[0] for r in internal.execute("select source_file from ingest_files union select buyer from trades "
                                              "where buyer_type = '个人' union select owner from projects where owner_type = '农户'").fetchall()}
    internal.close()
    for table, column, data_type in columns:
        if data_type == "VARCHAR":
            found = public.execute(f'select count(*) from "{table}" where "{column}" in (select unnest($s))', {"s": list(secrets)}).fetchone()[0]
            assert found == 0, (table, column)


def test_only_registered_projects_and_no_day_finer_than_a_month(public):
    assert public.execute("select distinct status from projects order by 1").fetchall() == [("注册",), ("签发",)]
    for table, column in [("scale_events", "event_date"), ("trade_facts", "trade_date"), ("subsidy_facts", "paid_date")]:
        days = public.execute(f"select count(*) from {table} where {column} <> last_day({column})").fetchone()[0]
        assert days == 0, table


def test_public_figures_add_up_to_the_internal_ones(public, sample_warehouse):
    internal = duckdb.connect(str(sample_warehouse / "internal.duckdb"), read_only=True)
    for sql in ["select sum(area_mu) from scale_events where basis = 'development'",
                "select sum(amount_yuan) from trade_facts", "select sum(amount_yuan) from subsidy_facts"]:
        assert public.execute(sql).fetchone()[0] == pytest.approx(internal.execute(sql).fetchone()[0])
    internal.close()
