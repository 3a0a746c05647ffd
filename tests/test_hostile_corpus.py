"""The hostile-file corpus: real files written by tests/hostile/corpus_*.py, each case with its exact outcome
(the rows loaded, the rows rejected with their reason and a message naming the column and the value, the accounting of
its files) or the exact failure of the ingest. The cases of one group are ingested together (each under file names,
ids and years of its own); a case whose correct outcome is a failed ingest is ingested alone.

A case marked xfail(strict=True, reason="defect: ...") asserts the CORRECT outcome of a file the ingest gets wrong
today: the fix makes it pass, and then the mark must go."""

import datetime as dt
import json
from decimal import Decimal

import hostile.corpus_parquet as parquet_cases
import hostile.corpus_rules as rules_cases
import hostile.corpus_text as text_cases
import hostile.corpus_xlsx as xlsx_cases
import pytest
from hostile.corpus import GROUPS, write_group
from scan import raw_hidden

from sinkboard.ingest.build import IngestError, ingest
from sinkboard.ingest.contract import DATASETS
from sinkboard.store.warehouse import connect
from sinkboard.text.faults import fault_text, message_text

MAY_1 = dt.date(2023, 5, 1)
JAN_1 = dt.date(2021, 1, 1)


def defect(what):
    return pytest.mark.xfail(strict=True, reason=f"defect: {what}")


class Built:
    """A group's warehouse, read-only, with the outcome of each file."""

    def __init__(self, source, out):
        self.source, self.out, self.con = source, out, connect(out / "internal.duckdb")

    def rows(self, sql, **params):
        return self.con.execute(sql, params).fetchall()

    def rejects(self, source_file):
        return self.rows("select source_row, reason from rejects where source_file = $f order by source_row", f=source_file)

    def message(self, source_file, row):
        return self.rows("select message from rejects where source_file = $f and source_row = $r", f=source_file, r=row)[0][0]

    def raw(self, source_file, row):
        return json.loads(self.rows("select raw from rejects where source_file = $f and source_row = $r",
                                    f=source_file, r=row)[0][0])

    def account(self, source_file):
        """(read, loaded, rejected, skipped, duplicate) of one file."""
        return tuple(self.rows("select rows_read, rows_loaded, rows_rejected, rows_skipped, rows_duplicate "
                               "from ingest_files where source_file = $f", f=source_file)[0])

    def encoding(self, source_file):
        return self.rows("select encoding from ingest_files where source_file = $f", f=source_file)[0][0]

    def warnings(self, source_file):
        """(row, column number, column, value as stored, code points found) of each cell noted for a hidden character."""
        return [(row, number, column, value, list(found)) for row, number, column, value, found in self.rows(
            "select source_row, column_number, column_name, value, found from warnings where source_file = $f "
            "order by source_row, column_number", f=source_file)]


def build_group(tmp_path_factory, group):
    source = write_group(group, tmp_path_factory.mktemp(f"corpus_{group}_src"))
    out = tmp_path_factory.mktemp(f"corpus_{group}_wh")
    ingest(source, out)
    return Built(source, out)


@pytest.fixture(scope="module")
def text(tmp_path_factory):
    corpus = build_group(tmp_path_factory, "text")
    yield corpus
    corpus.con.close()


@pytest.fixture(scope="module")
def xlsx(tmp_path_factory):
    corpus = build_group(tmp_path_factory, "xlsx")
    yield corpus
    corpus.con.close()


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    corpus = build_group(tmp_path_factory, "parquet")
    yield corpus
    corpus.con.close()


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    corpus = build_group(tmp_path_factory, "rules")
    yield corpus
    corpus.con.close()


def refused(tmp_path, write, *fragments):
    """Ingested alone, the file fails the ingest with one IngestError holding every fragment; nothing is built."""
    path = write(tmp_path / "src")
    out = tmp_path / "wh"
    with pytest.raises(IngestError) as caught:
        ingest(tmp_path / "src", out)
    text = str(caught.value)
    for fragment in fragments:
        assert fragment in text
    assert path.exists() and not (out / "internal.duckdb").exists()
    return text


# ---- the property: every row read is accounted for, in every file of every group ----

@pytest.mark.parametrize("group", list(GROUPS))
def test_every_row_read_is_loaded_rejected_skipped_or_a_duplicate(request, group):
    corpus = request.getfixturevalue(group)
    files = corpus.rows("select dataset, source_file, rows_read, rows_loaded, rows_rejected, rows_skipped, rows_duplicate "
                        "from ingest_files")
    written = sorted(p.relative_to(corpus.source).as_posix() for p in corpus.source.rglob("*") if p.is_file())
    assert sorted(f[1] for f in files) == written  # no file left out unseen
    for dataset, source_file, read, loaded, rejected, skipped, duplicate in files:
        assert read == loaded + rejected + skipped + duplicate, source_file
        assert len(corpus.rejects(source_file)) == rejected, source_file
    for dataset in DATASETS:
        held = corpus.rows(f"select count(*) from {dataset}")[0][0]  # names from DATASETS
        assert held == sum(f[3] for f in files if f[0] == dataset), dataset


