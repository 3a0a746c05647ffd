"""Text that cannot pose as something else: bidi controls and zero-width characters in an export are stored and shown
written visibly (⟦U+202E⟧) in both warehouses, on the data-quality page, on the registry and in its downloads, each
cell noted as a warning; and whatever writes a value on screen or into a file writes them so, whatever the value's
source."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import altair as alt
import openpyxl
import pandas as pd
import pytest
from exports import PROJECT_HEADER, project, write_csv, write_xlsx
from scan import raw_hidden

from sinkboard import PROJECT_ROOT
from sinkboard.app.ui import plain
from sinkboard.charts.common import drawn, rows
from sinkboard.figures.project_lookup import search_text
from sinkboard.ingest.build import ingest
from sinkboard.outputs import chart_files
from sinkboard.outputs.downloads import csv_bytes, labelled, neutralise, xlsx_bytes
from sinkboard.store.warehouse import run_query
from sinkboard.text.hidden import HIDDEN, stored, visible

NAME = "项目\u202egpj.exe名称"  # shows as 项目exe.jpg名称 where the override is obeyed
SHOWN_NAME = "项目⟦U+202E⟧gpj.exe名称"
OWNER, SHOWN_OWNER = "林业\u2066集团\u2069", "林业⟦U+2066⟧集团⟦U+2069⟧"
KEY, SHOWN_KEY = "P\u200b2", "P⟦U+200B⟧2"  # a zero-width space in a key: the same key in projects and trades
TRADES_HEADER = ["成交编号", "成交日期", "项目编号", "交易平台", "买方", "买方类型", "成交量", "成交价"]
MASKED = "王" + "*" * 9 + "明"  # 王⟦U+200B⟧小明, an individual buyer, masked as every person's name is


@pytest.fixture(scope="module")
def hidden(tmp_path_factory):
    """(warehouse folder, the ingest's summary) of a project registry in CSV and trades in XLSX holding hidden
    characters in a name, an owner, a buyer and a key."""
    root = tmp_path_factory.mktemp("hidden")
    write_csv(root / "src" / "projects" / "registry.csv", [*PROJECT_HEADER, "项目业主", "业主类型"], [
        [*project("P1", status="注册", registered="2021-06-01", name=NAME), OWNER, "国有林场"],        # row 2
        [*project(KEY, status="注册", registered="2021-06-01"), "二号林场", "国有林场"],              # row 3
    ])
    write_xlsx(root / "src" / "trades" / "trades.xlsx", TRADES_HEADER, [
        ["T1", dt.date(2023, 5, 1), "P1", "四川联合环境交易所", "某\u200b集团", "控排企业", 100, 50],   # row 2
        ["T2", dt.date(2023, 5, 2), KEY, "四川联合环境交易所", "王\u200b小明", "个人", 5, 50],         # row 3
    ])
    summary = ingest(root / "src", root / "wh")
    return root / "wh", summary


@pytest.fixture
def internal(hidden, open_warehouse):
    return open_warehouse(hidden[0])


@pytest.mark.parametrize("kind", ["internal", "public"])
def test_no_table_of_either_warehouse_holds_a_hidden_character_as_it_is(hidden, kind):
    assert raw_hidden(hidden[0] / f"{kind}.duckdb") == []


def test_the_values_are_stored_visibly_in_both_warehouses(hidden, internal, open_warehouse):
    assert internal.execute("select project_id, project_name, owner from projects order by 1").fetchall() == [
        ("P1", SHOWN_NAME, SHOWN_OWNER), (SHOWN_KEY, "项目P⟦U+200B⟧2", "二号林场")]
    public = open_warehouse(hidden[0], "public")
    assert public.execute("select project_name from projects order by project_id").fetchall() == [
        (SHOWN_NAME,), ("项目P⟦U+200B⟧2",)]


def test_keys_are_written_alike_in_every_dataset_so_the_rows_still_join(internal):
    assert internal.execute("select count(*) from rejects").fetchone()[0] == 0
    trades = run_query(internal, "project_trades", project_id=SHOWN_KEY, as_of=dt.date(2023, 5, 2))
    assert trades[["trade_id", "buyer"]].values.tolist() == [["T2", MASKED]]
    assert run_query(internal, "project_trades", project_id="P1", as_of=dt.date(2023, 5, 2)).buyer.tolist() == [
        "某⟦U+200B⟧集团"]


def test_each_cell_is_noted_as_a_warning_with_its_file_row_and_column(internal):
    assert run_query(internal, "warnings", limit=None).drop(columns="found").values.tolist() == [
        ["projects", "projects/registry.csv", 2, 2, "project_name", SHOWN_NAME],
        ["projects", "projects/registry.csv", 2, 9, "owner", SHOWN_OWNER],
        ["projects", "projects/registry.csv", 3, 1, "project_id", SHOWN_KEY],
        ["projects", "projects/registry.csv", 3, 2, "project_name", "项目P⟦U+200B⟧2"],
        ["trades", "trades/trades.xlsx", 2, 5, "buyer", "某⟦U+200B⟧集团"],
        ["trades", "trades/trades.xlsx", 3, 3, "project_id", SHOWN_KEY],
        ["trades", "trades/trades.xlsx", 3, 5, "buyer", MASKED],
    ]
    assert [list(found) for found in run_query(internal, "warnings", limit=None).found] == [
        ["U+202E"], ["U+2066", "U+2069"], ["U+200B"], ["U+200B"], ["U+200B"], ["U+200B"], ["U+200B"]]


def test_the_rows_load_and_the_summary_counts_the_warnings(hidden, internal):
    summary = hidden[1]
    assert summary[["dataset", "loaded", "rejected", "warnings"]].values.tolist() == [
        ["projects", 2, 0, 4], ["trades", 2, 0, 3]]
    assert internal.execute("select source_file, rows_loaded, warnings from ingest_files order by 1").fetchall() == [
        ("projects/registry.csv", 2, 4), ("trades/trades.xlsx", 2, 3)]


def test_the_command_prints_the_warnings_in_its_summary(hidden, tmp_path):
    source = hidden[0].parent / "src"
    done = subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(source), "--out", str(tmp_path / "wh")],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.split()[:1] == ["dataset"])
    assert header.split()[-1] == "warnings"
    assert [line.split()[-1] for line in lines[lines.index(header) + 1:][:2]] == ["4", "3"]


@pytest.mark.parametrize("lang, expected, totals", [
    ("zh", [["项目登记", "projects/registry.csv", 2, 2, "项目名称", SHOWN_NAME, "双向控制字符 U+202E"],
            ["项目登记", "projects/registry.csv", 2, 9, "项目业主", SHOWN_OWNER, "双向控制字符 U+2066；双向控制字符 U+2069"],
            ["项目登记", "projects/registry.csv", 3, 1, "项目编号", SHOWN_KEY, "零宽字符 U+200B"],
            ["项目登记", "projects/registry.csv", 3, 2, "项目名称", "项目P⟦U+200B⟧2", "零宽字符 U+200B"],
            ["交易记录", "trades/trades.xlsx", 2, 5, "买方", "某⟦U+200B⟧集团", "零宽字符 U+200B"],
            ["交易记录", "trades/trades.xlsx", 3, 3, "项目编号", SHOWN_KEY, "零宽字符 U+200B"],
            ["交易记录", "trades/trades.xlsx", 3, 5, "买方", MASKED, "零宽字符 U+200B"]],
     "重复 0；7 个值含隐藏字符（已转义显示）。"),
    ("en", [["Projects", "projects/registry.csv", 2, 2, "project_name", SHOWN_NAME, "bidi control U+202E"],
            ["Projects", "projects/registry.csv", 2, 9, "owner", SHOWN_OWNER, "bidi control U+2066; bidi control U+2069"],
            ["Projects", "projects/registry.csv", 3, 1, "project_id", SHOWN_KEY, "zero-width character U+200B"],
            ["Projects", "projects/registry.csv", 3, 2, "project_name", "项目P⟦U+200B⟧2", "zero-width character U+200B"],
            ["Trades", "trades/trades.xlsx", 2, 5, "buyer", "某⟦U+200B⟧集团", "zero-width character U+200B"],
            ["Trades", "trades/trades.xlsx", 3, 3, "project_id", SHOWN_KEY, "zero-width character U+200B"],
            ["Trades", "trades/trades.xlsx", 3, 5, "buyer", MASKED, "zero-width character U+200B"]],
     "0 duplicate; 7 values held hidden characters (shown escaped)."),
])
def test_the_data_quality_page_lists_the_warnings_in_its_language(open_app, hidden, lang, expected, totals):
    app = open_app(hidden[0], page="pages/data_quality.py", lang=lang)
    files, warnings = (frame.value for frame in app.dataframe)  # no row was rejected: no third table
    assert files.iloc[:, -1].tolist() == [4, 3]  # each file's warnings, the last column read first
    assert warnings.values.tolist() == expected
    assert any(text.value.endswith(totals) for text in app.text)
    shown = "\n".join([*(e.value for kind in ("text", "caption", "info") for e in getattr(app, kind)),
                       *(frame.value.to_csv() for frame in app.dataframe)])
    assert not any(char in HIDDEN for char in shown)


def test_the_registry_and_its_downloads_show_the_escaped_name(open_app, hidden):
    app = open_app(hidden[0], page="pages/registry.py")
    app.multiselect(key="registry_table_more").set_value(["project_id", "owner"]).run()
    # what the page's CSV and XLSX downloads are made of
    shown = app.dataframe[0].value[["项目编号", "项目名称", "项目业主"]]
    assert shown.iloc[:, :2].values.tolist() == [["P1", SHOWN_NAME], [SHOWN_KEY, "项目P⟦U+200B⟧2"]]
    assert SHOWN_OWNER in shown["项目业主"].tolist()
    table = list(csv.reader(io.StringIO(csv_bytes(shown, [("截至日期", "2023-05-02")]).decode("utf-8-sig"))))
    assert table[3][:2] == ["P1", SHOWN_NAME] and table[4][:2] == [SHOWN_KEY, "项目P⟦U+200B⟧2"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(shown, [("截至日期", "2023-05-02")], "registry"))).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[3][:2] == ["P1", SHOWN_NAME] and SHOWN_OWNER in cells[3]


def test_a_raw_control_in_the_address_finds_the_project_and_shows_escaped(open_app, hidden):
    app = open_app(hidden[0], page="pages/registry.py", query_params={"project": KEY})
    assert [s.value for s in app.subheader][0] == "项目P⟦U+200B⟧2（P⟦U+200B⟧2）"
    app = open_app(hidden[0], page="pages/registry.py", query_params={"project": "P1"})
    assert SHOWN_NAME in app.subheader[0].value
    texts = [e.value for kind in ("markdown", "subheader", "caption", "warning") for e in getattr(app, kind)]
    assert not any(char in HIDDEN for text in texts for char in text)


# ---- whatever writes a value writes hidden characters visibly, whoever stored it ----

def test_the_forms_of_one_text_and_of_a_stored_text():
    assert visible(NAME) == stored(NAME) == SHOWN_NAME
    # the ingest writes a ⟦ of the data as an escape too, so that a value cannot pose as one; shown text keeps it
    assert stored("⟦U+202E⟧") == "⟦U+27E6⟧U+202E⟧" and visible("⟦U+202E⟧") == "⟦U+202E⟧"
    assert visible(SHOWN_NAME) == SHOWN_NAME  # already visible: unchanged
    assert [visible(c) for c in "\u202a\u2068\u200e\u061c\ufeff\u2060\u200d"] == [
        "⟦U+202A⟧", "⟦U+2068⟧", "⟦U+200E⟧", "⟦U+061C⟧", "⟦U+FEFF⟧", "⟦U+2060⟧", "⟦U+200D⟧"]


def test_plain_and_the_registry_search_write_a_raw_control_visibly():
    assert plain(NAME) == SHOWN_NAME
    assert plain(f"*{KEY}*") == "\\*P⟦U+200B⟧2\\*"
    assert search_text(f" {KEY} ") == SHOWN_KEY


def test_downloads_write_a_raw_control_visibly_in_cells_headings_and_context():
    frame = pd.DataFrame({"名称\u200b": [NAME, "\u202e=1+1"], "面积": [1.0, 2.0]})
    assert neutralise("\u202e=1+1") == "⟦U+202E⟧=1+1"
    context = [("区域", "川\u2067南")]
    table = list(csv.reader(io.StringIO(csv_bytes(frame, context).decode("utf-8-sig"))))
    assert table == [["区域", "川⟦U+2067⟧南"], [], ["名称⟦U+200B⟧", "面积"], [SHOWN_NAME, "1.0"], ["⟦U+202E⟧=1+1", "2.0"]]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, context))).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["区域", "川⟦U+2067⟧南"], [None, None], ["名称⟦U+200B⟧", "面积"], [SHOWN_NAME, 1], ["⟦U+202E⟧=1+1", 2]]
    shown = labelled(pd.DataFrame({"project_name": [NAME, None]}), ["project_name"], "zh")
    assert shown.iloc[:, 0].tolist() == [SHOWN_NAME, "—"]


def test_a_chart_writes_a_raw_control_visibly_in_its_labels_and_title(tmp_path):
    def build(title):
        return alt.Chart(rows()).mark_bar().encode(y=alt.Y("name:N"), x=alt.X("area:Q")).properties(title=title)

    drawing = drawn(build, {"rows": pd.DataFrame({"name": [NAME, "二号"], "area": [1.0, 2.0]})}, f"标题{OWNER}")
    spec = json.dumps(chart_files.vega_lite(drawing), ensure_ascii=False)
    assert SHOWN_NAME in spec and f"标题{SHOWN_OWNER}" in spec
    assert not any(char in HIDDEN for char in spec)
    svg = chart_files.svg(drawing).decode("utf-8")
    assert "⟦U+202E⟧gpj.exe名称" in svg and not any(char in HIDDEN for char in svg)
