"""The briefing pack: the deck read back with python-pptx holds the pages' figures, names no individual buyer, warns
about synthetic data only when it is; its charts carry real Chinese glyphs; the workbook holds the query results and no
formula; the command line writes both files; the briefing page runs in both languages."""

import datetime as dt
import io
import shutil
import zipfile
from decimal import Decimal

import altair as alt
import openpyxl
import pandas as pd
import pytest
from lxml import etree
from PIL import Image, ImageChops
from pptx import Presentation
from pptx.oxml.ns import qn

from sinkboard import PROJECT_ROOT
from sinkboard.__main__ import main
from sinkboard.app import page_list
from sinkboard.ingest.build import ingest
from sinkboard.outputs import briefing, chart_files
from sinkboard.store import warehouse
from sinkboard.text.catalogue import text, value_label
from sinkboard.text.formats import compact, percent, quantity

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
AS_OF = dt.date(2022, 12, 31)  # the mini fixture's hand-worked date


def make_pack(warehouse_dir, lang="zh", **options):
    connection = warehouse.connect(warehouse_dir / "internal.duckdb")
    try:
        pack = briefing.gather(lambda name, **params: warehouse.run_query(connection, name, **params), lang=lang, **options)
        return pack, briefing.deck_bytes(pack), briefing.workbook_bytes(pack)
    finally:
        connection.close()


def query(warehouse_dir, name, **params):
    connection = warehouse.connect(warehouse_dir / "internal.duckdb")
    try:
        return warehouse.run_query(connection, name, **params)
    finally:
        connection.close()


