"""Hostile export files: each either loads exactly what it holds, rejects exactly the rows that are bad with
the reason and a message naming the column and the value, or fails the ingest with one IngestError naming the file,
leaving the previous warehouses byte for byte as they were. Every ingest that goes through accounts for every row."""

import datetime as dt
import json
import resource
import subprocess
import sys
from decimal import Decimal

import hostile
import hostile.costly as costly
import pytest
from exports import PROJECT_HEADER, project, write_csv, write_parquet, write_projects
from hostile.rawxlsx import SheetSpec, write_raw_xlsx

from sinkboard import PROJECT_ROOT
from sinkboard.ingest import build as ingest_module
from sinkboard.ingest.build import IngestError, batches, ingest
from sinkboard.store.warehouse import connect


def accounted(out):
    """A read-only connection to a freshly built warehouse, once its accounting has been checked."""
    con = connect(out / "internal.duckdb")
    files = con.execute("select dataset, rows_read, rows_loaded, rows_rejected, rows_skipped, rows_duplicate "
                        "from ingest_files").fetchall()
    for dataset, read, loaded, rejected, skipped, duplicate in files:
        assert read == loaded + rejected + skipped + duplicate
    for dataset in {f[0] for f in files}:
        loaded = sum(f[2] for f in files if f[0] == dataset)
        assert con.execute(f"select count(*) from {dataset}").fetchone()[0] == loaded  # names from ingest_files
    return con


def build(source, out, **options):
    ingest(source, out, **options)
    return accounted(out)


def rejects(con, dataset):
    return con.execute("select source_file, source_row, reason, message from rejects where dataset = $d "
                       "order by source_file, source_row", {"d": dataset}).fetchall()


def reasons(con, dataset):
    return [(f, row, reason) for f, row, reason, _ in rejects(con, dataset)]


def message(con, source_file, row):
    return con.execute("select message from rejects where source_file = $f and source_row = $r",
                       {"f": source_file, "r": row}).fetchone()[0]


def warehouse_bytes(out):
    return {name: (out / name).read_bytes() for name in ("internal.duckdb", "public.duckdb")}


def refused(source, out, *fragments):
    """The ingest fails with an IngestError holding every fragment; the previous warehouses are byte-identical."""
    before = warehouse_bytes(out)
    with pytest.raises(IngestError) as caught:
        ingest(source, out)
    text = str(caught.value)
    for fragment in fragments:
        assert fragment in text
    assert warehouse_bytes(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".building")]
    return text


# ---- 3: a number out of range is a row-level bad_number, never a crash ----

def test_numbers_out_of_range_are_bad_numbers_after_unit_conversion(tmp_path):
    hostile.out_of_range_numbers(tmp_path / "src")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select project_id, area_mu from projects order by 1").fetchall() == [
        ("P1", 1000.0), ("P6", 999999999999999.0)]
    assert reasons(con, "projects") == [("projects/a.csv", row, "bad_number") for row in (3, 4, 5, 6)]
    assert "area_mu is out of range: 1e20" in message(con, "projects/a.csv", 3)
    assert "area_ha is out of range: 1e14" in message(con, "projects/a.csv", 4)
    assert "area_mu is out of range: 2e17万" in message(con, "projects/a.csv", 5)
    assert "est_annual_tco2e is out of range: " + "9" * 39 in message(con, "projects/a.csv", 6)
    assert con.execute("select payment_id, amount_yuan from subsidies").fetchall() == [
        ("S1", Decimal("9999999999999999.99"))]
    assert reasons(con, "subsidies") == [("subsidies/a_yuan.csv", 3, "bad_number"), ("subsidies/b_wan.csv", 2, "bad_number")]
    assert "amount_yuan is out of range: 1e16" in message(con, "subsidies/a_yuan.csv", 3)
    assert "amount_wan is out of range: 1000000000000" in message(con, "subsidies/b_wan.csv", 2)
    assert con.execute("select trade_id, amount_yuan from trades").fetchall() == [("T1", Decimal("5000.00"))]
    assert reasons(con, "trades") == [("trades/t.csv", row, "bad_number") for row in (3, 4, 5)]
    assert "volume_tco2e × price_yuan is out of range: 10000000000 × 10000000000" in message(con, "trades/t.csv", 3)
    assert "volume_tco2e × price_yuan is out of range" in message(con, "trades/t.csv", 4)
    assert "price_yuan is out of range: 100000000000000" in message(con, "trades/t.csv", 5)
    assert con.execute("select year, stock_tco2e from carbon_stock").fetchall() == [(2020, 5.0)]
    assert reasons(con, "carbon_stock") == [("carbon_stock/c.parquet", 3, "bad_number"), ("carbon_stock/c.parquet", 4, "bad_number")]
    assert "stock_tco2e is out of range: 1e+300" in message(con, "carbon_stock/c.parquet", 3)
    assert "stock_tco2e is not a number: inf" in message(con, "carbon_stock/c.parquet", 4)


