"""Public cells labelled: a cell the small-cell rule merged without its category is "其他（合并）" / "Other (merged)",
never an empty category; a status the public side does not publish is left out, not drawn as 0; where no suppression
touches a figure, the public and the internal warehouse give the same one. Worked by hand on the households' exports
of test_privacy and checked on every public page of the sample."""

import datetime as dt

import pandas as pd
import pytest
from test_privacy import households_exports  # noqa: F401  (the privacy tests' hand-made exports, a module fixture)

from sinkboard.app import page_list, ui
from sinkboard.figures.choice import published_as_of
from sinkboard.figures.summaries import key_type_shares
from sinkboard.ingest.build import ingest
from sinkboard.outputs.downloads import TRANSLATED_COLUMNS
from sinkboard.store.warehouse import run_query
from sinkboard.text.catalogue import MERGED, text, value_label

AS_OF = dt.date(2025, 6, 30)
PROVINCE = {"as_of": AS_OF, "zone": None, "prefecture_code": None}
PUBLIC_PAGES = [page.file for page in page_list.pages_for("public")]


@pytest.fixture(scope="module")
def households(households_exports, tmp_path_factory):  # noqa: F811
    """川中: ORG01 (国有林场, 注册, 森林经营碳汇, 1,000 mu) listed; FARM01 (农户, 签发, 造林碳汇, 400), PIPE01 (国有林场, 审定,
    森林经营碳汇, 700) and PIPE02 (集体经济组织, 储备, 造林碳汇, 900), three parties of March 2022 in three cells, merged into
    the zone's cell without their categories. 川南: ORG02 (集体经济组织, 签发, 竹林经营碳汇, 2,000) listed."""
    out = tmp_path_factory.mktemp("cells_warehouse")
    ingest(households_exports, out)
    return out


@pytest.fixture
def both(open_warehouse, households):
    return open_warehouse(households), open_warehouse(households, "public")


def figures(rows, category):
    return [(r[category], int(r.projects), float(r.area_mu)) for _, r in rows.iterrows()]


def test_the_public_pipeline_leaves_out_what_it_does_not_publish(both):
    internal, public = both
    assert figures(run_query(internal, "pipeline_status", **PROVINCE), "status") == [
        ("储备", 1, 900), ("审定", 1, 700), ("注册", 1, 1000), ("签发", 2, 2400), ("终止", 0, 0)]
    # publicly PIPE02, PIPE01 and FARM01 are one cell of no status: 储备 and 审定 are not known to be none, so not drawn
    assert figures(run_query(public, "pipeline_status", **PROVINCE), "status") == [
        ("注册", 1, 1000), ("签发", 1, 2000), (MERGED, 3, 2000)]


def test_where_nothing_is_merged_the_public_pipeline_is_the_internal_one(both):
    internal, public = both
    zone = {**PROVINCE, "zone": "川南"}
    expected = [("储备", 0, 0), ("审定", 0, 0), ("注册", 0, 0), ("签发", 1, 2000), ("终止", 0, 0)]  # ORG02 alone
    assert figures(run_query(internal, "pipeline_status", **zone), "status") == expected
    assert figures(run_query(public, "pipeline_status", **zone), "status") == expected


def test_the_developer_mix_names_a_merged_cell(both):
    internal, public = both
    assert sorted(figures(run_query(internal, "developer_mix", **PROVINCE), "owner_type")) == [
        ("农户", 1, 400), ("国有林场", 2, 1700), ("集体经济组织", 2, 2900)]
    # FARM01, PIPE01 and PIPE02 together, of no published type; no 未填 (not given) for them
    assert sorted(figures(run_query(public, "developer_mix", **PROVINCE), "owner_type")) == sorted([
        ("国有林场", 1, 1000), ("集体经济组织", 1, 2000), (MERGED, 3, 2000)])


