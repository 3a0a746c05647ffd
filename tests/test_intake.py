"""Data intake: each refusal, the dry run's figures, nothing written when it fails, and a confirmed intake stored under
its SHA-256 name with a manifest line and loaded into the rebuilt warehouse; then the page through app.py."""

import hashlib
import shutil
import time

import pytest
from exports import PROJECT_HEADER, project, write_csv, write_projects

from sinkboard.access import audit
from sinkboard.ingest import intake
from sinkboard.ingest.build import IngestError, ingest

# the current source: P1 and P2, 1,000 mu each, in one registry snapshot
CURRENT = [project("P1"), project("P2")]
# the upload: P3 is new (row 2), P4 has a negative area (row 3: not_positive), P1 comes again with 2,000 mu (row 4:
# it supersedes the older P1, which becomes a reject of the older file)
NEW_ROWS = [project("P3"), project("P4", area="-5"), project("P1", area="2000")]


@pytest.fixture(scope="module")
def intake_base(tmp_path_factory):
    root = tmp_path_factory.mktemp("intake_base")
    write_projects(root / "src", CURRENT, name="2023-01-01_registry.csv")
    ingest(root / "src", root / "wh")
    return root


@pytest.fixture
def place(intake_base, tmp_path):
    """A fresh copy of the built source and warehouse for each test (intakes change them)."""
    shutil.copytree(intake_base / "src", tmp_path / "src")
    shutil.copytree(intake_base / "wh", tmp_path / "wh")
    return intake.Place(tmp_path / "src", None, tmp_path / "wh")


@pytest.fixture(scope="module")
def new_file(tmp_path_factory):
    return write_csv(tmp_path_factory.mktemp("upload") / "new.csv", PROJECT_HEADER, NEW_ROWS).read_bytes()


