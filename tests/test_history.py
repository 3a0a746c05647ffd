"""The history of builds and what changed between them: worked out by hand from the mini exports and the newer
registry snapshot of tests/fixtures/mini_next (its README), and from small exports written here."""

import datetime as dt
import json
import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
from conftest import FIXTURES
from exports import PROJECT_HEADER, project, write_csv, write_projects

from sinkboard import PROJECT_ROOT
from sinkboard.figures import changes
from sinkboard.ingest.build import IngestError, ingest
from sinkboard.store import history
from sinkboard.text import formats

SNAPSHOT = "projects/2023-09-30.csv"
TRADE_HEADER = ["成交编号", "成交日期", "项目编号", "交易平台", "买方", "买方类型", "成交量", "成交价", "用途"]


def trade(trade_id, volume, project_id="P1", day="2023-03-01"):
    return [trade_id, day, project_id, "四川联合环境交易所", "某电厂", "控排企业", volume, "50", "履约抵销"]


def test_the_newer_snapshot_is_told_project_by_project(mini_history):
    compared = changes.compare(mini_history)
    assert compared.baseline is not None and compared.baseline["as_of"] == dt.date(2023, 5, 1)
    assert compared.current["as_of"] == dt.date(2023, 9, 15)  # P07's registration, the latest date in the data
    assert compared.files[["source_file", "change"]].values.tolist() == [[SNAPSHOT, "added"]]

    added = compared.added.set_index("project_id")
    assert list(added.index) == ["P07"]
    assert added.loc["P07", ["project_name", "zone", "area_mu", "status", "source_file"]].tolist() == \
        ["翠屏竹林经营", "川南", 5000.0, "注册", SNAPSHOT]
    moves = compared.moves.set_index("project_id")
    assert list(moves.index) == ["P05"]
    assert moves.loc["P05", ["status_before", "status_after", "area_mu", "source_file"]].tolist() == \
        ["审定", "注册", 4000.0, SNAPSHOT]
    assert compared.registered.project_id.tolist() == ["P05", "P07"]  # in order of registration
    assert compared.registered.area_mu.sum() == 9000
    edits = {(row.project_id, row.field): (row.before, row.after) for row in compared.edits.itertuples()}
    assert edits[("P02", "area_mu")] == ("500", "600")
    assert edits[("P05", "registered_date")][1] == "2023-08-15"
    assert compared.removed.empty and compared.events.empty
    # the rows the newer snapshot replaced are superseded, not faults: no reject appears
    assert compared.rejects_appeared.empty and compared.rejects_fixed.empty


def test_the_figures_per_area_before_and_after(mini_history):
    deltas = changes.compare(mini_history).deltas
    province = deltas[deltas.level == "province"].iloc[0]
    assert (province.development_mu_before, province.development_mu_after) == (9000, 14100)
    assert (province.registered_mu_before, province.registered_mu_after) == (4500, 13500)
    assert province.registered_mu_change == 9000 and province.registered_projects_change == 2
    assert province.issued_tco2e_change == 0 and province.subsidy_paid_yuan_after == 2_200_000
    south = deltas[(deltas.level == "zone") & (deltas.zone == "川南")].iloc[0]
    assert (south.development_mu_before, south.development_mu_after) == (5500, 10500)
    assert (south.registered_mu_before, south.registered_mu_after) == (1500, 10500)
    yibin = deltas[deltas.prefecture_code == "511500"].iloc[0]
    assert yibin.development_mu_change == 5000 and yibin.zone == "川南"
    central = deltas[(deltas.level == "zone") & (deltas.zone == "川中")].iloc[0]
    assert central.development_mu_change == 100  # P02 corrected from 500 to 600 mu
    assert deltas.level.tolist()[0] == "province"


def test_verdicts_that_changed(mini_history):
    # as of 2023-05-01 the province had 9,000 mu, as a year before: behind for 2025; as of 2023-09-15 it has 14,100,
    # 5,100 more than a year before, and needs (20,000 - 14,100) / 2.29 years = 2,572 a year: on track. 川南 reaches
    # its own 8,000 with 10,500.
    verdicts = changes.compare(mini_history).verdicts
    assert verdicts[["zone", "year", "status_before", "status_after"]].values.tolist() == [
        ["全省", 2025, "behind", "on_track"], ["川南", 2025, "behind", "achieved"]]