# ---- 5: a year in two digits is not a date ----

def test_two_digit_years_and_years_outside_1900_to_2100_are_bad_dates(tmp_path):
    hostile.two_digit_years(tmp_path / "src")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select project_id, start_date from projects order by 1").fetchall() == [
        ("P1", dt.date(2023, 5, 6)), ("P6", dt.date(2100, 12, 31))]
    assert reasons(con, "projects") == [("projects/a.csv", row, "bad_date") for row in (3, 4, 5, 6)]
    assert "start_date is not a date from 1900 to 2100: 23-5-6" in message(con, "projects/a.csv", 3)
    assert "6/5/23" in message(con, "projects/a.csv", 4)


# ---- 6: real dates that came out as bad_date; Parquet BINARY text ----

def test_xlsx_date_times_with_fractions_of_a_second_are_dates(tmp_path):
    hostile.xlsx_fractional_seconds(tmp_path / "src")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select project_id, start_date, registered_date from projects order by 1").fetchall() == [
        ("P1", dt.date(2023, 5, 6), None), ("P2", dt.date(2023, 5, 6), dt.date(2023, 6, 7))]
    assert rejects(con, "projects") == []


def test_timezone_aware_parquet_timestamps_count_on_their_date_in_china(tmp_path):
    hostile.timezone_aware_timestamps(tmp_path / "src")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select trade_id, trade_date from trades order by 1").fetchall() == [
        ("T1", dt.date(2023, 5, 7)), ("T2", dt.date(2023, 5, 6)), ("T3", dt.date(2023, 5, 7))]
    assert rejects(con, "trades") == []


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_parquet_binary_text_columns_are_decoded(tmp_path, encoding):
    hostile.binary_text_columns(tmp_path / "src", encoding)
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select project_id, project_name, county_code, project_type from projects order by 1").fetchall() == [
        ("P1", "一号", "510104", "造林碳汇"), ("P2", "二号", "510104", "造林碳汇")]


def test_a_parquet_binary_column_that_is_no_text_fails_the_file(built):
    source, out = built
    hostile.binary_column_of_no_text(source / "more")
    (source / "more" / "projects" / "p.parquet").rename(source / "projects" / "z.parquet")
    refused(source, out, "projects/z.parquet", "column 'project_id' holds bytes that are neither UTF-8 nor GB18030 text (row 3)")


# ---- 7: clean failures (or clean row rejects) instead of tracebacks ----

def test_a_utf8_bom_over_a_gb18030_body_fails_naming_the_file_and_line(built):
    source, out = built
    hostile.bom_then_gb18030(source / "projects" / "b.csv")
    refused(source, out, "projects/b.csv", "UTF-8 byte-order mark", "line 2")


def test_the_command_prints_one_line_and_no_traceback(built):
    source, out = built
    hostile.bom_then_gb18030(source / "projects" / "b.csv")
    done = subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(source), "--out", str(out)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    assert "ingest failed" in done.stderr and "projects/b.csv" in done.stderr


def test_parquet_dates_outside_pythons_range_are_bad_dates(tmp_path):
    hostile.dates_outside_python(tmp_path / "src")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select project_id, start_date from projects order by 1").fetchall() == [
        ("P1", dt.date(2021, 1, 1)), ("P4", dt.date(2020, 9, 13))]
    assert reasons(con, "projects") == [("projects/a.parquet", 3, "bad_date"), ("projects/a.parquet", 4, "bad_date"),
                                        ("projects/b.parquet", 3, "bad_date")]
    assert "start_date is not a date from 1900 to 2100: 10000-01-01" in message(con, "projects/a.parquet", 3)
    assert "10000-01-01" in message(con, "projects/b.parquet", 3)