@pytest.mark.parametrize("group", list(GROUPS))
def test_every_reject_message_has_a_chinese_form(request, group):
    """The Chinese pages show each fault of a message in Chinese (sinkboard.text.faults): every fault the corpus's files
    give rise to has a form there, with its columns by their Chinese headers."""
    corpus = request.getfixturevalue(group)
    untranslated = set()
    for dataset, faults in corpus.rows("select dataset, faults from rejects"):
        for fault in faults:
            if fault_text(dataset, "zh", **fault) == fault["message"]:
                untranslated.add(fault["message"])
    assert untranslated == set()


@pytest.mark.parametrize("group", list(GROUPS))
def test_the_english_pages_write_each_message_as_the_ingest_stored_it(request, group):
    """The English pages write each fault from the catalogue, and the ingest its message from sb_fault_message: for
    every reject of the corpus the two agree word for word."""
    corpus = request.getfixturevalue(group)
    for dataset, faults, message in corpus.rows("select dataset, faults, message from rejects"):
        assert message_text(faults, message, dataset, "en") == message


# ---- CSV: encodings and line ends ----

def test_h01_crlf_bom_and_a_row_of_empty_cells(text):
    f = "projects/h01_crlf.csv"
    assert text.rows("select project_id, project_name, area_mu, start_date from projects where project_id like 'H01-%'") == [
        ("H01-P1", "项目H01-P1", 1000.0, JAN_1)]  # no CR left in any value
    assert text.rejects(f) == [(4, "bad_number")]  # the empty row 3 is numbered, as Excel shows it, but not counted
    assert "area_mu is not a number: x" in text.message(f, 4)
    assert text.account(f) == (2, 1, 1, 0, 0)
    assert text.encoding(f) == "utf-8-sig"


def test_h02_cr_only_line_ends_in_gb18030(text):
    f = "projects/h02_cr.csv"
    assert text.rows("select project_id, county_code, county_name from projects where project_id like 'H02-%'") == [
        ("H02-P1", "510112", "龙泉驿区")]
    assert text.rejects(f) == [(3, "unknown_county")]
    assert "no Sichuan county is named 不存在县" in text.message(f, 3)
    assert text.account(f) == (2, 1, 1, 0, 0)
    assert text.encoding(f) == "gb18030"


def test_h03_utf16_tab_delimited_unicode_text(text):
    f = "projects/h03_utf16.csv"
    assert text.rows("select project_id, project_name, county_code from projects where project_id like 'H03-%'") == [
        ("H03-P1", "一号林场", "510104")]
    assert text.rejects(f) == [(3, "bad_date")]
    assert "start_date is not a date from 1900 to 2100: 2021-02-30" in text.message(f, 3)
    assert text.account(f) == (2, 1, 1, 0, 0)
    assert text.encoding(f) == "utf_16"


def test_h04_quoted_line_breaks_keep_the_row_numbers_a_person_sees(text):
    f = "projects/h04_quoted.csv"
    assert text.rows("select project_id, project_name, methodology from projects where project_id like 'H04-%' order by 1") == [
        ("H04-P1", "一号\n林场", 'AR-CM-001, "改"'), ("H04-P2", "二号\n二期\n三期", None)]
    assert text.rejects(f) == [(4, "bad_number")]  # the fourth row in Excel, the seventh line of the file
    assert text.account(f) == (3, 2, 1, 0, 0)


def test_h05_a_nul_byte_fails_the_ingest(tmp_path):
    refused(tmp_path, text_cases.h05_nul_byte, "projects/h05_nul.csv", "NUL", "line 2")


# ---- CSV: title rows, summary rows, headers, columns ----

def test_h06_ten_title_rows_and_summary_rows(text):
    f = "projects/h06_titles.csv"
    assert text.rows("select project_id from projects where project_id like 'H06-%'") == [("H06-P1",)]
    assert text.rejects(f) == [(13, "unknown_county")]
    assert "no Sichuan county is named 锦江县" in text.message(f, 13)
    assert text.account(f) == (5, 1, 1, 3, 0)  # title rows are not read; 合计, 小计（锦江区）, 总计： are skipped


def test_h07_eleven_title_rows_leave_no_header_row(tmp_path):
    refused(tmp_path, text_cases.h07_eleven_title_rows, "projects/h07_titles.csv",
            "no header row naming the projects columns", "in the first 11 rows")


def test_h08_spaced_summary_labels_are_summary_rows(text):
    f = "projects/h08_spaced.csv"
    assert text.rejects(f) == []
    assert text.account(f) == (4, 1, 0, 3, 0)


def test_h09_header_variants(text):
    assert text.rows("select project_id, project_name, county_code, project_type, area_mu, status, start_date, "
                     "registered_date, is_demo from projects where project_id like 'H09-%'") == [
        ("H09-P1", "九号", "510104", "竹子造林碳汇", 1500.0, "注册", dt.date(2021, 3, 1), dt.date(2022, 1, 5), True)]
    assert text.account("projects/h09_headers.csv") == (1, 1, 0, 0, 0)


def test_h10_unknown_columns_are_kept_in_the_raw_row(text):
    f = "projects/h10_extra.csv"
    assert text.rows("select project_id from projects where project_id like 'H10-%'") == [("H10-P1",)]
    assert text.rejects(f) == [(3, "bad_number")]
    assert text.raw(f, 3) == {"项目编号": "H10-P2", "备注": "待核实", "项目名称": "项目H10-P2", "所在县": "锦江区",
                              "项目类型": "造林碳汇", "面积(亩)": "x", "项目状态": "储备", "立项日期": "2021-01-01",
                              "注册日期": None, "联系人": "张三"}