def test_headline_in_both_languages(mini_history):
    compared = changes.compare(mini_history)
    zh, en = changes.headline(compared, "zh"), changes.headline(compared, "en")
    assert "新注册项目 2 个，面积 9,000 亩。" in zh
    assert any("+5,100 亩" in s and "1.41万亩" in s for s in zh)
    assert any("川南 2025 年目标：滞后 → 已完成" in s for s in zh)
    assert "Newly registered projects: 2, 9,000 mu in all." in en
    assert any("South Sichuan 2025 target: Behind → Achieved" in s for s in en)


def test_a_baseline_by_build_or_by_date(mini_history):
    recorded = changes.builds(mini_history)
    assert len(recorded) == 2 and recorded.is_current.tolist() == [False, True]
    first = recorded.build_id[0]
    assert changes.compare(mini_history, since=first).registered.project_id.tolist() == ["P05", "P07"]
    today = formats.beijing(recorded.built_at[1]).date()  # a day as people read it, in Beijing time
    assert changes.compare(mini_history, since=today.isoformat()).baseline["build_id"] == first
    with pytest.raises(changes.ChangesError, match="no build was made on or before 2020-01-01"):
        changes.compare(mini_history, since="2020-01-01")
    with pytest.raises(changes.ChangesError, match="is the build shown now"):
        changes.compare(mini_history, since=recorded.build_id[1])
    with pytest.raises(changes.ChangesError, match="no build v-nothing"):
        changes.compare(mini_history, since="v-nothing")
    with pytest.raises(changes.ChangesError, match="neither a build nor a date"):
        changes.compare(mini_history, since="last tuesday")


def test_the_first_ingest_has_nothing_to_compare_with(mini_warehouse):
    compared = changes.compare(mini_warehouse)
    assert compared.current is not None and compared.baseline is None and compared.is_empty
    assert changes.headline(compared, "en") == [
        "No earlier build of this warehouse folder is recorded: its history starts with this one, and the next ingest "
        "is compared with it."]


def test_the_public_warehouse_tells_only_public_changes(mini_history):
    con = duckdb.connect(str(mini_history / "public.duckdb"), read_only=True)
    try:
        # P05 (a company's, now registered) and P07 are listed for the first time; P06 and P02 are farmers' and never
        # listed, so P02's corrected area is not told
        registered = con.execute("select project_id, area_mu from changes_registered order by project_id").fetchall()
        assert registered == [("P05", 4000.0), ("P07", 5000.0)]
        figures = dict(con.execute("select measure, [before, after] from changes_figures where zone = '全省'").fetchall())
        # the published registered scale: P01 1,000 + P03 2,000 (P06 is a farmer's, in a cell without figures), then
        # P05 and P07 on top
        assert figures["registered_mu"] == [3000.0, 12000.0]
        assert figures["subsidy_paid_yuan"][0] == figures["subsidy_paid_yuan"][1]
        info = con.execute("select as_of, previous_as_of from changes_info").fetchall()
        assert info == [(dt.date(2023, 9, 30), dt.date(2023, 5, 31))]
        every_text = " ".join(str(v) for table in ("changes_registered", "changes_figures", "changes_info")
                              for row in con.execute(f"from {table}").fetchall() for v in row)
        assert "锦江城市森林" not in every_text and "王某某" not in every_text and "审定" not in every_text
    finally:
        con.close()


def test_the_history_outlives_the_versions(tmp_path):
    source, out = tmp_path / "src", tmp_path / "wh"
    write_projects(source, [project("P1", status="注册", registered="2022-01-01")])
    for step in range(3):
        if step:
            write_projects(source, [project(f"N{step}", area="200")], name=f"b{step}.csv")
        ingest(source, out)
    assert len(list(out.glob("v-*"))) == 2  # old versions go
    recorded = changes.builds(out)
    assert len(recorded) == 3
    assert not (out / recorded.build_id[0]).exists()
    since_first = changes.compare(out, since=recorded.build_id[0])
    assert since_first.added.project_id.tolist() == ["N1", "N2"]
    assert since_first.deltas.iloc[0].development_mu_change == 400
    assert changes.compare(out).added.project_id.tolist() == ["N2"]
    record = json.loads((history.folder(out) / recorded.build_id[2] / "build.json").read_text())
    assert record["previous_id"] == recorded.build_id[1] and record["rows"]["projects"] == 3


