"""Files that fail the whole ingest, loudly and naming the file, with the previous warehouses left exactly as they were."""

import os
import subprocess
import sys
import textwrap

import pytest
from exports import PROJECT_HEADER, project, write_csv, write_projects, write_xlsx

from sinkboard import PROJECT_ROOT
from sinkboard.ingest.build import IngestError, ingest
from sinkboard.store.warehouse import connect


def project_count(out):
    con = connect(out / "internal.duckdb")
    try:
        return con.execute("select count(*) from projects").fetchone()[0]
    finally:
        con.close()


def fails(source, out, *fragments):
    with pytest.raises(IngestError) as caught:
        ingest(source, out)
    for fragment in fragments:
        assert fragment in str(caught.value)
    assert project_count(out) == 2  # the old warehouse still opens and shows the old figures
    assert not [p for p in out.iterdir() if p.name.startswith(".building")]


def test_an_empty_file(built):
    source, out = built
    (source / "projects" / "b.csv").write_bytes(b"")
    fails(source, out, "projects/b.csv", "empty")


def test_a_file_of_another_dataset_in_the_wrong_folder(built):
    source, out = built
    write_csv(source / "projects" / "b.csv", ["成交编号", "成交日期", "项目编号", "交易平台", "买方类型", "成交量"],
              [["T1", "2023-01-01", "P1", "seee", "个人", "1"]])
    fails(source, out, "projects/b.csv", "header")


def test_a_truncated_xlsx(built):
    source, out = built
    whole = write_xlsx(source / "projects" / "b.xlsx", PROJECT_HEADER, [project("P3")]).read_bytes()
    (source / "projects" / "b.xlsx").write_bytes(whole[: len(whole) // 2])
    fails(source, out, "projects/b.xlsx", "XLSX")


def test_a_missing_required_column(built):
    source, out = built
    write_csv(source / "projects" / "b.csv", PROJECT_HEADER[:4] + PROJECT_HEADER[5:], [["P3", "三", "锦江区", "造林碳汇", "储备", "2021-01-01", ""]])
    fails(source, out, "projects/b.csv", "area_mu or area_ha")


def test_a_header_that_names_a_column_twice(built):
    source, out = built
    write_csv(source / "projects" / "b.csv", PROJECT_HEADER + ["项目面积(亩)"], [project("P3") + ["5"]])
    fails(source, out, "projects/b.csv", "appears twice")


def test_the_command_exits_non_zero_naming_the_file(built):
    source, out = built
    (source / "trades").mkdir()
    (source / "trades" / "x.csv").write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(source), "--out", str(out)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert "trades/x.csv" in done.stderr and "unchanged" in done.stderr
    assert project_count(out) == 2


KILL = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import sinkboard.ingest.build as ingest_module
    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)
    setattr({target}, "{name}", die)
    ingest_module.ingest(Path(sys.argv[1]), Path(sys.argv[2]))
""")


@pytest.mark.parametrize("target, name", [("ingest_module", "write_accounting"), ("ingest_module.os", "replace")])
def test_a_process_killed_during_an_ingest_leaves_the_old_warehouses(built, target, name):
    source, out = built
    write_projects(source, [project("P3")], name="b.csv")
    done = subprocess.run([sys.executable, "-c", KILL.format(target=target, name=name), str(source), str(out)],
                          cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.returncode == -9
    assert project_count(out) == 2
    ingest(source, out)  # the next ingest clears what the killed one left and goes through
    assert project_count(out) == 3
    assert not [p for p in out.iterdir() if p.name.startswith(".building")]