def test_h11_two_unknown_columns_of_one_name_both_stay_in_the_raw_row(text):
    f = "projects/h11_twice.csv"
    assert text.rejects(f) == [(2, "bad_number")]
    values = list(text.raw(f, 2).values())
    assert "甲" in values and "乙" in values


def test_h12_ragged_rows(text):
    f = "projects/h12_ragged.csv"
    assert text.rows("select project_id, area_mu from projects where project_id like 'H12-%'") == [("H12-P1", 100.0)]
    assert text.rejects(f) == [(3, "bad_number"), (4, "missing_required")]
    raw = text.raw(f, 3)
    assert (raw["面积(亩)"], raw["column_9"], raw["column_10"]) == ("x", "附1", "附2")
    assert text.message(f, 4) == "area_mu and area_ha are both empty; status is empty; start_date is empty"
    assert text.raw(f, 4)["项目状态"] is None
    assert text.account(f) == (3, 1, 2, 0, 0)


# ---- CSV: numbers and dates ----

def test_h13_numbers_as_people_write_them(text):
    f = "carbon_stock/h13_numbers.csv"
    # 1,234.5 | １２，３４５ | -1,000; 1.5E+03 | "12 345 吨" | +12; １.５万 | 0 | －５; 100 | 1e3 tCO2e | 2.5e-1
    assert text.rows("select county_code, pool, area_mu, stock_tco2e, sink_tco2e from carbon_stock where year = 2013 "
                     "order by county_code, pool") == [
        ("510104", "其他", 100.0, 1000.0, 0.25), ("510104", "森林", 1234.5, 12345.0, -1000.0),
        ("510104", "竹林", 1500.0, 12345.0, 12.0), ("510105", "森林", 15000.0, 0.0, -5.0)]
    assert text.rejects(f) == [(5, "bad_number"), (6, "bad_number")]
    assert "area_mu is not a number: 50%" in text.message(f, 5)  # a percent is no area
    assert "sink_tco2e is not a number: (1,000)" in text.message(f, 6)  # never guessed to be -1000
    assert text.account(f) == (6, 4, 2, 0, 0)


def test_h14_dates_in_a_csv(text):
    f = "trades/h14_dates.csv"
    assert text.rows("select trade_id, trade_date from trades where trade_id like 'H14-%' order by 1") == [
        (f"H14-T{i}", MAY_1) for i in range(1, 6)]
    assert text.rejects(f) == [(7, "bad_date"), (8, "bad_date"), (9, "bad_date")]
    assert "trade_date is not a date from 1900 to 2100: 45047" in text.message(f, 7)  # a serial in a CSV is no date
    assert "trade_date is not a date from 1900 to 2100: 2023年5月" in text.message(f, 8)
    assert "trade_date is not a date from 1900 to 2100: 2023-02-29" in text.message(f, 9)


def test_h15_date_times_count_on_their_date(text):
    assert text.rejects("trades/h15_datetimes.csv") == []
    assert text.rows("select trade_id, trade_date from trades where trade_id like 'H15-%' order by 1") == [
        ("H15-T1", MAY_1), ("H15-T2", MAY_1), ("H15-T3", MAY_1)]


# ---- CSV: files of another kind ----

def test_h16_a_workbook_named_csv_fails_saying_what_it_is(tmp_path):
    refused(tmp_path, text_cases.h16_workbook_named_csv, "projects/h16_workbook.csv", "XLSX")


def test_h17_a_semicolon_csv_fails_for_want_of_a_header(tmp_path):
    refused(tmp_path, text_cases.h17_semicolons, "projects/h17_semicolons.csv", "no header row naming the projects columns")


# ---- CSV: text that could pose as something else ----

def test_h18_hidden_characters_are_stored_visibly_and_noted(text):
    f = "projects/h18_hidden.csv"
    assert text.rows("select project_id, project_name, owner from projects where project_id like 'H18-%' order by 1") == [
        ("H18-P1", "项目⟦U+202E⟧gpj.exe名称", "林业⟦U+2066⟧集团⟦U+2069⟧"), ("H18-P4", "⟦U+200B⟧", None),
        ("H18-P⟦U+200B⟧2", "项目H18-P⟦U+200B⟧2", "⟦U+202B⟧甲⟦U+202C⟧")]
    # 合\u200b计 is no summary label: its row is read and rejected, never skipped unseen
    assert text.rejects(f) == [(4, "bad_number"), (5, "missing_required")]
    assert (text.raw(f, 4)["备⟦U+200B⟧注"], text.raw(f, 4)["column_11"]) == ("丙", "附⟦U+2067⟧注⟦U+2069⟧")
    assert text.raw(f, 5)["项目编号"] == "合⟦U+200B⟧计"
    assert text.warnings(f) == [
        (1, 10, "备⟦U+200B⟧注", "备⟦U+200B⟧注", ["U+200B"]),  # the header's own text
        (2, 2, "project_name", "项目⟦U+202E⟧gpj.exe名称", ["U+202E"]),
        (2, 9, "owner", "林业⟦U+2066⟧集团⟦U+2069⟧", ["U+2066", "U+2069"]),
        (3, 1, "project_id", "H18-P⟦U+200B⟧2", ["U+200B"]),
        (3, 2, "project_name", "项目H18-P⟦U+200B⟧2", ["U+200B"]),
        (3, 9, "owner", "⟦U+202B⟧甲⟦U+202C⟧", ["U+202B", "U+202C"]),
        (3, 10, "备⟦U+200B⟧注", "⟦U+27E6⟧U+202E⟧", ["U+27E6"]),  # typed by hand: it cannot pose as an escape
        (4, 11, "column_11", "附⟦U+2067⟧注⟦U+2069⟧", ["U+2067", "U+2069"]),
        (5, 1, "project_id", "合⟦U+200B⟧计", ["U+200B"]),
        (6, 2, "project_name", "⟦U+200B⟧", ["U+200B"]),  # a zero-width space alone is a value, not an empty cell
    ]
    assert text.account(f) == (5, 3, 2, 0, 0)
    assert text.rows("select warnings from ingest_files where source_file = $f", f=f) == [(10,)]
    # a key is written the same way in every dataset: the trade finds its project; without the space it is another
    t = "trades/h18_hidden.csv"
    assert text.rows("select trade_id, project_id from trades where trade_id like 'H18-%'") == [("H18-T1", "H18-P⟦U+200B⟧2")]
    assert text.rejects(t) == [(3, "unknown_project")]
    assert text.warnings(t) == [(2, 3, "project_id", "H18-P⟦U+200B⟧2", ["U+200B"])]