def test_a_folder_named_like_an_export_fails_naming_it(built):
    source, out = built
    (source / "projects" / "x.csv").mkdir()
    refused(source, out, "projects/x.csv", "not a file")


def test_a_pipe_named_like_an_export_fails_without_blocking(built):
    source, out = built
    hostile.fifo(source / "projects" / "y.csv")
    refused(source, out, "projects/y.csv", "not a file")


def test_a_file_that_vanishes_during_the_ingest_fails_naming_it(built, monkeypatch):
    source, out = built
    write_projects(source, [project("P3")], name="b.csv")
    listed = ingest_module.discover

    def discover_then_lose_a_file(*args, **kwargs):
        found = listed(*args, **kwargs)
        (source / "projects" / "b.csv").unlink()
        return found

    monkeypatch.setattr(ingest_module, "discover", discover_then_lose_a_file)
    refused(source, out, "projects/b.csv", "disappeared")


def test_a_zip_that_is_no_workbook_fails_naming_it(built):
    source, out = built
    hostile.write_workbook(source / "projects" / "w.xlsx", [PROJECT_HEADER, project("P3")])
    import zipfile
    with zipfile.ZipFile(source / "projects" / "w.xlsx") as whole, zipfile.ZipFile(source / "projects" / "v.xlsx", "w") as part:
        for info in whole.infolist():
            if info.filename != "xl/workbook.xml":
                part.writestr(info, whole.read(info))
    (source / "projects" / "w.xlsx").unlink()
    refused(source, out, "projects/v.xlsx", "not a readable XLSX workbook")


@pytest.mark.parametrize("name, fragment", [("w.parquet", "not a readable Parquet file"), ("w.xlsx", "not a readable XLSX workbook")])
def test_a_file_of_another_format_under_an_exports_name_fails_naming_it(built, name, fragment):
    source, out = built
    (source / "projects" / name).write_bytes("项目编号,项目名称\nP3,三\n".encode("utf-8"))
    refused(source, out, f"projects/{name}", fragment)


# ---- 8: Excel error cells are never silently empty ----

def test_excel_error_cells_are_rejected_with_the_error_in_the_message(tmp_path):
    hostile.excel_error_cells(tmp_path / "src")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select project_id, owner from projects").fetchall() == [("P1", "林场")]
    assert reasons(con, "projects") == [
        ("projects/p.xlsx", 3, "bad_number"), ("projects/p.xlsx", 4, "bad_date"), ("projects/p.xlsx", 5, "missing_required"),
        ("projects/p.xlsx", 6, "missing_required"), ("projects/p.xlsx", 7, "missing_required"),
        ("projects/p.xlsx", 8, "bad_number"), ("projects/p.xlsx", 9, "bad_date"), ("projects/q.csv", 2, "missing_required"),
    ]
    expected = {3: "area_mu is not a number: #DIV/0!", 4: "start_date is not a date from 1900 to 2100: #VALUE!",
                5: "owner holds the Excel error #N/A", 6: "project_id holds the Excel error #REF!",
                7: "status holds the Excel error #NAME?", 8: "est_annual_tco2e is not a number: #NUM!",
                9: "registered_date is not a date from 1900 to 2100: #NULL!"}
    for row, fragment in expected.items():
        assert fragment in message(con, "projects/p.xlsx", row)
    assert "owner holds the Excel error #N/A" in message(con, "projects/q.csv", 2)
    raw = json.loads(con.execute("select raw from rejects where source_row = 3 and source_file = 'projects/p.xlsx'").fetchone()[0])
    assert raw["面积(亩)"] == "#DIV/0!"


# ---- 4: a stray cell far out is read as one cell; workbooks too large are refused ----

