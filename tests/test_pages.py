"""Each page runs without an error, in both languages, on a warehouse that is not the sample, and says what it shows."""

import datetime as dt

import pytest

from sinkboard.app import page_list
from sinkboard.text.catalogue import messages

PAGES = [page.file for page in page_list.PAGES]


def shown_text(app):
    parts = [e.value for e in app.markdown] + [e.value for e in app.title] + [e.value for e in app.subheader]
    parts += [e.value for e in app.text]
    parts += [e.value for e in app.caption]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_in_both_languages(open_app, mini_warehouse, page, lang):
    app = open_app(mini_warehouse, page=page, lang=lang)
    assert app.title[0].value in messages(lang).values()


def test_real_data_is_not_called_synthetic(open_app, mini_warehouse):
    app = open_app(mini_warehouse)
    assert not any(messages("zh")["synthetic_banner"] == w.value for w in app.warning)


def test_overview_states_basis_and_as_of_and_the_verdict(open_app, mini_warehouse):
    app = open_app(mini_warehouse, page="pages/overview.py", lang="zh")
    text = shown_text(app)
    assert "口径：开发规模；截至 2023-05-01" in text  # the latest date in the mini exports
    assert "2022 年目标 1万亩 未按期完成" in text


def test_english_overview_has_no_chinese_labels_of_its_own(open_app, mini_warehouse):
    app = open_app(mini_warehouse, page="pages/overview.py", lang="en")
    text = shown_text(app)
    assert "Basis: Development scale; as of 2023-05-01." in text
    assert "missed" in text
    assert "口径" not in text and "目标" not in text


def test_basis_switch_changes_the_figures(open_app, mini_warehouse):
    app = open_app(mini_warehouse, page="pages/overview.py", lang="zh")
    app.radio(key="basis").set_value("registered").run()
    assert "口径：注册规模" in shown_text(app)
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["注册规模（亩）"] == "4,500"


def test_data_quality_page_is_not_in_the_public_view(open_app, mini_warehouse):
    app = open_app(mini_warehouse, "public")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/data_quality.py").run()


@pytest.fixture(params=["projects_only", "nothing"])
def sparse_warehouse(request, tmp_path):
    """A warehouse with only a projects file, or with no files at all: every page must still run."""
    from exports import project, write_projects

    from sinkboard.ingest.build import ingest

    source = tmp_path / "src"
    source.mkdir()
    if request.param == "projects_only":
        write_projects(source, [project("P1", status="注册", registered="2022-01-01"), project("P2")])
    ingest(source, tmp_path / "wh", allow_empty=request.param == "nothing")
    return tmp_path / "wh"


@pytest.mark.parametrize("page", PAGES)
def test_pages_run_on_sparse_warehouses(open_app, sparse_warehouse, page):
    open_app(sparse_warehouse, page=page, lang="zh")


def test_reject_filters_narrow_the_table(open_app, sample_warehouse):
    app = open_app(sample_warehouse, page="pages/data_quality.py", lang="zh")
    app.selectbox(key="dq_reason").set_value("bad_date").run()
    shown = app.dataframe[-1].value
    assert shown["原因"].tolist() == ["日期无法识别"]
    assert shown["行号"].tolist() == [13]  # the planted 2023-13-45 in the later registry snapshot (3 title rows)
    assert any("合成示例数据" in w.value for w in app.warning)


def test_a_2030_target_in_the_export_shows_beside_2022_and_2025(open_app, sample_warehouse):
    app = open_app(sample_warehouse, page="pages/overview.py", lang="zh")
    labels = [m.label for m in app.metric]
    assert [label for label in labels if "年目标" in label] == ["2022 年目标完成", "2025 年目标完成", "2030 年目标完成"]
    assert [tab.label for tab in app.tabs] == ["2025", "2030", "2022"]  # targets still ahead first


def test_a_prefectures_trend_is_drawn_without_the_provinces_targets(open_app, mini_warehouse):
    app = open_app(mini_warehouse, page="pages/overview.py", lang="zh")
    app.selectbox(key="prefecture_code").set_value("510100").run()  # 成都市
    assert not app.exception
    assert any("不画目标线" in c.value for c in app.caption)


def test_pipeline_durations_come_as_two_tables_of_five_columns(open_app, mini_warehouse):
    """Each span its own table with short headings (as one table of nine its quartiles ran off the page at 1280 px);
    the mini exports' three registered projects, two of them issued by 2023-06-30."""
    app = open_app(mini_warehouse, page="pages/pipeline.py", lang="zh")
    app.date_input(key="as_of").set_value(dt.date(2023, 6, 30)).run()
    tables = {tuple(frame.value.columns): frame.value for frame in app.dataframe if "中位数" in frame.value.columns}
    registration = tables[("分组", "已注册项目", "中位数", "25% 分位", "75% 分位")]
    issuance = tables[("分组", "已签发项目", "中位数", "25% 分位", "75% 分位")]
    assert registration["已注册项目"].sum() == 3 and issuance["已签发项目"].sum() == 2
    month = 365.25 / 12
    # one project a zone here: each zone's median is its own project's months (366 and 365 days to registration)
    assert sorted(round(v * month) for v in registration["中位数"]) == [365, 365, 366]