@pytest.mark.parametrize("group", list(GROUPS))
def test_no_warehouse_of_the_corpus_holds_a_hidden_character_as_it_is(request, group):
    corpus = request.getfixturevalue(group)
    assert raw_hidden(corpus.out / "internal.duckdb") == [] and raw_hidden(corpus.out / "public.duckdb") == []


# ---- XLSX ----

def test_h20_a_workbook_without_its_shared_strings_fails(tmp_path):
    refused(tmp_path, xlsx_cases.h20_shared_strings_missing, "projects/h20_nostrings.xlsx", "not a readable XLSX workbook")


def test_h21_inline_strings(xlsx):
    f = "projects/h21_inline.xlsx"
    assert xlsx.rows("select project_id, project_name, start_date from projects where project_id like 'H21-%'") == [
        ("H21-P1", "项目H21-P1", JAN_1)]
    assert xlsx.rejects(f) == [(3, "unknown_county")]
    assert xlsx.raw(f, 3)["所在县"] == "锦江县"


def test_h22_the_1904_date_system(xlsx):
    assert xlsx.rows("select project_id, start_date, registered_date from projects where project_id like 'H22-%' "
                     "order by 1") == [("H22-P1", JAN_1, dt.date(2021, 2, 1)), ("H22-P2", dt.date(2021, 3, 1), None)]
    assert xlsx.account("projects/h22_1904.xlsx") == (2, 2, 0, 0, 0)


def test_h23_merged_cells_give_their_value_to_every_row_they_span(xlsx):
    assert xlsx.rejects("projects/h23_merged.xlsx") == []
    assert xlsx.rows("select project_id, county_code from projects where project_id like 'H23-%' order by 1") == [
        ("H23-P1", "510104"), ("H23-P2", "510104"), ("H23-P3", "510104")]


def test_h24_the_first_sheet_is_read(xlsx):
    assert xlsx.rows("select project_id from projects where project_id like 'H24-%'") == [("H24-P1",)]
    assert xlsx.account("projects/h24_sheets.xlsx") == (1, 1, 0, 0, 0)


def test_h25_a_notes_sheet_first_fails_for_want_of_a_header(tmp_path):
    refused(tmp_path, xlsx_cases.h25_notes_sheet_first, "projects/h25_notes.xlsx", "no header row naming the projects columns")


def test_h26_formulas_are_read_as_their_saved_values(xlsx):
    assert xlsx.rows("select project_id, project_name, area_mu, start_date from projects where project_id like 'H26-%' "
                     "order by 1") == [("H26-P1", "项目H26-P1", 1500.0, JAN_1), ("H26-P2", "二号林场", 1000.0, JAN_1)]
    assert xlsx.account("projects/h26_formulas.xlsx") == (2, 2, 0, 0, 0)


def test_h27_a_formula_without_a_saved_value_fails_the_file(tmp_path):
    # the first such cell in the sheet's order is named: row 2's est_annual_tco2e (column J), =E2*0.5
    refused(tmp_path, xlsx_cases.h27_formulas_without_saved_values, "projects/h27_uncalculated.xlsx",
            "holds a formula (=E2*0.5) without a saved value", "save it again")


def test_h28_hidden_columns_and_rows_are_read(xlsx):
    assert xlsx.rows("select project_id, area_mu from projects where project_id like 'H28-%' order by 1") == [
        ("H28-P1", 1200.0), ("H28-P2", 1300.0)]


def test_h29_cells_without_references(xlsx):
    f = "projects/h29_norefs.xlsx"
    assert xlsx.rows("select project_id, area_mu from projects where project_id like 'H29-%'") == [("H29-P1", 1000.0)]
    assert xlsx.rejects(f) == [(3, "bad_number")]
    assert "area_mu is not a number: x" in xlsx.message(f, 3)


