"""The potential page's questions on a hand-made assessment (4 counties × 2 project types) and 7 projects, against
figures worked out by hand; and the page in both languages, internal and public."""

import datetime as dt

import pandas as pd
import pytest
from exports import project, write_projects, write_xlsx

from sinkboard.ingest.build import ingest
from sinkboard.store.warehouse import run_query

AS_OF = dt.date(2023, 6, 30)  # P6 registers on 2023-09-01, after it
ALL = {"as_of": AS_OF, "zone": None, "prefecture_code": None}

# 锦江区 and 青羊区 are in 成都 (川中: key type 森林经营碳汇 only); 西昌市 and 会理市 in 凉山 (川西南: key types 造林碳汇
# and 森林经营碳汇)
POTENTIAL = [
    ["锦江区", "森林经营碳汇", 10000, 5000], ["锦江区", "造林碳汇", 8000, 3000],
    ["青羊区", "森林经营碳汇", 6000, 2500], ["青羊区", "造林碳汇", 20000, 9000],
    ["西昌市", "森林经营碳汇", 12000, 6000], ["西昌市", "造林碳汇", 9000, 4000],
    ["会理市", "森林经营碳汇", 5000, 2000], ["会理市", "造林碳汇", 17000, 7000],
]
PROJECTS = [
    project("P1", "锦江区", "4000", "注册", "2021-03-01", "2022-06-01", "森林经营碳汇"),
    project("P2", "锦江区", "2000", "储备", "2022-01-10", None, "森林经营碳汇"),
    project("P3", "青羊区", "7000", "签发", "2020-05-01", "2021-01-15", "森林经营碳汇"),  # more than its 6,000 assessed
    project("P4", "西昌市", "3000", "审定", "2021-06-01", None, "造林碳汇"),
    project("P5", "西昌市", "1000", "终止", "2021-01-01", None, "森林经营碳汇"),  # terminated: never developed scale
    project("P6", "会理市", "5000", "注册", "2021-02-01", "2023-09-01", "造林碳汇"),
    project("P7", "锦江区", "500", "储备", "2022-02-01", None, "城市森林碳汇"),  # a type with no assessment
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("potential")
    source = root / "src"
    write_projects(source, PROJECTS)
    write_xlsx(source / "potential" / "2022.xlsx", ["所在县", "项目类型", "潜力面积(亩)", "年潜力(tCO2e)"], POTENTIAL,
               titles=["四川省林草碳汇潜力评价", "单位：亩、吨"])
    ingest(source, root / "wh")
    return root / "wh"


@pytest.fixture
def con(open_warehouse, warehouse):
    return open_warehouse(warehouse)


def test_the_public_file_does_not_place_a_lone_unregistered_project_in_its_county(open_warehouse, warehouse):
    """P2, P4 and P7 are not registered and each alone in its county and month; their zones hold fewer than three such
    projects in all (P2 and P7 in 川中, P4 in 川西南), so the small-cell rule (sinkboard/ingest/small_cells.py) publishes them
    without figures, and the public figures by county are those of P1, P3 and P6."""
    connection = open_warehouse(warehouse, "public")
    total = run_query(connection, "potential_summary", basis="development", by="total", **ALL).iloc[0]
    by_county = run_query(connection, "potential_by_county", basis="development", **ALL)
    assert total.potential_area_mu == 87000
    assert total.developed_mu == 16000  # P1 4,000 + P3 7,000 + P6 5,000
    assert total.unassessed_developed_mu == 0  # P7 (a type nobody assessed) is held back too
    assert by_county.developed_mu.sum() == 16000


def test_developed_untapped_and_share_per_county_and_type(con):
    rows = run_query(con, "potential_by_county", basis="development", **ALL)
    by_key = rows.set_index(["county_name", "project_type"])
    assert by_key.developed_mu[("锦江区", "森林经营碳汇")] == 6000  # P1 + P2
    assert by_key.untapped_mu[("锦江区", "森林经营碳汇")] == 4000
    assert by_key.share_developed[("锦江区", "森林经营碳汇")] == pytest.approx(0.6)
    assert by_key.untapped_mu[("青羊区", "森林经营碳汇")] == 0  # 7,000 developed of 6,000: floored, not −1,000
    assert by_key.share_developed[("青羊区", "森林经营碳汇")] == pytest.approx(7000 / 6000)
    assert by_key.developed_mu[("西昌市", "森林经营碳汇")] == 0  # P5 is terminated
    assert by_key.share_developed[("会理市", "造林碳汇")] == pytest.approx(5000 / 17000)
    assert by_key.developed_mu[("锦江区", "城市森林碳汇")] == 500  # P7: developed, no assessment
    assert pd.isna(by_key.untapped_mu[("锦江区", "城市森林碳汇")])
    # most untapped first; 12,000 twice: the one with more developed first
    assert list(rows.county_name + rows.project_type)[:4] == ["青羊区造林碳汇", "会理市造林碳汇", "西昌市森林经营碳汇",
                                                              "锦江区造林碳汇"]
    assert rows.county_name.iloc[-1] == "锦江区" and rows.project_type.iloc[-1] == "城市森林碳汇"


def test_summary_per_zone(con):
    zones = run_query(con, "potential_summary", basis="development", by="zone", **ALL).set_index("group_value")
    assert zones.index.tolist() == ["川西南", "川中"]  # the policy's order
    central = zones.loc["川中"]
    assert (central.counties, central.potential_area_mu, central.potential_tco2e) == (2, 44000, 19500)
    assert central.developed_mu == 13000  # 6,000 + 7,000 in assessed counties and types; P7 apart
    assert central.untapped_mu == 32000  # 4,000 + 8,000 + 0 + 20,000, more than 44,000 − 13,000
    assert central.share_developed == pytest.approx(13000 / 44000)
    assert central.unassessed_developed_mu == 500
    southwest = zones.loc["川西南"]
    assert (southwest.potential_area_mu, southwest.developed_mu, southwest.untapped_mu) == (43000, 8000, 35000)


def test_summary_for_the_whole_area_and_per_type(con):
    total = run_query(con, "potential_summary", basis="development", by="total", **ALL).iloc[0]
    assert (total.counties, total.potential_area_mu, total.potential_tco2e) == (4, 87000, 38500)
    assert (total.developed_mu, total.untapped_mu, total.unassessed_developed_mu) == (21000, 67000, 500)
    assert total.share_developed == pytest.approx(21000 / 87000)
    types = run_query(con, "potential_summary", basis="development", by="project_type", **ALL).set_index("group_value")
    assert types.index.tolist() == ["造林碳汇", "森林经营碳汇", "城市森林碳汇"]  # largest potential first
    assert (types.potential_area_mu["造林碳汇"], types.untapped_mu["造林碳汇"]) == (54000, 46000)
    assert (types.potential_area_mu["森林经营碳汇"], types.untapped_mu["森林经营碳汇"]) == (33000, 21000)
    assert types.unassessed_developed_mu["城市森林碳汇"] == 500
    assert pd.isna(types.untapped_mu["城市森林碳汇"])  # nothing assessed: no untapped figure, not 0


def test_registered_basis_counts_registered_projects_only(con):
    total = run_query(con, "potential_summary", basis="registered", by="total", **ALL).iloc[0]
    assert total.developed_mu == 11000  # P1 + P3; P6 registers later
    assert total.untapped_mu == 77000  # 6,000 + 8,000 + 0 + 20,000 + 12,000 + 9,000 + 5,000 + 17,000
    assert total.unassessed_developed_mu == 0


def test_top_untapped_counties_in_each_zones_key_types(con):
    top = run_query(con, "untapped_key_types", basis="development", **ALL)
    # 川西南 (造林 + 森林经营): 西昌市 12,000 + 6,000; 会理市 5,000 + 12,000. 川中 (森林经营 only): 锦江区 4,000;
    # 青羊区 has nothing left in 森林经营 (its 20,000 untapped 造林 is not a key type of 川中)
    assert list(zip(top.zone, top["rank"], top.county_name, top.untapped_mu)) == [
        ("川西南", 1, "西昌市", 18000), ("川西南", 2, "会理市", 17000), ("川中", 1, "锦江区", 4000)]
    assert top.share_developed.iloc[1] == pytest.approx(5000 / 22000)
    assert list(top.key_types.iloc[0]) == ["造林碳汇", "森林经营碳汇"]


def test_top_untapped_follows_the_basis_and_the_area(con):
    registered = run_query(con, "untapped_key_types", basis="registered", **ALL)
    # only P1 and P3 registered: 会理市 5,000 + 17,000 overtakes 西昌市 12,000 + 9,000; 锦江区 10,000 − 4,000
    assert list(zip(registered.county_name, registered.untapped_mu)) == [("会理市", 22000), ("西昌市", 21000),
                                                                         ("锦江区", 6000)]
    central = run_query(con, "untapped_key_types", basis="development", as_of=AS_OF, zone="川中", prefecture_code=None)
    assert central.county_name.tolist() == ["锦江区"]


def test_top_untapped_keeps_five_per_zone(open_warehouse, sample_warehouse):
    con = open_warehouse(sample_warehouse, "public")
    top = run_query(con, "untapped_key_types", basis="development", as_of=dt.date(2030, 1, 1), zone=None,
                    prefecture_code=None)
    for _, zone in top.groupby("zone"):
        assert len(zone) <= 5
        assert zone["rank"].tolist() == list(range(1, len(zone) + 1))
        assert zone.untapped_mu.is_monotonic_decreasing


# the page, through app.py, in both languages, in the internal and the public process

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_shows_potential_against_development(open_app, warehouse, lang):
    app = open_app(warehouse, page="pages/potential.py", lang=lang)  # as of 2023-09-01 (the latest date; the public one says 2023-09-30): development as above
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    if lang == "zh":
        assert tiles["潜力面积（亩）"][0] == "8.7万"
        assert tiles["开发规模（亩）"] == ("2.1万", "占潜力 24.1%")  # 21,000 of 87,000
        assert tiles["未开发潜力（亩）"][0] == "6.7万"
    else:
        assert tiles["Assessed potential (mu)"][0] == "87K"
        assert tiles["Development scale (mu)"] == ("21K", "24.1% of potential")
    top = app.dataframe[1].value
    assert top.iloc[:, 2].tolist() == (["西昌市", "会理市", "锦江区"] if lang == "zh"
                                       else ["Xichang City", "Huili City", "Jinjiang District"])


def test_page_on_the_registered_basis(open_app, warehouse):
    app = open_app(warehouse, page="pages/potential.py", lang="zh")
    app.radio(key="basis").set_value("registered").run()
    assert not app.exception
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    assert tiles["注册规模（亩）"][0] == "1.6万"  # P1 + P3 + P6 (registered 2023-09-01)
    assert any("口径：注册规模" in c.value for c in app.caption)
    top = app.dataframe[1].value
    assert top.iloc[:, 2].tolist() == ["西昌市", "会理市", "锦江区"]  # 21,000; 17,000; 6,000


def test_page_by_project_type(open_app, warehouse):
    app = open_app(warehouse, page="pages/potential.py", lang="zh")
    app.segmented_control(key="potential_group").set_value("project_type").run()
    app.radio(key="lang").set_value("en").run()  # last: AppTest keeps the sidebar's old labels for a widget it sets
    assert not app.exception
    assert app.dataframe[0].value.iloc[:, 0].tolist() == ["Afforestation", "Forest management", "Urban forest"]


def test_page_for_one_zone(open_app, warehouse):
    app = open_app(warehouse, page="pages/potential.py", lang="zh")
    zones = app.selectbox(key="zone")
    zones.select_index(zones.options.index("川中")).run()  # the options are the shown labels
    assert not app.exception
    assert app.dataframe[1].value.iloc[:, 2].tolist() == ["锦江区"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_in_the_public_process(open_app, warehouse, lang):
    app = open_app(warehouse, "public", page="pages/potential.py", lang=lang)
    tiles = {m.label: (m.value, m.delta) for m in app.metric}
    if lang == "zh":
        assert tiles["开发规模（亩）"] == ("1.6万", "占潜力 18.4%")  # 16,000 of 87,000: the public figures
    else:
        assert tiles["Development scale (mu)"] == ("16K", "18.4% of potential")
