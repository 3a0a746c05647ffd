"""The public page of what changed (更新动态 / What's new) on `mini_history` (mini ingested, then mini + mini_next, whose
README works the changes out by hand), its public file alone as the public server holds it: the newly registered
projects and the published figures before and after, and nothing a visitor may not see (P02, a farmer's unlisted
project, and its area change; P05's earlier status, never listed publicly). After one ingest, and on a public file of
an earlier format without the tables, the page says there is no comparison yet."""

import shutil

import duckdb
import pytest
from private import private_values
from test_public_views import everything_shown

from sinkboard.figures import open_changes
from sinkboard.store.warehouse import connect, run_query
from sinkboard.text.catalogue import text, value_label

PAGE = "pages/open_changes.py"


def public_copy(warehouse, folder):
    """The warehouse's public file alone, as a public server holds it (the internal file is not there)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy((warehouse / "public.duckdb").resolve(), folder / "public.duckdb")
    return folder


@pytest.fixture(scope="module")
def history_public(mini_history, tmp_path_factory):
    return public_copy(mini_history, tmp_path_factory.mktemp("open_changes_public"))


def frame_with(app, heading):
    """The page's table that has a column of this heading."""
    return next(frame.value for frame in app.dataframe if heading in frame.value.columns)


def run(folder, name, **params):
    con = connect(folder / "public.duckdb")
    try:
        return run_query(con, name, **params)
    finally:
        con.close()


def test_the_queries_give_the_published_figures_and_the_newly_listed_projects(history_public):
    info = run(history_public, "open_changes_info").iloc[0]
    # the public data's latest dates, at month ends: mini's trade T3 of 2023-05-01, mini_next's P07 of 2023-09-15
    assert (f"{info.previous_as_of:%Y-%m-%d}", f"{info.as_of:%Y-%m-%d}") == ("2023-05-31", "2023-09-30")
    figures = run(history_public, "open_changes_figures", zone=None, prefecture_code=None)
    province = figures[(figures.zone == "全省") & (figures.measure == "registered_mu")].iloc[0]
    # the published registered scale (inside: 4,500 → 13,500): P01 1,000 + P03 2,000 before, P05 (审定 → 注册) 4,000
    # and P07 5,000 more after; P06's 1,500 (a farmer's, the only private party of its cells) is never published
    assert (province.before, province.after, province.change) == (3000, 12000, 9000)
    assert figures.zone.iloc[0] == "全省"
    # P02 (锦江区, 川中; a farmer's, in reserve) went from 500 to 600 mu: no published figure of its zone moved
    central = figures[figures.zone == "川中"]
    assert set(central.measure) == set(open_changes.MEASURES) and (central.change == 0).all()
    registered = run(history_public, "open_changes_registered", zone=None, prefecture_code=None)
    assert set(registered.project_id) == {"P05", "P07"}
    p07 = registered.set_index("project_id").loc["P07"]
    assert (p07.project_name, p07.area_mu, p07.zone) == ("翠屏竹林经营", 5000, "川南")


def test_a_zone_and_a_prefecture_choose_their_figures_and_projects(history_public):
    figures = run(history_public, "open_changes_figures", zone="川中", prefecture_code=None)
    assert set(figures.zone) == {"川中"}
    assert run(history_public, "open_changes_registered", zone="川中", prefecture_code=None).empty
    # 宜宾市 (511500): its zone's figures (川南), its own projects (P05 叙州区, P07 翠屏区)
    figures = run(history_public, "open_changes_figures", zone=None, prefecture_code="511500")
    assert set(figures.zone) == {"川南"}
    registered = run(history_public, "open_changes_registered", zone=None, prefecture_code="511500")
    assert set(registered.project_id) == {"P05", "P07"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_new_project_and_the_provinces_registered_scale(open_app, history_public, lang):
    """P07 with its 5,000 mu; the province's published registered scale 3,000 → 12,000 mu (+9,000)."""
    app = open_app(history_public, "public", page=PAGE, query_params={"lang": lang})
    registered = frame_with(app, text("col_project_name", lang)).set_index(text("col_project_name", lang))
    assert registered.loc["翠屏竹林经营", text("col_area_mu", lang)] == 5000
    assert registered.loc["翠屏竹林经营", text("col_prefecture_name", lang)] == value_label("宜宾市", lang)
    zones = frame_with(app, text("col_before_mu", lang)).set_index(text("col_zone", lang))
    province = zones.loc[value_label("全省", lang)]
    assert (province[text("col_before_mu", lang)], province[text("col_after_mu", lang)],
            province[text("col_change_mu", lang)]) == (3000, 12000, 9000)
    tile = next(m for m in app.metric if m.label.startswith(text("open_changes_measure_registered_mu", lang)))
    assert tile.delta == "+9,000"
    assert text("open_changes_caption", lang).split("{")[0] in everything_shown(app)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_nothing_a_visitor_may_not_see(open_app, history_public, mini_history, lang):
    app = open_app(history_public, "public", page=PAGE, query_params={"lang": lang})
    shown = everything_shown(app)
    # P02 is a farmer's project in reserve (储备), never listed; its area went from 500 to 600 mu
    assert "P02" not in shown and "锦江城市森林" not in shown
    # P05 was 审定 before it was registered: the public never listed it, so its earlier status is nowhere
    assert value_label("审定", lang) not in shown
    for kind, values in private_values(mini_history).items():
        leaked = sorted(v for v in values if v and v in shown)
        assert leaked == [], f"the page shows {kind}: {leaked[:5]}"


def test_a_prefecture_shows_its_zones_figures_and_says_so(open_app, history_public):
    app = open_app(history_public, "public", page=PAGE, query_params={"lang": "zh", "prefecture": "511500"})
    shown = everything_shown(app)
    assert text("open_changes_prefecture_zone", "zh", prefecture="宜宾市", zone="川南") in shown
    zones = frame_with(app, text("col_before_mu", "zh"))
    assert list(zones[text("col_zone", "zh")]) == ["川南"]


def test_after_one_ingest_the_page_says_there_is_no_earlier_update(open_app, mini_warehouse, tmp_path):
    app = open_app(public_copy(mini_warehouse, tmp_path), "public", page=PAGE, query_params={"lang": "zh"})
    assert [info.value for info in app.info] == [text("open_changes_none", "zh")]
    assert not app.metric and not app.dataframe


def test_a_public_file_without_the_tables_says_there_is_no_comparison_yet(open_app, mini_history, tmp_path):
    """A public file of an earlier format, written before the ingest kept the changes: the page runs all the same."""
    folder = public_copy(mini_history, tmp_path)
    con = duckdb.connect(str(folder / "public.duckdb"))
    for table in ("changes_info", "changes_registered", "changes_figures"):
        con.execute(f"drop table {table}")
    con.close()
    app = open_app(folder, "public", page=PAGE, query_params={"lang": "en"})
    assert [info.value for info in app.info] == [text("open_changes_unrecorded", "en")]