def test_h30_strict_ooxml(xlsx):
    f = "projects/h30_strict.xlsx"
    assert xlsx.rows("select project_id, start_date from projects where project_id like 'H30-%'") == [("H30-P1", JAN_1)]
    assert xlsx.rejects(f) == [(3, "not_positive")]
    assert "area must be above 0: 0" in xlsx.message(f, 3)


def test_h31_typed_cells(xlsx):
    f = "projects/h31_types.xlsx"
    assert xlsx.rows("select project_id, area_mu, start_date, is_demo from projects where project_id like 'H31-%' "
                     "order by 1") == [("H31-P1", 1500.0, dt.date(2021, 3, 4), True), ("H31-P2", 1000.0, JAN_1, False)]
    assert xlsx.rejects(f) == [(4, "bad_date")]
    assert "start_date is not a date from 1900 to 2100: 44197" in xlsx.message(f, 4)  # a serial without a date format


def test_h32_excel_row_numbers_across_titles_gaps_and_a_summary_row(xlsx):
    f = "projects/h32_gaps.xlsx"
    assert xlsx.rows("select project_id from projects where project_id like 'H32-%' order by 1") == [
        ("H32-P1",), ("H32-P2",)]
    assert xlsx.rejects(f) == [(12, "unknown_value")]
    assert "project_type is not a known type: 林下经济" in xlsx.message(f, 12)
    assert xlsx.account(f) == (4, 2, 1, 1, 0)


def test_h33_an_issuance_workbook_with_header_variants(xlsx):
    f = "issuances/h33_issuances.xlsx"
    assert xlsx.rows("select project_id, period_start, period_end, verified_tco2e, issued_tco2e, issued_date "
                     "from issuances where project_id like 'H33-%'") == [
        ("H33-P1", JAN_1, dt.date(2021, 12, 31), 1000.0, 12000.0, dt.date(2022, 3, 1))]
    assert xlsx.rejects(f) == [(3, "date_order")]
    assert "period_end is not after period_start" in xlsx.message(f, 3)


def test_h34_money_in_a_workbook_is_exact_to_the_fen(xlsx):
    f = "subsidies/h34_money.xlsx"
    assert xlsx.rows("select payment_id, amount_yuan, paid_date, budget_year from subsidies where payment_id like 'H34-%' "
                     "order by 1") == [
        ("H34-S1", Decimal("0.30"), JAN_1, 2021),                       # 0.30000000000000004
        ("H34-S2", Decimal("12345679.00"), dt.date(2021, 1, 2), 2021),  # 12345678.999 to the fen; 2021年
        ("H34-S3", Decimal("15000.00"), dt.date(2021, 1, 3), None),     # 1.5万元
    ]
    assert xlsx.rejects(f) == [(5, "bad_number")]
    assert "budget_year is not a year: 2021.5" in xlsx.message(f, 5)


def test_h35_hidden_characters_in_shared_and_inline_strings(xlsx):
    f = "projects/h35_hidden.xlsx"
    assert xlsx.rows("select project_id, project_name from projects where project_id like 'H35-%' order by 1") == [
        ("H35-P1", "⟦U+FEFF⟧一号林场"), ("H35-P2", "二号⟦U+200E⟧林场⟦U+200F⟧")]
    assert xlsx.rejects(f) == [(4, "unknown_county")]
    assert xlsx.message(f, 4) == "no Sichuan county is named 锦江⟦U+200D⟧区"
    assert xlsx.warnings(f) == [
        (2, 2, "project_name", "⟦U+FEFF⟧一号林场", ["U+FEFF"]),
        (3, 2, "project_name", "二号⟦U+200E⟧林场⟦U+200F⟧", ["U+200E", "U+200F"]),
        (4, 2, "project_name", "⟦U+061C⟧三号⟦U+202A⟧林场", ["U+061C", "U+202A"]),
        (4, 3, "county", "锦江⟦U+200D⟧区", ["U+200D"]),
    ]


# ---- Parquet ----

def test_h40_dictionary_encoded_columns(parquet):
    f = "trades/h40_dictionary.parquet"
    assert parquet.rows("select trade_id, platform, buyer_type, purpose from trades where trade_id like 'H40-%' order by 1") == [
        ("H40-T1", "四川联合环境交易所", "控排企业", "履约抵销"), ("H40-T2", "碳普惠平台", "个人", None)]
    assert parquet.rejects(f) == [(4, "unknown_value")]
    assert "buyer_type is not known: 外资企业" in parquet.message(f, 4)


def test_h41_decimal_columns(parquet):
    f = "trades/h41_decimal.parquet"
    assert parquet.rows("select trade_id, price_yuan, amount_yuan from trades where trade_id like 'H41-%'") == [
        ("H41-T1", Decimal("50.5050"), Decimal("5050.50"))]
    assert parquet.rejects(f) == [(3, "amount_mismatch")]  # 40.00 against 100 × 0.3333 = 33.33
    assert "amount 40.00 differs by more than 1% from volume × price = 33.33" in parquet.message(f, 3)
    assert parquet.rows("select amount_yuan from subsidies where payment_id = 'H41-S1'") == [(Decimal("123456.00"),)]


def test_h42_int96_timestamps(parquet):
    assert parquet.rows("select trade_id, trade_date from trades where trade_id like 'H42-%' order by 1") == [
        ("H42-T1", dt.date(2023, 1, 2)), ("H42-T2", dt.date(2023, 1, 3))]
    assert parquet.account("trades/h42_int96.parquet") == (2, 2, 0, 0, 0)