def shape_texts(slide):
    """Every text on a slide: text boxes, table cells, and chart labels written as text; a date's non-breaking
    hyphens (U+2011, which keep it on one line) read as hyphens."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found += [p.text for p in shape.text_frame.paragraphs]
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return [value.replace("\u2011", "-") for value in found]


def slide_of(pack, deck, key):
    """The deck's slide made from the pack's slide of this key."""
    return deck.slides[[slide.key for slide in pack.slides].index(key)]


def tiles(slide):
    """The figure tiles of a slide: {label: (value, detail)} from the text boxes of three or two paragraphs."""
    found = {}
    for shape in slide.shapes:
        if shape.has_text_frame and shape.fill.type is not None:
            paragraphs = [p.text for p in shape.text_frame.paragraphs]
            if len(paragraphs) >= 2:
                found[paragraphs[0]] = (paragraphs[1], paragraphs[2] if len(paragraphs) > 2 else "")
    return found


def every_text_in(package_bytes):
    """All the XML of a zip package (pptx, xlsx) and of the packages inside it (the charts' own workbooks)."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(package_bytes)) as package:
        for name in package.namelist():
            data = package.read(name)
            if name.endswith((".xlsx", ".xlsm")):
                parts.append(every_text_in(data))
            elif name.endswith((".xml", ".rels")):
                parts.append(data.decode("utf-8"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def mini_pack(mini_warehouse):
    return make_pack(mini_warehouse, "zh", as_of=AS_OF)


@pytest.fixture(scope="module")
def mini_deck(mini_pack):
    return Presentation(io.BytesIO(mini_pack[1]))


def test_the_deck_is_16_by_9_with_a_slide_for_each_subject(mini_pack, mini_deck):
    pack = mini_pack[0]
    assert len(mini_deck.slides) == 11 == len(pack.slides)
    # the summary right after the title: what is behind comes first, the evidence after it
    assert [slide.key for slide in pack.slides] == ["title", "summary", "headline", "zones", "trend", "pipeline", "trading",
                                                   "subsidies", "breaches", "pools", "definitions"]
    assert mini_deck.slide_width / mini_deck.slide_height == pytest.approx(16 / 9, rel=1e-3)
    for slide, spec in zip(mini_deck.slides, pack.slides):
        assert spec.title in shape_texts(slide)


def test_headline_figures_are_the_overview_queries_formatted_as_on_screen(mini_warehouse, mini_pack, mini_deck):
    headline = query(mini_warehouse, "headline", as_of=AS_OF, zone=None, prefecture_code=None).iloc[0]
    shown = tiles(slide_of(mini_pack[0], mini_deck, "headline"))
    assert shown["开发规模（亩）"][0] == compact(headline.development_mu) == "9,000"  # tests/fixtures/mini/README.md
    assert shown["注册规模（亩）"][0] == compact(headline.registered_mu) == "4,500"
    assert shown["累计签发量（吨CO₂e）"][0] == compact(headline.issued_tco2e)
    assert shown["2022 年交易量（吨CO₂e）"] == (compact(headline.trade_volume_tco2e),
                                           f"成交额 {quantity(headline.trade_amount_yuan, 'money')}")
    progress = query(mini_warehouse, "target_progress", as_of=AS_OF, basis="development")
    province = progress[progress.zone == "全省"].set_index("year")
    assert shown["2022 年目标完成"] == (percent(province.loc[2022].share_of_target), "未完成 · 目标 1万亩")
    assert shown["2025 年目标完成"] == ("45.0%", f"差 {quantity(11_000, 'area')} · 目标 2万亩 · 按期")


def test_native_charts_hold_the_query_results(mini_warehouse, mini_pack, mini_deck):
    progress = query(mini_warehouse, "target_progress", as_of=AS_OF, basis="development")
    zones = [shape.chart for shape in slide_of(mini_pack[0], mini_deck, "zones").shapes if shape.has_chart][0]
    rows = progress[progress.year == 2025].sort_values("sort_order")
    expected = dict(zip(rows.zone, rows.share_of_target.fillna(rows.share_of_province_target)))
    drawn = dict(zip(zones.plots[0].categories, zones.plots[0].series[0].values))
    assert drawn == pytest.approx(expected)
    assert drawn["川南"] == pytest.approx(5_500 / 8_000)
    trend = [shape.chart for shape in slide_of(mini_pack[0], mini_deck, "trend").shapes if shape.has_chart][0]
    scale = query(mini_warehouse, "scale_trend", as_of=AS_OF, basis="development", zone=None, prefecture_code=None)
    actual = [v for v in trend.plots[0].series[0].values if v is not None]
    assert actual == pytest.approx(list(scale.scale_mu / 10_000))  # in 万亩: the 2025 target is 20,000 mu
    assert actual[-1] == pytest.approx(0.9)
    statuses = query(mini_warehouse, "pipeline_status", as_of=AS_OF, zone=None, prefecture_code=None)
    pipeline = [shape.chart for shape in slide_of(mini_pack[0], mini_deck, "pipeline").shapes if shape.has_chart][0]
    assert list(pipeline.plots[0].series[0].values) == pytest.approx([float(v) for v in statuses.area_mu])


def test_every_run_names_arial_and_microsoft_yahei(mini_pack):
    # a:ea is the font PowerPoint, WPS and LibreOffice use for Chinese characters; without it they fall back to the
    # theme's, which may have no Chinese glyphs
    runs = 0
    with zipfile.ZipFile(io.BytesIO(mini_pack[1])) as package:
        for name in package.namelist():
            if name.startswith(("ppt/slides/slide", "ppt/charts/chart")) and name.endswith(".xml"):
                for run in etree.fromstring(package.read(name)).iter(qn("a:r")):
                    fonts = run.find(qn("a:rPr"))
                    assert fonts.find(qn("a:ea")).get("typeface") == "Microsoft YaHei", name
                    assert fonts.find(qn("a:latin")).get("typeface") == "Arial", name
                    runs += 1
        theme = package.read("ppt/theme/theme1.xml").decode("utf-8")
    assert runs > 100
    assert '<a:ea typeface="Microsoft YaHei"/>' in theme and "Calibri" not in theme  # the house theme took


def test_the_title_slide_names_the_area_date_basis_and_plan_and_lists_no_files(mini_warehouse, mini_deck):
    plan = query(mini_warehouse, "plan").iloc[0]
    assert [t for t in shape_texts(mini_deck.slides[0]) if t] == [
        "四川林草碳汇工作简报", text("app_title", "zh"), "区域：全省", "截至 2022-12-31", "规模口径：开发规模", "数据来源",
        text("plan_caption", "zh", name=plan.plan_name, date=plan.plan_date)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_slide_asks_the_reader_to_change_a_control_of_the_dashboard(sample_warehouse, lang):
    deck = Presentation(io.BytesIO(make_pack(sample_warehouse, lang)[1]))
    words = ("改选", "侧栏", "请选择", text("counting_all", "zh")) if lang == "zh" else (
        "choose", "sidebar", "select", text("counting_all", "en"))
    for number, slide in enumerate(deck.slides, start=1):
        for found in shape_texts(slide):
            assert not [word for word in words if word in found.lower()], (number, found)


def test_a_zone_deck_names_the_zone_and_its_own_target(mini_warehouse):
    pack, deck_bytes, _ = make_pack(mini_warehouse, "zh", as_of=AS_OF, zone="川南")
    deck = Presentation(io.BytesIO(deck_bytes))
    assert "区域：川南" in shape_texts(deck.slides[0])
    # the tiles are the zone's (tests/fixtures/mini/README.md): 5,500 mu, 68.8% of its own 2025 target of 8,000, and
    # 55.0% of the province's 2022 target of 10,000, which it has none of its own for; its 1,200,000 yuan paid against
    # the 2022 budget, beside the province's 1,400,000 of 1,300,000 budgeted
    shown = tiles(slide_of(pack, deck, "headline"))
    assert shown["开发规模（亩）"][0] == "5,500"
    assert shown["2025 年目标完成"] == ("68.8%", "差 2,500 亩 · 目标 8,000 亩 · 按期")
    assert shown["占全省 2022 年目标"] == ("55.0%", "无分片目标 · 目标 1万亩")
    assert shown["2022 年补贴拨付（元）"] == ("120万", "全省占预算 107.7%")
    assert pack.file_stem == "briefing-2022-12-31-south-sichuan-zh"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("area", [{"zone": "川西南"}, {"prefecture_code": "513400"}])
def test_an_area_paid_only_in_an_earlier_year_is_drawn_with_that_year(mini_warehouse, area, lang):
    # 川西南 / 凉山 was paid once, S1's 800,000 yuan in 2021 (tests/fixtures/mini/subsidies): at 2022-12-31 the as-of
    # year holds nothing of the area's, so the subsidies slide draws 2021, its one category 注册奖励 at 80 (万元)
    pack, deck_bytes, _ = make_pack(mini_warehouse, lang, as_of=AS_OF, **area)
    chart = next(shape.chart for shape in slide_of(pack, Presentation(io.BytesIO(deck_bytes)), "subsidies").shapes
                 if shape.has_chart)
    assert list(chart.plots[0].categories) == [value_label("注册奖励", lang)]
    assert [list(series.values) for series in chart.plots[0].series] == [[80.0 if lang == "zh" else 800.0]]
    assert "2021" in chart.value_axis.axis_title.text_frame.text


def test_a_prefecture_outside_the_zone_is_refused_as_the_sidebar_never_offers_it(mini_warehouse):
    with pytest.raises(briefing.BriefingError, match="unknown prefecture code '510100' in zone 川南"):
        make_pack(mini_warehouse, "zh", as_of=AS_OF, zone="川南", prefecture_code="510100")


def test_the_english_deck_has_the_same_figures(mini_warehouse):
    pack, deck_bytes, _ = make_pack(mini_warehouse, "en", as_of=AS_OF)
    deck = Presentation(io.BytesIO(deck_bytes))
    shown = tiles(slide_of(pack, deck, "headline"))
    assert shown["Development scale (mu)"][0] == "9,000"
    assert shown["2022 target"] == ("90.0%", "Missed · target 10K mu")
    assert "Headline figures against the targets" in shape_texts(slide_of(pack, deck, "headline"))


@pytest.fixture(scope="module")
def with_an_individual_buyer(tmp_path_factory):
    """The mini exports plus a large purchase by a person, 王小明, who would top the buyers if individuals were listed."""
    source = tmp_path_factory.mktemp("individual") / "source"
    shutil.copytree(FIXTURES / "mini", source)
    trades = source / "trades" / "2023-06-30.csv"
    trades.write_text(trades.read_text(encoding="utf-8") + "T4,2022-08-01,P03,碳普惠平台,王小明,个人,5000,50,250000,碳普惠\n",
                      encoding="utf-8")
    out = source.parent / "warehouse"
    ingest(source, out)
    return out


def test_no_individual_buyer_is_named_in_the_deck_or_the_workbook(with_an_individual_buyer):
    pack, deck_bytes, workbook_bytes = make_pack(with_an_individual_buyer, "zh", as_of=AS_OF)
    slides, book = every_text_in(deck_bytes), every_text_in(workbook_bytes)
    assert "某电厂" in slides and "某电厂" in book  # organisations are listed
    for found in (slides, book):
        assert "王小明" not in found and "王*明" not in found
    totals = query(with_an_individual_buyer, "trades_headline", as_of=AS_OF, zone=None, prefecture_code=None).iloc[0]
    assert totals.total_volume_tco2e == 5_300  # the person's purchase still counts in the figures


def test_synthetic_data_is_flagged_on_the_deck_only_when_it_is(sample_warehouse, mini_pack):
    warning = text("brief_synthetic_warning", "zh")
    pack, deck_bytes, workbook_bytes = make_pack(sample_warehouse, "zh")
    deck = Presentation(io.BytesIO(deck_bytes))
    assert warning in shape_texts(deck.slides[0]) and warning in shape_texts(deck.slides[-1])
    assert all(text("synthetic_short", "zh") in shape_texts(slide) for slide in list(deck.slides)[1:])
    assert text("synthetic_short", "zh") in every_text_in(workbook_bytes)
    real = every_text_in(mini_pack[1]) + every_text_in(mini_pack[2])
    assert warning not in real and text("synthetic_short", "zh") not in real


def test_nothing_runs_off_a_slide(sample_warehouse):
    for lang in ("zh", "en"):
        deck = Presentation(io.BytesIO(make_pack(sample_warehouse, lang)[1]))
        for number, slide in enumerate(deck.slides, start=1):
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (lang, number, shape.name)
                assert shape.left + shape.width <= deck.slide_width, (lang, number, shape.name)
                assert shape.top + shape.height <= deck.slide_height, (lang, number, shape.name)


def rendered(title):
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q").properties(title=title, width=200)
    return Image.open(io.BytesIO(chart_files.png(chart, ppi=144))).convert("L")


def test_chart_pictures_carry_real_chinese_glyphs():
    # a missing glyph is drawn as the same .notdef box whatever the character: two different Chinese titles would
    # then give the same picture; real glyphs give different ones, and put ink where the title is
    assert chart_files.register_fonts()
    carbon, forest = rendered("碳汇交易"), rendered("林草湿地")
    assert carbon.size == forest.size
    difference = ImageChops.difference(carbon, forest).getbbox()
    assert difference is not None
    top = difference[3]
    assert top < carbon.size[1] / 3  # the only difference is in the title, at the top
    title = carbon.crop((0, 0, carbon.size[0], top))
    assert sum(title.histogram()[:128]) > 200  # dark pixels: strokes of the characters


def test_a_machine_without_a_cjk_font_fails_loudly_rather_than_drawing_boxes(monkeypatch):
    monkeypatch.setattr(chart_files, "FONT_PATTERNS", ())
    chart_files.register_fonts.cache_clear()
    try:
        with pytest.raises(chart_files.MissingCJKFont, match="fonts-noto-cjk"):
            chart_files.register_fonts()
    finally:
        monkeypatch.undo()
        chart_files.register_fonts.cache_clear()


def test_pictures_are_at_print_resolution_and_svg_keeps_the_text():
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q").properties(
        title="累计规模", width="container")
    picture = Image.open(io.BytesIO(chart_files.png(chart)))
    assert picture.size[0] >= chart_files.FILE_WIDTH * chart_files.PRINT_PPI / 72
    assert round(picture.info["dpi"][0]) == chart_files.PRINT_PPI
    assert "累计规模" in chart_files.svg(chart).decode("utf-8")


def cell_value(value, column=""):
    """A query value as openpyxl reads it back from the Chinese workbook: money (a column in yuan, not a price) in 万元."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if column.endswith("_yuan") and "price" not in column:
        return float(value) / 10_000
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    if hasattr(value, "item"):
        return value.item()
    return value


def test_the_workbook_holds_the_query_results_headed_by_the_filters(mini_pack):
    pack, _, workbook_bytes = mini_pack
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    assert book.sheetnames == [sheet.title for sheet in pack.sheets]
    for sheet in pack.sheets:
        page = book[sheet.title]
        rows = list(page.iter_rows(values_only=True))
        assert rows[0][:2] == ("截至日期", "2022-12-31") and rows[1][:2] == ("发展片", "全省")
        header = len(pack.context) + 1
        assert list(rows[header][:len(sheet.columns)]) == [text(f"col_{c}", "zh").replace("（元）", "（万元）")
                                                            for c in sheet.columns]
        expected = [[cell_value(v, c) for v, c in zip(row, sheet.columns)]
                    for row in sheet.frame[sheet.columns].itertuples(index=False)]
        written = [list(row[:len(sheet.columns)]) for row in rows[header + 1:]]
        assert len(written) == len(expected), sheet.name
        for got, want in zip(written, expected):  # a spreadsheet keeps 15 significant digits
            assert [pytest.approx(w, rel=1e-12) if isinstance(w, float) else w for w in want] == got, sheet.name
    headline = book["主要指标"]
    assert headline.cell(len(pack.context) + 3, 2).value == 9_000
    assert [c.value for c in headline[len(pack.context) + 2]][-4:] == [
        "本年成交额（万元）", "本年补贴拨付（万元）", "全省本年补贴拨付（万元）", "全省本年预算（万元）"]
    statuses = [row[-1] for row in book["目标进度"].iter_rows(min_row=len(pack.context) + 3, values_only=True)]
    assert set(statuses) <= {"已完成", "未完成", "按期", "滞后", "无分片目标", None} and "未完成" in statuses


def test_the_workbook_has_no_formula_and_neutralises_text_that_would_be_one(sample_warehouse):
    _, _, workbook_bytes = make_pack(sample_warehouse, "en")
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    assert all(cell.data_type != "f" for page in book for row in page.iter_rows() for cell in row)
    pack = briefing.Briefing("zh", AS_OF, "development", None, None, "全省", "x", False, [("截至日期", "=1+1")], "", [],
                             [briefing.Sheet("stalled_projects", pd.DataFrame({"project_name": ["=HYPERLINK(1)", "@A1"]}),
                                             ["project_name"], "逾期未签发项目")])
    page = openpyxl.load_workbook(io.BytesIO(briefing.workbook_bytes(pack)))["逾期未签发项目"]
    # the text as it is, marked as text by the quote-prefix style: no apostrophe shows
    assert [page["B1"].value, page["A4"].value, page["A5"].value] == ["=1+1", "=HYPERLINK(1)", "@A1"]
    assert page["B1"].quotePrefix and page["A4"].quotePrefix and page["A5"].quotePrefix
    assert all(cell.data_type != "f" for row in page.iter_rows() for cell in row)


def test_the_command_writes_the_slides_and_the_workbook_beside_them(mini_warehouse, tmp_path, capsys):
    out = tmp_path / "deck" / "briefing.pptx"
    assert main(["briefing", "--warehouse", str(mini_warehouse), "--out", str(out), "--lang", "en",
                 "--as-of", "2022-12-31", "--zone", "South Sichuan"]) == 0
    assert Presentation(str(out)).slides[0].shapes and (tmp_path / "deck" / "briefing.xlsx").exists()
    assert main(["briefing", "--warehouse", str(mini_warehouse), "--out", str(out), "--zone", "川外"]) == 2
    assert "unknown zone" in capsys.readouterr().err
    assert main(["briefing", "--warehouse", str(mini_warehouse), "--out", str(out), "--as-of", "2030-01-01"]) == 2
    assert main(["briefing", "--warehouse", str(tmp_path / "none"), "--out", str(out)]) == 2


def test_the_page_registry_names_the_queries_the_pack_runs():
    page = page_list.page_named("briefing")
    assert page.audience == "internal" and page.section == "staff"
    assert set(page.queries) <= set(briefing.QUERIES) <= set(page.queries) | set(page_list.SHELL_QUERIES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_briefing_page_previews_every_slide(open_app, mini_warehouse, lang):
    app = open_app(mini_warehouse, page="pages/briefing.py", lang=lang)
    assert app.title[0].value == text("brief_title", lang)
    headings = [m.value for m in app.markdown if m.value.startswith("**")]
    assert len(headings) == 11
    assert headings[1] == f"**{text('brief_slide_heading', lang, number=2, title=text('brief_summary_title', lang))}**"
    label = text("tile_with_unit", lang, label=text("basis_development", lang), unit="亩" if lang == "zh" else "mu")
    assert f"{label}{'：' if lang == 'zh' else ': '}9,000" in "\n".join(t.value for t in app.text).split("\n")
    assert not app.error  # a real warehouse: no synthetic warning