def test_a_stray_cell_at_xfd1048576_is_one_cell_not_a_dense_grid(tmp_path):
    hostile.stray_cells(tmp_path / "src")
    out = tmp_path / "wh"

    def at_most_4_gib():  # a dense grid would ask for 550 GB: fail fast here instead of filling the machine
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    done = subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(tmp_path / "src"), "--out", str(out)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, preexec_fn=at_most_4_gib, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    con = accounted(out)
    assert con.execute("select project_id from projects order by 1").fetchall() == [("P1",), ("P2",)]
    assert reasons(con, "projects") == [("projects/p.xlsx", 1_048_576, "missing_required")]
    raw = json.loads(con.execute("select raw from rejects").fetchone()[0])
    assert raw == {**{h: None for h in PROJECT_HEADER}, "column_16384": "x"}


def test_a_workbook_with_more_cells_than_the_setting_is_refused(built, monkeypatch):
    source, out = built
    hostile.wide_workbook(source / "projects" / "w.xlsx", rows=20)  # 21 rows of 8 cells
    monkeypatch.setenv("SINKBOARD_MAX_CELLS", "100")
    refused(source, out, "projects/w.xlsx", "more than 100 cells", "SINKBOARD_MAX_CELLS")
    monkeypatch.setenv("SINKBOARD_MAX_CELLS", "168")
    ingest(source, out)
    assert accounted(out).execute("select count(*) from projects").fetchone() == (22,)


def test_a_workbook_that_unpacks_past_the_setting_is_refused(built, monkeypatch):
    source, out = built
    path = hostile.long_workbook(source / "projects" / "w.xlsx", rows=5000)  # 1.27 MB unpacked
    assert path.stat().st_size < 200_000
    monkeypatch.setenv("SINKBOARD_MAX_XLSX_BYTES", "1000000")
    refused(source, out, "projects/w.xlsx", "SINKBOARD_MAX_XLSX_BYTES (1,000,000)", "zip bomb")


def test_a_workbook_declaring_gigabytes_is_refused_by_default(built):
    source, out = built
    path = hostile.wide_workbook(source / "projects" / "w.xlsx", rows=2)
    hostile.declared_size(path, "xl/worksheets/sheet1.xml", 0xF000_0000)
    refused(source, out, "projects/w.xlsx", "would unpack to 4,026,", "SINKBOARD_MAX_XLSX_BYTES (1,073,741,824)")


# ---- 9: links must stay inside the source folder ----

def test_a_link_to_a_file_outside_the_source_fails_naming_it(built, tmp_path):
    source, out = built
    hostile.link_outside(source, tmp_path / "outside")
    refused(source, out, "projects/z_link.csv", "outside the source folder")


def test_a_dataset_folder_linked_outside_the_source_fails(tmp_path, built):
    source, out = built
    write_csv(tmp_path / "outside" / "trades" / "t.csv", hostile.TRADE_HEADER,
              [["T1", "2023-01-01", "P1", "seee", "个人", "1", "1", "1"]])
    (source / "trades").symlink_to(tmp_path / "outside" / "trades")
    refused(source, out, "trades/t.csv", "outside the source folder")


def test_a_link_to_nothing_fails_naming_it(built):
    source, out = built
    (source / "projects" / "z_link.csv").symlink_to("gone.csv")
    refused(source, out, "projects/z_link.csv", "a link to a file that does not exist (gone.csv)")


def test_a_link_to_a_file_inside_the_source_is_read(tmp_path):
    source = tmp_path / "src"
    write_projects(source, [project("P1")])
    hostile.link_inside(source)
    con = build(source, tmp_path / "wh")
    assert con.execute("select project_id from projects order by 1").fetchall() == [("P1",), ("P8",)]


# ---- 10: an empty or wrongly laid-out source never replaces a warehouse ----

def test_an_empty_source_is_refused(built, tmp_path):
    _, out = built
    empty = tmp_path / "empty"
    empty.mkdir()
    refused(empty, out, str(empty), "no export files found", "projects, issuances, trades", "found nothing", "--allow-empty")


def test_upper_case_dataset_folders_are_named_in_the_refusal(built, tmp_path):
    _, out = built
    wrong = tmp_path / "wrong"
    write_projects(wrong, [project("P1")])
    (wrong / "projects").rename(wrong / "PROJECTS")
    refused(wrong, out, "found PROJECTS; dataset folders are lower case: projects")


def test_an_upper_case_folder_beside_good_ones_is_refused_too(built):
    source, out = built
    write_csv(source / "TRADES" / "t.csv", hostile.TRADE_HEADER, [["T1", "2023-01-01", "P1", "seee", "个人", "1", "1", "1"]])
    refused(source, out, "found TRADES; dataset folders are lower case: trades")