def test_h43_nested_columns_nobody_asked_for_do_not_stop_the_rows(parquet):
    assert parquet.rows("select trade_id from trades where trade_id like 'H43-%' order by 1") == [("H43-T1",), ("H43-T2",)]
    assert parquet.account("trades/h43_nested.parquet") == (2, 2, 0, 0, 0)


def test_h44_a_nested_column_where_a_value_is_wanted_fails(tmp_path):
    refused(tmp_path, parquet_cases.h44_nested_value_column, "projects/h44_struct.parquet", "project_name")


def test_h45_a_parquet_file_of_no_rows(parquet):
    assert parquet.account("budgets/h45_empty.parquet") == (0, 0, 0, 0, 0)


def test_h46_nulls_and_nan_in_required_columns(parquet):
    f = "budgets/h46_nulls.parquet"
    assert parquet.rows("select year, category, amount_yuan from budgets where year = 2046") == [
        (2046, "注册奖励", Decimal("1000000.00"))]
    assert parquet.rejects(f) == [(3, "missing_required"), (4, "missing_required"), (5, "missing_required")]
    assert [parquet.message(f, row) for row in (3, 4, 5)] == ["year is empty", "category is empty", "the amount is empty"]


def test_h47_targets_with_integer_and_float_years(parquet):
    assert parquet.rows("select zone, metric, value from targets where year = 2047 order by zone") == [
        ("全省", "area_mu", 2_000_000.0), ("川东北", "area_mu", 1.0), ("川中", "area_mu", 1.0), ("川南", "area_mu", 500_000.0)]
    assert parquet.rejects("targets/h47_targets.parquet") == [(4, "not_positive")]
    assert "value must be above 0: 0" in parquet.message("targets/h47_targets.parquet", 4)
    assert parquet.rejects("targets/h47_years.parquet") == [(3, "bad_number")]
    assert "year is not a year: 2047.5" in parquet.message("targets/h47_years.parquet", 3)


def test_h48_hidden_characters_in_a_dictionary_column_and_a_column_name(parquet):
    f = "trades/h48_hidden.parquet"
    assert parquet.rows("select trade_id, buyer from trades where trade_id like 'H48-%' order by 1") == [
        ("H48-T1", "某⟦U+202E⟧集团"), ("H48-T2", "某⟦U+202E⟧集团")]
    assert parquet.rejects(f) == [(4, "unknown_project")]  # a word joiner makes another key
    assert parquet.message(f, 4) == "project H48-P1⟦U+2060⟧ is not among the loaded projects"
    assert parquet.raw(f, 4)["buyer"] == "王*********明"  # a person's name masked, as in every rejected row
    assert parquet.warnings(f) == [
        (1, 8, "备⟦U+2060⟧注", "备⟦U+2060⟧注", ["U+2060"]),  # the column's name in the schema
        (2, 7, "buyer", "某⟦U+202E⟧集团", ["U+202E"]),
        (3, 7, "buyer", "某⟦U+202E⟧集团", ["U+202E"]),
        (4, 3, "project_id", "H48-P1⟦U+2060⟧", ["U+2060"]),
        (4, 7, "buyer", "王*********明", ["U+200B"]),  # masked there too; what it held is still said
    ]


# ---- the contract's bad-input rules ----

@pytest.mark.parametrize("dataset, message", [
    ("projects", "project_name is empty"), ("issuances", "verified_tco2e is empty"), ("trades", "buyer_type is empty"),
    ("subsidies", "paid_date is empty"), ("budgets", "category is empty"), ("carbon_stock", "pool is empty"),
    ("potential", "project_type is empty"), ("targets", "value is empty"),
])
def test_h50_an_empty_required_cell_in_each_dataset(rules, dataset, message):
    f = f"{dataset}/h50_missing.csv"
    assert rules.rejects(f) == [(3, "missing_required")]
    assert rules.message(f, 3) == message
    assert rules.account(f) == (2, 1, 1, 0, 0)
    assert set(rules_cases.MISSING_REQUIRED) == set(DATASETS)


def test_h51_bad_numbers(rules):
    assert rules.rejects("issuances/h51_numbers.csv") == [(2, "bad_number"), (3, "bad_number")]
    assert "verified_tco2e is not a number: 一百" in rules.message("issuances/h51_numbers.csv", 2)
    assert "issued_tco2e is in tCO2e/吨: the unit in 90元 contradicts the column" in rules.message("issuances/h51_numbers.csv", 3)
    assert rules.rejects("budgets/h51_numbers.csv") == [(2, "bad_number")]
    assert "amount_yuan is not a number: 八十万" in rules.message("budgets/h51_numbers.csv", 2)
    assert rules.rejects("potential/h51_numbers.csv") == [(2, "bad_number")]
    assert "potential_area_mu is not a number: 约100" in rules.message("potential/h51_numbers.csv", 2)


def test_h52_bad_dates(rules):
    assert rules.rejects("subsidies/h52_dates.csv") == [(2, "bad_date")]
    assert "paid_date is not a date from 1900 to 2100: 2022-02-30" in rules.message("subsidies/h52_dates.csv", 2)
    assert rules.rejects("issuances/h52_dates.csv") == [(2, "bad_date")]
    assert "issued_date is not a date from 1900 to 2100: 2022-13-01" in rules.message("issuances/h52_dates.csv", 2)


