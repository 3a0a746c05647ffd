"""The public registry page's questions on a tiny export set written here: 205 look-alike projects to page through,
three registered projects with issuances, and projects that must never be listed (a farmer household's, an
unregistered one, a terminated one); in the internal warehouse and in the public one, and the page through app.py with
the internal file deleted as the public server holds it."""

import datetime as dt
import shutil

import pytest
from exports import write_csv

from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import connect, run_query

HEADER = ["项目编号", "项目名称", "所在县", "项目类型", "面积(亩)", "项目状态", "立项日期", "注册日期", "业主类型", "项目业主",
          "年均减排量"]
BULK = [[f"B{n:03d}", f"批量项目B{n:03d}", "锦江区", "森林经营碳汇", "10", "注册", "2021-06-01", "2022-01-01", "国有林场",
         "锦江国有林场", ""] for n in range(1, 206)]
PROJECTS = BULK + [
    ["R01", "锦江竹林经营示范", "锦江区", "竹林经营碳汇", "1000", "注册", "2021-01-01", "2022-06-01", "国有林场", "锦江国有林场", "500"],
    ["R02", "西昌造林", "西昌市", "造林碳汇", "2000", "签发", "2019-05-01", "2020-06-01", "重点森工企业", "凉山森工", "800"],
    ["R03", "叙州竹子造林", "叙州区", "竹子造林碳汇", "3000", "签发", "2019-01-01", "2020-01-15", "集体经济组织", "叙州某村", "1200"],
    # never listed: a farmer household's registered project, a project in validation, a terminated one
    ["F01", "张三丰家庭林场碳汇", "叙州区", "造林碳汇", "400", "签发", "2020-01-01", "2021-01-01", "农户", "张三丰", "100"],
    ["U01", "锦江未注册储备项目", "锦江区", "森林经营碳汇", "700", "审定", "2020-01-01", "", "国有林场", "锦江国有林场", "300"],
    ["X01", "西昌终止项目", "西昌市", "草地碳汇", "900", "终止", "2019-01-01", "2019-06-01", "国有林场", "西昌国有林场", "200"],
]
ISSUANCES = [
    ["R02", "2021-01-01", "2021-12-31", "900", "800", "2022-05-01"],
    ["R02", "2022-01-01", "2022-12-31", "1000", "900", "2023-03-01"],
    ["R03", "2020-01-01", "2020-12-31", "1600", "1500", "2021-06-01"],
    ["F01", "2021-01-01", "2021-12-31", "120", "100", "2022-03-01"],
]
LATEST = dt.date(2023, 3, 1)  # R02's second issuance: the latest date in the exports
EVERYTHING = {"as_of": LATEST, "zone": None, "prefecture_code": None, "search": None, "project_types": None}
NEVER_LISTED = ("F01", "U01", "X01", "张三丰")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    source = tmp_path_factory.mktemp("open_registry_exports")
    write_csv(source / "projects" / "projects.csv", HEADER, PROJECTS)
    write_csv(source / "issuances" / "issuances.csv", ["项目编号", "监测期开始", "监测期结束", "核证减排量", "签发量", "签发日期"],
              ISSUANCES)
    out = tmp_path_factory.mktemp("open_registry_warehouse")
    ingest(source, out)
    return out


@pytest.fixture(scope="module")
def public_only(warehouse, tmp_path_factory):
    """The public file alone, as the public server holds it."""
    folder = tmp_path_factory.mktemp("open_registry_public_only")
    shutil.copy((warehouse / "public.duckdb").resolve(), folder / "public.duckdb")
    return folder


def run(warehouse, mode, name, **params):
    con = connect(warehouse / f"{mode}.duckdb")
    try:
        return run_query(con, name, **{**EVERYTHING, **params})
    finally:
        con.close()


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_totals_of_the_listed_projects(warehouse, mode):
    totals = run(warehouse, mode, "open_registry_count").iloc[0]
    # 205 bulk + R01 + R02 + R03; area 205 × 10 + 1000 + 2000 + 3000; expected a year 500 + 800 + 1200 (bulk: none);
    # issued R02 800 + 900 and R03 1500 (F01's 100 is a farmer's project, not listed)
    assert (totals.projects, totals.area_mu, totals.est_annual_tco2e, totals.issued_tco2e) == (208, 8050, 2500, 3200)


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_the_as_of_date_counts_registrations_and_issuances_by_then(warehouse, mode):
    totals = run(warehouse, mode, "open_registry_count", as_of=dt.date(2021, 12, 31)).iloc[0]
    # by 2021-12-31 only R02 (registered 2020-06) and R03 (2020-01) are registered; only R03's 1500 is issued
    assert (totals.projects, totals.area_mu, totals.issued_tco2e) == (2, 5000, 1500)


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_pages_of_the_list(warehouse, mode):
    first = run(warehouse, mode, "open_registry_projects", limit=100, offset=0)
    last = run(warehouse, mode, "open_registry_projects", limit=100, offset=200)
    # newest registration first: R01 (2022-06-01), B001–B205 (2022-01-01), R02 (2020-06-01), R03 (2020-01-15);
    # so rows 201–208 are B200–B205, R02, R03
    assert len(first) == 100 and first.project_id.tolist()[:3] == ["R01", "B001", "B002"]
    assert last.project_id.tolist() == ["B200", "B201", "B202", "B203", "B204", "B205", "R02", "R03"]
    r02 = last.set_index("project_id").loc["R02"]
    assert (r02.zone, r02.prefecture_name, r02.status, r02.area_mu, r02.est_annual_tco2e, r02.issued_tco2e) == (
        "川西南", "凉山彝族自治州", "签发", 2000, 800, 1700)
    assert last.set_index("project_id").loc["B200"].issued_tco2e == 0  # nothing issued: 0, not blank


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_never_a_farmer_households_or_an_unregistered_project(warehouse, mode):
    listed = set()
    for offset in (0, 100, 200):
        listed |= set(run(warehouse, mode, "open_registry_projects", limit=100, offset=offset).project_id)
    assert len(listed) == 208 and not listed & set(NEVER_LISTED)
    assert run(warehouse, mode, "open_registry_count", search="张三丰").iloc[0].projects == 0
    assert run(warehouse, mode, "open_registry_count", search="U01").iloc[0].projects == 0


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_search_and_types(warehouse, mode):
    def ids(**params):
        return run(warehouse, mode, "open_registry_projects", limit=100, offset=0, **params).project_id.tolist()

    assert ids(search="竹") == ["R01", "R03"]  # in the names of R01 and R03 (F01's has none and is not listed anyway)
    assert ids(search="b20") == ["B200", "B201", "B202", "B203", "B204", "B205"]  # ids, whatever the case
    assert ids(search="凉山") == ["R02"]  # the prefecture's name
    assert ids(search="liangshan yi") == ["R02"]  # its English name, whatever the case
    assert ids(search="xuzhou") == ["R03"]  # a county's English name (F01 is in 叙州区 too, but a farmer's)
    assert ids(project_types=["竹林经营碳汇", "造林碳汇"]) == ["R01", "R02"]
    assert ids(search="竹", project_types=["造林碳汇"]) == []
    assert ids(zone="川南") == ["R03"]  # F01 is in 叙州区 too, but a farmer's


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_projects_by_type_and_zone(warehouse, mode):
    rows = run(warehouse, mode, "open_registry_by_type")
    # zones in the policy's order (川西南, 川南, 川中), then the most projects first
    assert [(r.zone, r.project_type, r.projects, r.area_mu) for r in rows.itertuples()] == [
        ("川西南", "造林碳汇", 1, 2000), ("川南", "竹子造林碳汇", 1, 3000),
        ("川中", "森林经营碳汇", 205, 2050), ("川中", "竹林经营碳汇", 1, 1000)]