def test_trades_added_removed_and_changed_over_several_builds(tmp_path):
    source, out = tmp_path / "src", tmp_path / "wh"
    write_projects(source, [project("P1", status="注册", registered="2022-01-01")])
    trades = source / "trades" / "t.csv"
    write_csv(trades, TRADE_HEADER, [trade("T1", "100"), trade("T2", "50")])
    ingest(source, out)
    write_csv(trades, TRADE_HEADER, [trade("T1", "120"), trade("T3", "10")])  # T1 corrected, T2 gone, T3 new
    ingest(source, out)
    write_csv(source / "trades" / "u.csv", TRADE_HEADER, [trade("T4", "5")])
    ingest(source, out)
    first = changes.builds(out).build_id[0]

    def told(compared):
        return {(r.record, r.change): (r.tco2e, None if pd.isna(r.tco2e_before) else r.tco2e_before, r.source_file)
                for r in compared.events.itertuples()}

    # from the first build, over the two after it: T1 changed (100 -> 120), T2 removed, T3 and T4 added
    assert told(changes.compare(out, since=first)) == {
        ("T1", "changed"): (120.0, 100.0, "trades/t.csv"),
        ("T2", "removed"): (50.0, 50.0, "trades/t.csv"),
        ("T3", "added"): (10.0, None, "trades/t.csv"),
        ("T4", "added"): (5.0, None, "trades/u.csv"),
    }
    assert told(changes.compare(out)) == {("T4", "added"): (5.0, None, "trades/u.csv")}
    province = changes.compare(out, since=first).deltas.iloc[0]
    assert (province.trade_volume_tco2e_before, province.trade_volume_tco2e_after) == (150, 135)


def test_rejects_that_appear_and_are_fixed(tmp_path):
    source, out = tmp_path / "src", tmp_path / "wh"
    good = project("P1")
    write_csv(source / "projects" / "a.csv", PROJECT_HEADER, [good, project("P2", area="约5000")])
    ingest(source, out)
    write_csv(source / "projects" / "a.csv", PROJECT_HEADER, [good, project("P2", area="5000"),
                                                                project("P3", county="不存在县")])
    ingest(source, out)
    compared = changes.compare(out)
    assert compared.rejects_fixed[["source_file", "source_row", "reason"]].values.tolist() == \
        [["projects/a.csv", 3, "bad_number"]]
    assert compared.rejects_appeared[["source_file", "source_row", "reason"]].values.tolist() == \
        [["projects/a.csv", 4, "unknown_county"]]
    assert compared.added.project_id.tolist() == ["P2"]
    assert compared.deltas.iloc[0][["rejects_before", "rejects_after"]].tolist() == [1, 1]
    assert compared.files.change.tolist() == ["changed"]


def test_a_record_that_cannot_be_written_fails_the_ingest_and_changes_nothing(tmp_path):
    source, out = tmp_path / "src", tmp_path / "wh"
    write_projects(source, [project("P1")])
    ingest(source, out)
    before = sorted(p.name for p in out.iterdir()), sorted(p.name for p in history.folder(out).iterdir())
    write_projects(source, [project("P2")], name="b.csv")
    # a file where the history's folder goes: the record cannot be written
    history.folder(out).rename(tmp_path / "kept")
    (out / "history").write_text("not a folder")
    with pytest.raises(IngestError, match="writing the warehouse failed"):
        ingest(source, out)
    (out / "history").unlink()
    (tmp_path / "kept").rename(history.folder(out))
    assert (sorted(p.name for p in out.iterdir()), sorted(p.name for p in history.folder(out).iterdir())) == before


def test_the_command_prints_the_headline_changes(tmp_path):
    source, out = tmp_path / "src", tmp_path / "wh"
    shutil.copytree(FIXTURES / "mini", source)
    ingest(source, out)
    shutil.copytree(FIXTURES / "mini_next", source, dirs_exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(source), "--out", str(out)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    first = changes.builds(out).build_id[0]
    assert f"changes since the build before ({first}" in done.stdout
    assert "Newly registered projects: 2, 9,000 mu in all." in done.stdout
    assert "new project: P07 翠屏竹林经营 (5,000 mu, 川南, 注册; from projects/2023-09-30.csv)" in done.stdout
    assert "moved stage: P05 叙州竹林经营 (4,000 mu, 川南, 审定 → 注册; from projects/2023-09-30.csv)" in done.stdout