def test_h53_not_positive(rules):
    expected = {
        "budgets/h53_zero.csv": "the amount must be above 0: 0",
        "potential/h53_negative.csv": "potential area must be above 0: -3",
        "carbon_stock/h53_zero.csv": "area must be above 0: 0",
        "issuances/h53_negative.csv": "issued_tco2e is negative: -1",
        "trades/h53_negative.csv": "price_yuan is negative: -50",
    }
    for f, fragment in expected.items():
        assert rules.rejects(f) == [(2, "not_positive")], f
        assert fragment in rules.message(f, 2), f


def test_h53_the_message_names_only_real_faults(rules):
    assert "differs" not in rules.message("trades/h53_negative.csv", 2)


def test_h54_unknown_values_in_every_category_column(rules):
    expected = {
        ("projects/h54_values.csv", 3): "standard is not known: CDM",
        ("projects/h54_values.csv", 4): "owner_type is not known: 私营企业",
        ("projects/h54_values.csv", 5): "demo is not yes or no: 可能",
        ("trades/h54_values.csv", 2): "platform is not known: 微信",
        ("trades/h54_values.csv", 3): "buyer_type is not known: 外资企业",
        ("trades/h54_values.csv", 4): "purpose is not known: 抵债",
        ("subsidies/h54_values.csv", 2): "category is not known: 奖金",
        ("carbon_stock/h54_values.csv", 2): "pool is not known: 灌木林",
        ("potential/h54_values.csv", 2): "project_type is not a known type: 林下经济碳汇",
        ("targets/h54_values.csv", 2): "zone is not 全省 or one of the zones: 川西",
    }
    for (f, row), fragment in expected.items():
        assert (row, "unknown_value") in rules.rejects(f), f
        assert fragment in rules.message(f, row), f
    assert rules.rows("select project_id, standard, owner_type, is_demo from projects where project_id like 'H54-%'") == [
        ("H54-P1", "CCER", "农户", False)]


def test_h55_misspelt_and_unknown_counties(rules):
    f = "subsidies/h55_counties.csv"
    assert rules.rejects(f) == [(row, "unknown_county") for row in (2, 3, 4, 5, 6)]
    expected = {2: "no Sichuan county is named 金江区", 3: "no Sichuan county is named 錦江區",
                4: "no Sichuan county is named 成都市", 5: "county code 513499 is not a Sichuan county",
                6: "county code 110101 is not a Sichuan county"}
    for row, fragment in expected.items():
        assert fragment in rules.message(f, row)
    assert rules.rows("select payment_id, county_code from subsidies where payment_id like 'H55-%'") == [("H55-S6", "510104")]


def test_h56_ambiguous_counties(rules):
    f = "potential/h56_ambiguous.csv"
    assert rules.rejects(f) == [(2, "ambiguous_county"), (3, "ambiguous_county")]
    assert "市中区 names several counties (511002、511102)" in rules.message(f, 2)
    assert "市中区 names several counties (511002、511102)" in rules.message(f, 3)
    assert rules.rows("select county_code, potential_area_mu from potential where county_code in ('511002', '511102') "
                      "order by 1") == [("511002", 200.0), ("511102", 300.0)]


def test_h57_former_names_and_codes_resolve_to_todays_division(rules):
    f = "carbon_stock/h57_former.csv"
    assert rules.rows("select county_code from carbon_stock where year = 2057 order by 1") == [
        ("510116",), ("510117",), ("510185",), ("510811",), ("510981",), ("511504",), ("513402",)]
    assert rules.rejects(f) == []
    assert rules.account(f) == (8, 7, 0, 0, 1)  # 510124 is 郫县's former code: the same key and values as row 2


def test_h58_date_order(rules):
    assert rules.rejects("projects/h58_order.csv") == [(3, "date_order"), (4, "date_order")]
    assert "registered_date is before start_date" in rules.message("projects/h58_order.csv", 3)
    assert "crediting_end is not after crediting_start" in rules.message("projects/h58_order.csv", 4)
    assert rules.rejects("issuances/h58_order.csv") == [(2, "date_order")]
    assert "period_end is not after period_start" in rules.message("issuances/h58_order.csv", 2)


def test_h59_amount_mismatch(rules):
    f = "trades/h59_amounts.csv"
    assert rules.rows("select trade_id, amount_yuan from trades where trade_id like 'H59-%'") == [
        ("H59-T1", Decimal("5050.00"))]  # 0.505万元 against 100 × 50: 1.0% over, within the rule
    assert rules.rejects(f) == [(3, "amount_mismatch"), (4, "amount_mismatch")]
    assert "amount 5100.00 differs by more than 1% from volume × price = 5000.00" in rules.message(f, 3)
    assert "amount 100.00 differs by more than 1% from volume × price = 0.00" in rules.message(f, 4)


def test_h60_unknown_projects(rules):
    assert rules.rejects("issuances/h60_projects.csv") == [(3, "unknown_project"), (4, "unknown_project")]
    assert "project H60-P2 is not among the loaded projects" in rules.message("issuances/h60_projects.csv", 3)
    assert "project H60-P9 is not among the loaded projects" in rules.message("issuances/h60_projects.csv", 4)
    assert rules.rejects("subsidies/h60_projects.csv") == [(2, "unknown_project")]
    assert "project H60-P9 is not among the loaded projects" in rules.message("subsidies/h60_projects.csv", 2)