def test_the_key_type_share_is_of_the_area_whose_type_is_published(both):
    inside, outside = (key_type_shares(run_query(con, "scale_by_type", basis="development", **PROVINCE))
                       .set_index("zone")[["key_share", "merged_share"]] for con in both)
    # 川中's key type is 森林经营碳汇: inside ORG01 and PIPE01, 1,700 of 3,000 mu
    assert inside.loc["川中"].tolist() == pytest.approx([1700 / 3000, 0])
    # outside only ORG01's type is published: 1,000 of 1,000 mu, and 2,000 of 3,000 mu are merged, as the line says
    assert outside.loc["川中"].tolist() == pytest.approx([1.0, 2000 / 3000])
    # 川南: nothing merged, the same share on both sides (ORG02's 竹林经营碳汇 is a key type there)
    assert inside.loc["川南"].tolist() == outside.loc["川南"].tolist() == [1.0, 0.0]


def test_public_and_internal_figures_agree_where_no_suppression_touches_them(both):
    internal, public = both
    sichuan_south = {**PROVINCE, "zone": "川南"}
    for name, params in [("scale_by_type", {"basis": "development", **sichuan_south}),
                         ("developer_mix", sichuan_south), ("open_subsidies_by_year", sichuan_south),
                         ("potential_summary", {"basis": "registered", "by": "project_type", **sichuan_south})]:
        inside, outside = run_query(internal, name, **params), run_query(public, name, **params)
        pd.testing.assert_frame_equal(inside, outside, check_dtype=False, obj=name)
    # the month-end dates of the public file count the same as the days inside at a month's end: ORG02's 2,000 mu of
    # 2021-01-01 by 2021-01-31 on both sides, and none by 2020-12-31
    for day, area in [(dt.date(2021, 1, 31), 2000), (dt.date(2020, 12, 31), 0)]:
        for con in both:
            rows = run_query(con, "developer_mix", as_of=day, zone="川南", prefecture_code=None)
            assert rows.area_mu.sum() == area


# --- on the pages -------------------------------------------------------------------------------------------------

EMPTY = {"", "—", "None", "none", "null", "nan", "NaN", "undefined"}


@pytest.fixture
def drawn_charts(monkeypatch):
    """The frames of every chart a page draws, as the browser gets them."""
    frames = []
    spec = ui.vega_lite_spec

    def recorded(drawing):
        frames.extend(drawing.data.values())
        return spec(drawing)

    monkeypatch.setattr(ui, "vega_lite_spec", recorded)
    return frames


def category_values(frames, tables, lang):
    """{column: values} of what a person reads of the categories: the labels in the charts' frames and the tables'
    columns of categories."""
    found = {}
    for frame in frames:
        for column in frame.columns:
            if column.endswith("_label") or column in ("group", "region_name"):
                found.setdefault(column, []).extend(frame[column].tolist())
    headings = {text(f"col_{c}", lang): c for c in TRANSLATED_COLUMNS}
    for table in tables:
        for heading in table.columns:
            if heading in headings:
                found.setdefault(headings[heading], []).extend(table[heading].tolist())
    return found


