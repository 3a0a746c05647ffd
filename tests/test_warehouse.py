"""The dashboard's connection reads the warehouse file as it is now, even after an ingest swapped a new one in."""

import duckdb
import pytest
from exports import project, write_projects

from sinkboard.ingest.build import ingest
from sinkboard.store import warehouse


def test_a_new_connection_sees_the_swapped_in_warehouse(tmp_path):
    source, out = tmp_path / "src", tmp_path / "wh"
    write_projects(source, [project("P1", area="1000")])
    ingest(source, out)
    first = warehouse.connect(out / "internal.duckdb")  # still open, as a running app's cached connection is
    assert first.execute("select sum(area_mu) from projects").fetchone()[0] == 1000
    write_projects(source, [project("P1", area="1000"), project("P2", area="500")])
    ingest(source, out)
    second = warehouse.connect(out / "internal.duckdb")
    assert second.execute("select sum(area_mu) from projects").fetchone()[0] == 1500
    assert first.execute("select sum(area_mu) from projects").fetchone()[0] == 1000  # the old one keeps serving its file
    first.close()
    second.close()


def test_a_warehouse_of_an_older_format_asks_for_a_new_ingest(open_app, tmp_path):
    source, out = tmp_path / "src", tmp_path / "wh"
    write_projects(source, [project("P1", area="1000")])
    ingest(source, out)
    # a writing connection on purpose, to make a warehouse as one built before formats were recorded: the dashboard's
    # own connection cannot write
    with duckdb.connect(str(out / "internal.duckdb")) as con:
        con.execute("alter table build_info drop column warehouse_format")
    app = open_app(out)
    assert "旧版本" in app.error[0].value


@pytest.mark.parametrize("sql", [
    "select * from read_csv('/etc/passwd')",
    "select * from read_text('/etc/hostname')",
    "copy (select 1) to '/tmp/sinkboard-leak.csv'",
    "attach '/etc/passwd' as other",
    "set enable_external_access = true",
    "install httpfs",
])
def test_the_dashboards_connection_reaches_no_other_file(mini_warehouse, sql):
    con = warehouse.connect(mini_warehouse / "public.duckdb")
    try:
        with pytest.raises(duckdb.Error):
            con.execute(sql).fetchall()
        assert con.execute("select count(*) from projects").fetchone()[0] > 0  # its own file is still read
    finally:
        con.close()