def test_allow_empty_builds_empty_warehouses_on_purpose(tmp_path):
    empty = tmp_path / "empty"
    (empty / "projects").mkdir(parents=True)
    con = build(empty, tmp_path / "wh", allow_empty=True)
    assert con.execute("select count(*) from projects").fetchone() == (0,)


# ---- 11: smaller ----

def test_a_tab_delimited_csv_with_title_rows(tmp_path):
    hostile.tab_delimited_with_titles(tmp_path / "src" / "projects" / "a.csv")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select project_id, area_mu from projects").fetchall() == [("P1", 1000.0)]
    assert con.execute("select rows_read from ingest_files").fetchall() == [(1,)]


def test_a_six_megabyte_cell_is_read(tmp_path):
    hostile.huge_cell(tmp_path / "src" / "projects" / "a.csv")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select project_id, length(methodology) from projects order by 1").fetchall() == [
        ("P1", 6 * 1024 * 1024 // 3), ("P2", 9)]


def test_money_is_rounded_to_the_fen_before_the_check_and_units_must_fit_the_column(tmp_path):
    hostile.money_below_a_fen_and_units_that_contradict(tmp_path / "src")
    con = build(tmp_path / "src", tmp_path / "wh")
    assert con.execute("select payment_id, amount_yuan from subsidies order by 1").fetchall() == [
        ("S2", Decimal("0.01")), ("S6", Decimal("800000.00"))]
    assert reasons(con, "subsidies") == [("subsidies/a.csv", 2, "not_positive"), ("subsidies/a.csv", 4, "bad_number"),
                                         ("subsidies/b.csv", 2, "bad_number"), ("subsidies/b.csv", 3, "bad_number"),
                                         ("subsidies/b.csv", 5, "bad_number")]
    assert "amount_yuan is in 元: the unit in 100亩 contradicts the column" in message(con, "subsidies/a.csv", 4)
    assert "amount_wan is counted in 万元: 万 or 亿 in 80万元 contradicts the column" in message(con, "subsidies/b.csv", 2)
    assert "amount_wan is counted in 万元: 万 or 亿 in 80万 contradicts the column" in message(con, "subsidies/b.csv", 3)
    assert "amount_wan is in 万元: the unit in 80元 contradicts the column" in message(con, "subsidies/b.csv", 5)
    assert con.execute("select project_id, area_mu from projects").fetchall() == [("P2", 100.0)]
    assert "area_mu is in 亩: the unit in 100公顷 contradicts the column" in message(con, "projects/a.csv", 2)


# ---- 12: within the size limits, far costlier to read than their size (issue 18) ----

# one ingest in a process of its own: the IngestError's message (or "loaded"), then the process's peak memory in MB
# (its VmHWM, as tests/test_ingest_memory.py measures it)
INGEST_IN_A_CHILD = """
import sys
from pathlib import Path
from sinkboard.dev.bench import high_water_mb
from sinkboard.ingest.build import IngestError, ingest
try:
    ingest(Path(sys.argv[1]), Path(sys.argv[2]))
    print("loaded")
except IngestError as error:
    print(error)
print(round(high_water_mb("self")))
"""


def ingest_in_a_child(source, out):
    """The outcome's one line and the peak memory (MB) of an ingest in a child process (its address space limited to
    4 GiB, so that a file which still costs gigabytes fails fast instead of filling the machine)."""
    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    done = subprocess.run([sys.executable, "-c", INGEST_IN_A_CHILD, str(source), str(out)], cwd=PROJECT_ROOT,
                          env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, preexec_fn=limited,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    *outcome, peak = done.stdout.strip().splitlines()
    assert len(outcome) == 1, outcome
    return outcome[0], int(peak)


def test_a_csv_of_three_rows_and_a_million_columns_is_refused_in_bounded_memory(tmp_path):
    costly.many_columns(tmp_path / "src" / "projects" / "w.csv", 1_000_000)
    outcome, peak_mb = ingest_in_a_child(tmp_path / "src", tmp_path / "wh")
    assert outcome == ("projects/w.csv: row 1 holds more than 16,384 cells, the most a row of a spreadsheet holds "
                       "(Excel's columns A to XFD)")
    assert peak_mb < 1000


def padded(cells, width):
    return [*cells, *[None] * (width - len(cells))]


def test_a_csv_row_as_wide_as_a_spreadsheet_is_read_and_one_cell_wider_refused(built):
    source, out = built
    write_csv(source / "projects" / "w.csv", padded(PROJECT_HEADER, 16_384), [padded(project("P3"), 16_384)])
    ingest(source, out)
    projects = accounted(out).execute("select project_id from projects order by 1").fetchall()
    assert projects == [("P1",), ("P2",), ("P3",)]
    write_csv(source / "projects" / "w.csv", PROJECT_HEADER, [project("P3"), padded(project("P4"), 16_385)])
    refused(source, out, "projects/w.csv: row 3 holds more than 16,384 cells")


def test_a_line_of_more_commas_than_any_row_holds_is_refused_before_it_is_parsed(built):
    source, out = built
    path = source / "projects" / "w.csv"
    write_csv(path, PROJECT_HEADER, [project("P3")])
    with path.open("a", encoding="utf-8") as file:
        file.write("," * (1 << 20) + ",\n")
    refused(source, out, "projects/w.csv: line 3 holds more than 1,048,576 commas or tabs", "16,384")


def test_a_workbook_cell_past_column_xfd_is_refused(built):
    source, out = built
    rows = [PROJECT_HEADER, project("P3"), [*[None] * 16_384, "x"]]  # x in XFE3
    write_raw_xlsx(source / "projects" / "w.xlsx", [SheetSpec("项目", rows)])
    refused(source, out, "projects/w.xlsx: row 3 holds more than 16,384 cells")


def test_a_parquet_file_of_more_columns_than_a_spreadsheet_is_refused(built):
    source, out = built
    write_parquet(source / "projects" / "w.parquet", {f"c{i}": [1] for i in range(16_385)})
    refused(source, out, "projects/w.parquet: row 1 holds more than 16,384 cells")


def test_a_header_far_wider_than_its_rows_is_read_in_bounded_memory(tmp_path):
    # rows are padded to the batch's widest row, not to the header: 50,000 rows of 16,384 cells would take gigabytes
    write_csv(tmp_path / "src" / "projects" / "w.csv", padded(PROJECT_HEADER, 16_384),
              (project(f"P{i}") for i in range(50_000)))
    outcome, peak_mb = ingest_in_a_child(tmp_path / "src", tmp_path / "wh")
    assert outcome == "loaded"
    assert peak_mb < 1000


def test_batches_of_wide_rows_hold_fewer_rows():
    assert [len(batch) for batch in batches((i, [""] * 8) for i in range(120_000))] == [50_000, 50_000, 20_000]
    assert {len(batch) for batch in batches((i, [""] * 16_384) for i in range(1_000))} == {200}


def test_a_workbook_of_more_shared_strings_than_the_setting_is_refused(built, monkeypatch):
    source, out = built
    costly.many_shared_strings(source / "projects" / "w.xlsx", 1000)  # and the 21 its header and two rows use
    monkeypatch.setenv("SINKBOARD_MAX_SHARED_STRINGS", "1020")
    refused(source, out, "projects/w.xlsx: the workbook's shared-string table holds more than 1,020 distinct texts",
            "SINKBOARD_MAX_SHARED_STRINGS")
    monkeypatch.setenv("SINKBOARD_MAX_SHARED_STRINGS", "1021")
    ingest(source, out)
    read = accounted(out).execute("select rows_read from ingest_files where source_file = 'projects/w.xlsx'").fetchall()
    assert read == [(2,)]


def test_a_workbook_of_millions_of_short_shared_strings_is_refused_in_bounded_memory(tmp_path):
    costly.many_shared_strings(tmp_path / "src" / "projects" / "w.xlsx", 3_000_000)
    outcome, peak_mb = ingest_in_a_child(tmp_path / "src", tmp_path / "wh")
    assert outcome == ("projects/w.xlsx: the workbook's shared-string table holds more than 3,000,000 distinct texts, "
                       "all of which are kept in memory while its sheet is read; the limit is the setting "
                       "SINKBOARD_MAX_SHARED_STRINGS")
    assert peak_mb < 1000