def empty(value, shown=True):
    """Whether a category reads as none: missing, blank, a dash or a null's name; and, where shown, the merged cell's
    code (which only the label may show)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return True
    return str(value).strip() in EMPTY or (shown and value == MERGED)


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_no_public_chart_or_table_carries_an_empty_category(open_app, sample_warehouse, drawn_charts, page):
    app = open_app(sample_warehouse, "public", page=page)
    shown = category_values(drawn_charts, [frame.value for frame in app.dataframe], "zh")
    assert {column: sorted({str(v) for v in values if empty(v)}) for column, values in shown.items()
            if any(empty(v) for v in values)} == {}
    # the charts' data keep the categories they are labelled from: none of those is empty either
    data = [v for frame in drawn_charts for column in set(frame.columns) & set(TRANSLATED_COLUMNS) for v in frame[column]]
    assert not [v for v in data if empty(v, shown=False)]


@pytest.mark.parametrize("lang, merged, left_out", [("zh", "其他（合并）", "已公开类型面积"),
                                                    ("en", "Other (merged)", "area whose type is published")])
def test_the_sample_public_pages_label_merged_cells(open_app, sample_warehouse, drawn_charts, lang, merged, left_out):
    app = open_app(sample_warehouse, "public", page="pages/zones.py", lang=lang)
    types = category_values(drawn_charts, [], lang)["type_label"]
    assert merged in types and not [t for t in types if empty(t)]
    # the key-type line says the merged area is left out of the share
    assert any(left_out in e.value for e in app.text)

    drawn_charts.clear()
    app.switch_page("pages/pipeline.py").run()
    found = category_values(drawn_charts, [], lang)
    statuses, developers = found["status_label"], found["owner_label"]
    assert merged in statuses and merged in developers
    # in the sample every unregistered project is in a merged cell: 储备, 审定 and 终止 are not published, so not drawn
    assert set(statuses) == {value_label(s, lang) for s in ("注册", "签发")} | {merged}
    assert text("pipeline_merged_note", lang) in [c.value for c in app.caption]
    assert "未填" not in developers and "Not given" not in developers


# --- the same headline on both sides -----------------------------------------------------------------------------

@pytest.mark.parametrize("day, published", [
    (dt.date(2025, 10, 31), dt.date(2025, 10, 31)), (dt.date(2025, 10, 30), dt.date(2025, 9, 30)),
    (dt.date(2024, 3, 1), dt.date(2024, 2, 29)), (dt.date(2025, 1, 15), dt.date(2024, 12, 31))])
def test_the_public_as_of_is_the_last_month_end_by_the_day_chosen(day, published):
    assert published_as_of(day) == published


def test_the_headline_is_the_same_on_both_sides_where_nothing_is_merged_away(both):
    internal, public = both
    inside, outside = (run_query(con, "headline", **{**PROVINCE, "as_of": dt.date(2023, 12, 31)}).iloc[0] for con in both)
    # development: ORG02 2,000 + ORG01 1,000 + the three parties' 2,000 (merged into 川中's cell of the same month)
    assert inside.development_mu == outside.development_mu == 5000
    # 2023's payments: S4 100,000 to ORG01, and S1-S3 to the three parties, kept together in their prefecture's cell
    assert float(inside.subsidy_paid_yuan) == float(outside.subsidy_paid_yuan) == 200_000
    # FARM01's registration is one party's: held back publicly, so this figure differs, and the overview says why
    assert (inside.registered_mu, outside.registered_mu) == (3400, 3000)
    # on a day that is not a month end the public file counts to the month end before it, as inside on that day:
    # by 2022-02-28 ORG02 and ORG01 (3,000 mu); inside, by 2022-03-15 also PIPE01 and FARM01 (4,100)
    assert run_query(internal, "headline", **{**PROVINCE, "as_of": dt.date(2022, 3, 15)}).development_mu.iloc[0] == 4100
    for con in both:
        assert run_query(con, "headline", **{**PROVINCE, "as_of": published_as_of(dt.date(2022, 3, 15))}).development_mu.iloc[0] == 3000


def test_the_public_overview_says_why_its_figures_differ_and_to_which_day_they_count(open_app, sample_warehouse):
    note = {lang: text("suppression_note", lang) for lang in ("zh", "en")}
    inside = open_app(sample_warehouse, page="pages/overview.py")
    assert note["zh"] not in [c.value for c in inside.caption]
    outside = open_app(sample_warehouse, "public", page="pages/overview.py", query_params={"as_of": "2025-10-15"})
    captions = [c.value for c in outside.caption]
    assert note["zh"] in captions
    assert "口径：开发规模；截至 2025-09-30" in "\n".join(captions)
    assert text("public_as_of_month_end", "zh", as_of="2025-09-30") in [c.value for c in outside.sidebar.caption]
    outside.radio(key="lang").set_value("en").run()
    assert note["en"] in [c.value for c in outside.caption]