def test_h61_the_later_row_of_one_file_wins(rules):
    f = "trades/h61_same_file.csv"
    assert rules.rows("select trade_id, trade_date from trades where trade_id like 'H61-%' order by 1") == [
        ("H61-T1", dt.date(2023, 1, 2)), ("H61-T2", dt.date(2023, 1, 1))]
    assert rules.rejects(f) == [(2, "superseded")]
    assert rules.message(f, 2) == "replaced by row 4 of trades/h61_same_file.csv (same key, other values)"
    assert rules.account(f) == (4, 2, 1, 0, 1)  # row 5 is row 3 in other spellings: a duplicate


def test_h62_one_project_in_three_formats_is_loaded_once(rules):
    assert rules.rows("select project_id, area_mu, start_date from projects where project_id like 'H62-%'") == [
        ("H62-P1", 1500.0, JAN_1)]
    assert [rules.account(f"projects/h62_{x}") for x in ("a.csv", "b.xlsx", "c.parquet")] == [
        (1, 1, 0, 0, 0), (1, 0, 0, 0, 1), (1, 0, 0, 0, 1)]


def test_h63_a_run_of_equal_rows_then_another(rules):
    assert rules.rows("select area_mu from projects where project_id = 'H63-P1'") == [(2000.0,)]
    assert rules.rejects("projects/h63_a.csv") == [(2, "superseded")]
    assert rules.message("projects/h63_a.csv", 2) == "replaced by row 2 of projects/h63_c.csv (same key, other values)"
    assert [rules.account(f"projects/h63_{x}.csv") for x in "abc"] == [(1, 0, 1, 0, 0), (1, 0, 0, 0, 1), (1, 1, 0, 0, 0)]


def test_h64_budgets_compared_in_yuan_whatever_their_unit(rules):
    assert rules.rows("select category, amount_yuan from budgets where year = 2064 order by 1") == [
        ("注册奖励", Decimal("1000000.00")), ("贷款贴息", Decimal("60000.00"))]
    assert rules.rejects("budgets/h64_a.csv") == [(3, "superseded")]
    assert rules.message("budgets/h64_a.csv", 3) == "replaced by row 3 of budgets/h64_c.csv (same key, other values)"
    assert [rules.account(f"budgets/h64_{x}.csv") for x in "abc"] == [(2, 1, 1, 0, 0), (1, 0, 0, 0, 1), (2, 1, 0, 0, 1)]


def test_h65_target_spellings(rules):
    f = "targets/h65_targets.csv"
    assert rules.rows("select zone, metric, value from targets where year = 2065 order by zone, metric") == [
        ("全省", "area_mu", 15_000_000.0), ("川中", "碳汇量", 100_000.0), ("川南", "area_mu", 6_000_000.0)]
    assert rules.rejects(f) == [(4, "superseded")]
    assert rules.message(f, 4) == "replaced by row 5 of targets/h65_targets.csv (same key, other values)"
    assert rules.account(f) == (5, 3, 1, 0, 1)


def test_h66_years_as_people_write_them(rules):
    f = "budgets/h66_years.csv"
    assert rules.rows("select category from budgets where year = 2066 order by 1") == [("技术研究",), ("注册奖励",)]
    assert rules.rejects(f) == [(3, "bad_number"), (4, "bad_number")]
    assert "year is not a year: 二〇六六" in rules.message(f, 3)
    assert "year is not a year: 66" in rules.message(f, 4)


def test_h67_the_first_reason_in_the_contracts_order_and_every_fault_named(rules):
    assert rules.rejects("projects/h67_order.csv") == [(3, "missing_required")]
    assert rules.message("projects/h67_order.csv", 3) == (
        "registered_date is empty but status is 签发; area_mu is not a number: x")
    assert rules.rejects("subsidies/h67_order.csv") == [(2, "unknown_value"), (3, "ambiguous_county")]
    assert rules.message("subsidies/h67_order.csv", 2) == (
        "category is not known: 奖金; no Sichuan county is named 不存在县; project H67-P9 is not among the loaded projects")
    assert rules.message("subsidies/h67_order.csv", 3) == (
        "市中区 names several counties (511002、511102); give its prefecture; "
        "project H67-P9 is not among the loaded projects")
    assert rules.rejects("issuances/h67_order.csv") == [(2, "date_order")]  # before unknown_project
    assert rules.message("issuances/h67_order.csv", 2) == (
        "period_end is not after period_start; project H67-P9 is not among the loaded projects")


def test_h68_a_later_row_that_is_invalid_leaves_the_earlier_valid_row(rules):
    assert rules.rows("select amount_yuan from subsidies where payment_id = 'H68-S1'") == [(Decimal("100.00"),)]
    assert rules.rejects("subsidies/h68_a.csv") == []
    assert rules.rejects("subsidies/h68_b.csv") == [(2, "bad_number")]
    assert "amount_yuan is not a number: 一百" in rules.message("subsidies/h68_b.csv", 2)
    assert [rules.account(f"subsidies/h68_{x}.csv") for x in "ab"] == [(1, 1, 0, 0, 0), (1, 0, 1, 0, 0)]