def shown(app):
    parts = [e.value for e in app.markdown] + [e.value for e in app.caption] + [e.value for e in app.info]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("mode", ["internal", "public"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_pages_and_searches(open_app, warehouse, public_only, mode, lang):
    app = open_app(public_only if mode == "public" else warehouse, mode, page="pages/open_registry.py", lang=lang)
    assert app.title[0].value == ("已注册项目" if lang == "zh" else "Registered projects")
    tiles = {m.label: m.value for m in app.metric}
    assert tiles[("项目数" if lang == "zh" else "Projects")] == "208"
    assert "**208**" in shown(app)
    table = app.dataframe[0].value
    assert len(table) == 100  # one page, never the whole list
    assert any(("（北京时间）" if lang == "zh" else "(Beijing time)") in c.value for c in app.caption)  # data freshness, Beijing time

    app.number_input(key="open_registry_page").set_value(3).run()
    assert app.dataframe[0].value.iloc[:, 0].tolist() == ["B200", "B201", "B202", "B203", "B204", "B205", "R02", "R03"]

    app.text_input(key="open_registry_search").input("Ｂ２０").run()  # full-width, as a Chinese keyboard may type it
    assert app.number_input(key="open_registry_page").value == 1  # a new search starts at its first page
    assert app.dataframe[0].value.iloc[:, 0].tolist() == ["B200", "B201", "B202", "B203", "B204", "B205"]

    app.text_input(key="open_registry_search").input("张三丰").run()
    assert not app.dataframe and app.info
    everything = shown(app)
    assert not any(secret in everything for secret in NEVER_LISTED)


def test_the_type_filter_on_the_page(open_app, warehouse):
    app = open_app(warehouse, page="pages/open_registry.py")
    app.multiselect(key="open_registry_types").set_value(["竹子造林碳汇"]).run()
    assert not app.exception
    assert app.dataframe[0].value.iloc[:, 0].tolist() == ["R03"]
    assert {m.label: m.value for m in app.metric}["累计签发量（吨CO₂e）"] == "1,500"


@pytest.fixture
def embed_app(open_app, warehouse):
    """The internal app on the embed helper, the public dashboard's address set."""
    return open_app(warehouse, page="pages/embed.py", env={"SINKBOARD_PUBLIC_URL": "https://carbon.example.gov.cn"})


def test_the_embed_helper_offers_the_page(embed_app):
    app = embed_app
    picker = app.selectbox(key="embed_page")
    assert "已注册项目" in picker.options
    picker.set_value("open_registry").run()  # the options are the views' url paths, shown by their names
    assert not app.exception
    # the static site's view first (SINKBOARD_SITE_URL unset: its default), then the live dashboard's
    assert app.code[0].value.startswith("http://localhost:8080/zh/open_registry.html?area=province&as_of=")
    assert app.code[2].value.startswith("https://carbon.example.gov.cn/open_registry?embed=true&lang=zh")


def test_the_embed_helper_keeps_the_chosen_view_across_languages_and_links_the_address_alone(embed_app):
    app = embed_app
    picker = app.selectbox(key="embed_page")
    picker.set_value("open_registry").run()
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    picker = app.selectbox(key="embed_page")
    assert picker.value == "open_registry" and "Registered projects" in picker.options
    assert app.code[0].value.startswith("http://localhost:8080/en/open_registry.html?")
    assert app.code[2].value.startswith("https://carbon.example.gov.cn/open_registry?embed=true&lang=en")
    # the address in the caption is an autolink of its own: in Chinese a bare one ran on into "（由"
    app.radio(key="lang").set_value("zh").run()
    assert any("<https://carbon.example.gov.cn>（由" in caption.value for caption in app.main.caption)