def snapshot(*folders):
    """Every file under the folders with the hash of its bytes."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


def reasons(uploads, place):
    return [(r.name, r.reason) for r in intake.check(uploads, place)[1]]


def test_each_refusal_has_its_reason(place, monkeypatch):
    existing = (place.source / "projects" / "2023-01-01_registry.csv").read_bytes()
    uploads = [
        intake.Upload("../x.csv", b"a", "projects"),
        intake.Upload("a/b.csv", b"a", "projects"),
        intake.Upload("a\\b.csv", b"a", "projects"),
        intake.Upload("/abs.csv", b"a", "projects"),
        intake.Upload("~$lock.xlsx", b"a", "projects"),
        intake.Upload("notes.txt", b"a", "projects"),
        intake.Upload("empty.csv", b"", "projects"),
        intake.Upload("again.csv", existing, "projects"),
        intake.Upload("one.csv", b"x,y\n", "projects"),
        intake.Upload("one-copy.csv", b"x,y\n", "projects"),
        intake.Upload("unknown.csv", b"x,y,z\n", None),
    ]
    assert reasons(uploads, place) == [
        ("../x.csv", "path_in_name"), ("a/b.csv", "path_in_name"), ("a\\b.csv", "path_in_name"),
        ("/abs.csv", "path_in_name"), ("~$lock.xlsx", "hidden_name"), ("notes.txt", "wrong_type"),
        ("empty.csv", "empty"), ("again.csv", "duplicate_in_source"), ("one-copy.csv", "duplicate_in_upload"),
        ("unknown.csv", "no_dataset"),
    ]
    refusals = intake.check(uploads, place)[1]
    assert refusals[7].detail == {"existing": "projects/2023-01-01_registry.csv"}
    monkeypatch.setattr(intake, "MAX_FILE_BYTES", 3)
    assert reasons([intake.Upload("big.csv", b"1234", "projects")], place) == [("big.csv", "too_big")]
    many = [intake.Upload(f"{i}.csv", str(i).encode(), "projects") for i in range(intake.MAX_FILES + 1)]
    assert intake.check(many, place) == ([], [intake.Refusal("", "too_many", {"count": 21, "limit": 20})])


def test_the_dataset_is_recognised_from_the_header(new_file):
    assert intake.infer_dataset("new.csv", new_file) == "projects"
    trades = "成交编号,成交日期,项目编号,交易平台,买方类型,成交量\n".encode()
    assert intake.infer_dataset("t.csv", trades) == "trades"
    assert intake.infer_dataset("x.csv", b"a,b,c\n1,2,3\n") is None
    assert intake.infer_dataset("x.xlsx", b"not a workbook") is None


def test_a_dry_run_says_what_would_load_and_why_rows_are_rejected(open_warehouse, place, new_file):
    run = intake.dry_run([intake.Upload("new.csv", new_file, "projects")], place)
    assert run.error is None
    (outcome,) = run.files
    # 3 rows read; P3 and the new P1 load, P4 is rejected
    assert outcome.counts == {"rows_read": 3, "rows_loaded": 2, "rows_rejected": 1, "rows_skipped": 0, "rows_duplicate": 0}
    assert outcome.reasons.to_dict("records") == [{"reason": "not_positive", "rows": 1}]
    assert outcome.rejects.source_row.tolist() == [3]  # the header is row 1, P3 row 2, P4 row 3
    before = open_warehouse(place.warehouse).execute("select * from ingest_files").df()
    changes = intake.dataset_changes(before, run.after)
    # projects: P1, P2 now; P1 (new), P2, P3 after. Rejected: none now; P4 and the superseded old P1 after
    assert changes.to_dict("records") == [{"dataset": "projects", "rows_before": 2, "rows_after": 3, "rows_change": 1,
                                           "rejected_before": 0, "rejected_after": 2}]


def test_a_failing_dry_run_writes_nothing(place):
    before = snapshot(place.source, place.warehouse)
    run = intake.dry_run([intake.Upload("wrong.csv", "编号,名称\n1,2\n".encode(), "projects")], place)
    assert run.error.startswith("wrong.csv: no header row naming the projects columns")
    assert intake.confirm(run, place, "张三").error == run.error
    assert snapshot(place.source, place.warehouse) == before


def test_a_confirmed_intake_is_stored_under_its_sha256_with_a_manifest_line_and_loaded(open_warehouse, place, new_file):
    run = intake.dry_run([intake.Upload("new.csv", new_file, "projects")], place)
    result = intake.confirm(run, place, "张三")
    assert result.error is None
    sha = hashlib.sha256(new_file).hexdigest()
    (stored,) = result.stored
    assert stored.startswith("projects/") and stored.endswith(f"_{sha[:16]}_new.csv")
    assert sorted(p.name for p in (place.source / "projects").iterdir()) == ["2023-01-01_registry.csv", stored[9:]]
    assert (place.source / stored).read_bytes() == new_file
    (line,) = intake.read_manifest(place.source)
    assert {k: line[k] for k in ("by", "dataset", "file", "stored_as", "sha256", "bytes", "rows_read", "rows_loaded",
                                 "rows_rejected")} == {
        "by": "张三", "dataset": "projects", "file": "new.csv", "stored_as": stored, "sha256": sha,
        "bytes": len(new_file), "rows_read": 3, "rows_loaded": 2, "rows_rejected": 1}
    assert line["received_at"].endswith("Z")
    con = open_warehouse(place.warehouse)
    areas = dict(con.execute("select project_id, area_mu::int from projects order by 1").fetchall())
    assert areas == {"P1": 2000, "P2": 1000, "P3": 1000}
    # the same file a second time is a duplicate of the stored one
    assert reasons([intake.Upload("new (1).csv", new_file, "projects")], place) == [("new (1).csv", "duplicate_in_source")]


def test_a_failed_rebuild_takes_the_files_back_out(place, new_file, monkeypatch):
    before = snapshot(place.source, place.warehouse)
    run = intake.dry_run([intake.Upload("new.csv", new_file, "projects")], place)

    def failing(source, out):
        raise IngestError("projects/x.csv: disk full")

    monkeypatch.setattr(intake, "ingest", failing)
    assert intake.confirm(run, place, "张三").error == "projects/x.csv: disk full"
    assert snapshot(place.source, place.warehouse) == before


def test_a_source_that_changed_since_the_dry_run_needs_a_new_one(place, new_file):
    run = intake.dry_run([intake.Upload("new.csv", new_file, "projects")], place)
    write_projects(place.source, [project("P9")], name="2024-01-01_registry.csv")
    before = snapshot(place.source, place.warehouse)
    assert intake.confirm(run, place, "张三").stale
    assert snapshot(place.source, place.warehouse) == before


def test_the_sample_warehouse_takes_in_to_a_copy_of_the_sample(intake_base, tmp_path, new_file, monkeypatch):
    seed = tmp_path / "sample"
    shutil.copytree(intake_base / "src", seed)
    monkeypatch.setattr(intake, "SAMPLE_DIR", seed)
    monkeypatch.setattr(intake, "DEFAULT_WAREHOUSE_DIR", tmp_path / "warehouse")
    monkeypatch.delenv("SINKBOARD_WAREHOUSE", raising=False)
    monkeypatch.delenv("SINKBOARD_SOURCE", raising=False)
    place = intake.place_from_settings()
    assert place == intake.Place(tmp_path / "warehouse" / "intake-source", seed, tmp_path / "warehouse")
    seed_before = snapshot(seed)
    run = intake.dry_run([intake.Upload("new.csv", new_file, "projects")], place)
    assert not place.source.exists()  # a dry run reads the seed and writes nothing
    assert intake.confirm(run, place, "张三").error is None
    assert snapshot(seed) == seed_before
    assert (place.source / "projects" / "2023-01-01_registry.csv").exists()
    assert (place.warehouse / "internal.duckdb").exists()


def test_a_named_warehouse_needs_its_source_named_too(tmp_path, monkeypatch):
    monkeypatch.setenv("SINKBOARD_WAREHOUSE", str(tmp_path / "wh"))
    monkeypatch.delenv("SINKBOARD_SOURCE", raising=False)
    assert intake.place_from_settings() is None
    monkeypatch.setenv("SINKBOARD_SOURCE", str(tmp_path / "src"))
    assert intake.place_from_settings() == intake.Place(tmp_path / "src", None, tmp_path / "wh")


@pytest.fixture
def page(open_app, place):
    return open_app(place.warehouse, page="pages/intake.py", env={"SINKBOARD_SOURCE": str(place.source)})


def upload(app, new_file):
    app.file_uploader(key="intake_files_0").set_value([("new.csv", new_file, "text/csv"), ("../evil.csv", b"a", "text/csv")])
    app.run()
    assert not app.exception, [e.message for e in app.exception]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_dry_run_of_an_upload(page, new_file, lang):
    upload(page, new_file)
    # the language is switched last: AppTest serialises the sidebar's zone choice with the Chinese label once the page
    # is in English (its format_func reads the language outside a script run), so no run can follow it
    page.radio(key="lang").set_value(lang).run()
    assert not page.exception, [e.message for e in page.exception]
    assert [e.value for e in page.error] == [
        "../evil.csv：文件名中含有路径（/、\\ 或 :），不予接收；请上传文件本身。" if lang == "zh" else
        "../evil.csv: the file name holds a path (/, \\ or :) and is refused; upload the file itself."]
    chosen = [s.value for s in page.selectbox if (s.key or "").startswith("intake_dataset_")]
    assert chosen == ["projects"]  # recognised from the header; the refused file gets no choice
    outcome, rejects, changes = (frame.value for frame in page.dataframe)
    loaded, rejected, row, before, after = (("载入", "拒绝", "行号", "当前行数", "导入后行数") if lang == "zh" else
                                            ("Loaded", "Rejected", "Row", "Rows now", "Rows after"))
    assert (outcome[loaded].tolist(), outcome[rejected].tolist()) == ([2], [1])
    assert rejects[row].tolist() == [3]  # P4's row
    assert (changes[before].tolist(), changes[after].tolist()) == ([2], [3])


def test_the_page_stores_a_confirmed_upload_under_the_signed_in_person(open_app, place, new_file, tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("SINKBOARD_AUDIT_DIR", str(tmp_path / "audit"))
    # a proxy header names nobody: the person is the one the sign-on gives (st.user), and no field asks for a name
    page = open_app(place.warehouse, page="pages/intake.py", env={"SINKBOARD_SOURCE": str(place.source)},
                    user={"email": "zhang.san@lcj.example", "groups": ["sinkboard-data"], "iat": int(time.time())})
    assert not page.text_input
    upload(page, new_file)
    page.button(key="intake_confirm").click().run()
    assert not page.exception, [e.message for e in page.exception]
    assert [s.value for s in page.success] == ["已导入 1 个文件并重建数据仓库：new.csv。"]
    # what the rebuild changed: P3 added, P1 grown from 1,000 to 2,000 mu, P4 rejected for its area
    told = " ".join(m.value for m in page.markdown)
    assert "新增项目 1 个，移除 0 个，阶段变化 0 个。" in told and "开发规模 +2,000 亩" in told
    assert "被拒行新出现 1 行，已修正 0 行。" in told
    assert [(line["file"], line["by"]) for line in intake.read_manifest(place.source)] == [
        ("new.csv", "zhang.san@lcj.example")]
    # the history of intakes, now that the uploader is empty
    assert page.dataframe[0].value["导入人"].tolist() == ["zhang.san@lcj.example"]
    [line] = [line for line in audit.read(tmp_path / "audit") if line["event"] == "intake"]
    assert (line["user"], line["role"], line["file"], line["rows"]) == ("zhang.san@lcj.example", "data_officer",
                                                                        "new.csv", 2)
    # every page now reads the rebuilt warehouse: the data-quality page lists the stored file
    page.switch_page("pages/data_quality.py").run()
    files = page.dataframe[0].value["文件"].tolist()
    assert any(f.endswith("_new.csv") for f in files), files
