"""For any mix of valid, bad, summary, empty and duplicate rows: rows read = loaded + rejected + skipped + duplicate."""

from exports import project, write_projects
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import connect

ROW_KINDS = st.sampled_from(["valid", "bad_area", "bad_county", "summary", "empty", "repeat"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.lists(ROW_KINDS, max_size=12), min_size=1, max_size=3), ids=st.integers(1, 6))
def test_every_row_read_is_accounted_for(tmp_path_factory, files, ids):
    source = tmp_path_factory.mktemp("src")
    written = []
    for number, kinds in enumerate(files):
        rows, counter = [], 0
        for kind in kinds:
            counter += 1
            project_id = f"P{counter % ids}"
            rows.append({
                "valid": project("P" + str(counter % ids), area=str(100 + number)),
                "bad_area": project(project_id, area="x"),
                "bad_county": project(project_id, county="不存在县"),
                "summary": ["合计", None, None, None, "1", None, None, None],
                "empty": [None] * 8,
                "repeat": rows[-1] if rows else [None] * 8,
            }[kind])
        write_projects(source, rows, name=f"{number}.csv")
        written.append(sum(1 for r in rows if any(v is not None for v in r)))
    out = tmp_path_factory.mktemp("wh")
    ingest(source, out)
    con = connect(out / "internal.duckdb")
    accounts = con.execute("select rows_read, rows_loaded, rows_rejected, rows_skipped, rows_duplicate from ingest_files "
                           "order by source_file").fetchall()
    loaded = con.execute("select count(*) from projects").fetchone()[0]
    con.close()
    assert [a[0] for a in accounts] == written
    for read, *parts in accounts:
        assert read == sum(parts)
    assert loaded == sum(a[1] for a in accounts)