def overview_at(open_app, warehouse_dir, lang="zh", **chosen):
    """The overview at the end of 2022 (tests/fixtures/mini/README.md) with a zone or a prefecture chosen."""
    app = open_app(warehouse_dir, page="pages/overview.py", lang=lang)
    app.date_input(key="as_of").set_value(dt.date(2022, 12, 31)).run()
    for key, value in chosen.items():
        app.selectbox(key=key).set_value(value).run()
    assert not app.exception
    return app


def test_the_overview_tiles_and_sentences_follow_a_zone(open_app, mini_warehouse):
    """川南 at the end of 2022: P05 4,000 + P06 1,500 mu (1,500 a year before), P06 registered; no 2022 issuance or
    trade there; S2's 1,200,000 yuan paid against the 2022 budget, which is the province's: 1,400,000 of 1,300,000."""
    app = overview_at(open_app, mini_warehouse, zone="川南")
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    assert tiles["开发规模（亩）"][0] == "5,500"
    assert tiles["2025 年目标完成"] == ("68.8%", "差 2,500 亩")  # its own target of 8,000, the zone named above
    assert tiles["占全省 2022 年目标"] == ("55.0%", "无分片目标")  # no 2022 target of its own: 5,500 of 10,000
    assert tiles["注册规模（亩）"][0] == "1,500"
    assert tiles["累计签发量（吨CO₂e）"][0] == "0" and tiles["2022 年交易量（吨CO₂e）"][0] == "0"
    assert tiles["2022 年补贴拨付（元）"] == ("120万", "全省占预算 107.7%")
    text = shown_text(app)
    assert "川南 · 口径：开发规模；截至 2022-12-31。" in text
    sentences = [e.value for e in app.text if e.value.startswith("•")]
    # 5,500 + 4,000 a year × 3.0007 years = 17,503 by the end of 2025
    assert sentences[0] == ("• 截至 2022-12-31，川南开发规模为 5,500 亩，为 2025 年目标 8,000 亩 的 68.8%；近 12 个月新增 "
                            "4,000 亩，按此速度到 2025 年底可达 1.8万亩，可以按期完成。")
    assert sentences[1].startswith("• 截至 2022-12-31，全省开发规模为 9,000 亩，为 2025 年目标 2万亩 的 45.0%")


def test_the_overview_tiles_follow_a_prefecture_and_name_the_provinces_targets(open_app, mini_warehouse):
    """成都市 at the end of 2022: P01 1,000 + P02 500 mu, both started before 2022; S3's 200,000 yuan."""
    app = overview_at(open_app, mini_warehouse, prefecture_code="510100")
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    assert tiles["开发规模（亩）"][0] == "1,500"
    assert tiles["全省 2022 年目标完成"][0] == "90.0%" and tiles["全省 2025 年目标完成"][0] == "45.0%"
    assert tiles["注册规模（亩）"][0] == "1,000"
    assert tiles["2022 年补贴拨付（元）"] == ("20万", "全省占预算 107.7%")
    sentences = [e.value for e in app.text if e.value.startswith("•")]
    assert sentences[0] == "• 截至 2022-12-31，成都市开发规模为 1,500 亩，近 12 个月新增 0 亩；目标只分到全省和发展片，市（州）没有目标。"


def test_the_english_overview_follows_a_zone(open_app, mini_warehouse):
    app = overview_at(open_app, mini_warehouse, lang="en", zone="川南")
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    assert tiles["2025 target"] == ("68.8%", "2,500 mu to go")
    assert tiles["2022 province target"] == ("55.0%", "No zone target")
    assert tiles["Subsidies 2022 (yuan)"] == ("1.2M", "107.7% of prov. budget")
    assert "South Sichuan · Basis: Development scale; as of 2022-12-31." in shown_text(app)


AREAS = [{"zone": "川西南"}, {"prefecture_code": "510100"}]


@pytest.mark.parametrize("page", [p.file for p in page_list.PAGES if p.file not in (
    "pages/overview.py", "pages/data_quality.py", "pages/intake.py", "pages/audit.py", "pages/embed.py",
    "pages/briefing.py")])
@pytest.mark.parametrize("chosen", AREAS, ids=["zone", "prefecture"])
def test_every_page_runs_with_a_zone_or_a_prefecture_chosen(open_app, mini_warehouse, page, chosen):
    overview_at(open_app, mini_warehouse, **chosen).switch_page(page).run()


def test_trading_and_pools_follow_the_area(open_app, mini_warehouse):
    """At the end of 2022: 川西南 (西昌市) holds T1, 300 tCO2e, and the carbon reports of 513401 (stock 100,000 t,
    sink 1,500 t); 成都市 holds no trade and the reports of 510104 (stock 50,000 t, sink 800 t)."""
    app = overview_at(open_app, mini_warehouse, zone="川西南")
    app.switch_page("pages/trading.py").run()
    tiles = [(m.label, m.value) for m in app.metric]
    assert tiles[4:6] == [("成交笔数", "1"), ("成交量（CO₂e）", "300 吨")]  # the second row: to date
    app.switch_page("pages/pools.py").run()
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["2022 年碳储量（吨 CO₂e）"] == "10万" and tiles["2022 年固碳量（吨/年）"] == "1,500"
    app = overview_at(open_app, mini_warehouse, prefecture_code="510100")
    app.switch_page("pages/trading.py").run()
    assert not app.metric  # no trade in 成都市: the page says so instead
    app.switch_page("pages/pools.py").run()
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["2022 年碳储量（吨 CO₂e）"] == "5万" and tiles["2022 年固碳量（吨/年）"] == "800"
