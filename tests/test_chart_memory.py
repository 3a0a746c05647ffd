"""Charts and maps are kept by their inputs: a rerun with the same figures hands out the same chart, a change in any
figure, or in the language, draws a new one; a chart whose shape did not change keeps its spec and only its figures
are new."""

import json

import numpy as np
import pandas as pd
from streamlit.elements.deck_gl_json_chart import _get_pydeck_tooltip

from sinkboard.app.ui import vega_lite_spec
from sinkboard.charts import maps
from sinkboard.charts.common import fingerprint, headroom, remembered
from sinkboard.charts.progress import ranking, scale_trend
from sinkboard.outputs import chart_files


def regions(area=1000.0):
    return pd.DataFrame({"region_name": ["锦江区", "青羊区"], "zone": ["川中", "川中"], "area_mu": [area, 500.0],
                         "zone_en": ["Central", "Central"], "region_code": ["510104", "510105"],
                         "share_of_potential": [0.1, 0.2], "potential_area_mu": [5000.0, None]})


def test_the_same_figures_give_the_same_chart_and_other_figures_a_new_one():
    first = ranking(regions(), "zh")
    assert ranking(regions(), "zh") is first  # a fresh frame with equal content, as a cached query hands out
    assert ranking(regions(), "en") is not first
    assert ranking(regions(area=1001.0), "zh") is not first


def test_new_figures_in_the_same_shape_keep_the_spec_and_carry_their_own_rows(monkeypatch):
    monkeypatch.delenv("SINKBOARD_CHECK_CHARTS", raising=False)  # the tests check every spec, so make each anew
    first, moved = ranking(regions(area=1100.0), "zh"), ranking(regions(area=1200.0), "zh")
    assert moved.spec is first.spec  # the same unit (亩), two regions: Altair did not build it again
    shown = vega_lite_spec(moved)
    assert {layer["data"]["name"] for layer in shown["layer"]} == {"rows"}
    assert shown["datasets"]["rows"].scale.tolist() == [1200.0, 500.0]
    assert vega_lite_spec(first)["datasets"]["rows"].scale.tolist() == [1100.0, 500.0]
    assert "datasets" not in first.spec  # the kept spec holds no figures
    # another shape: a third region makes the chart taller, another unit retitles its axis
    taller = regions().iloc[[0, 1, 1]].assign(region_name=["锦江区", "青羊区", "金牛区"])
    assert ranking(taller, "zh").spec is not first.spec
    assert ranking(regions(area=2_000_000.0), "zh").spec is not first.spec


def test_a_drawing_carries_dates_as_local_time_text_and_is_drawn_to_a_file_with_its_rows():
    trend = pd.DataFrame({"month_end": pd.to_datetime(["2024-01-31", "2024-02-29"]), "scale_mu": [100.0, 250.0]})
    targets = pd.DataFrame({"zone": ["全省"], "year": [2025], "target_mu": [1000.0],
                            "deadline": pd.to_datetime(["2025-12-31"]), "scale_mu": [250.0],
                            "pace_mu_per_year": [150.0], "years_left": [1.9]})
    drawing = scale_trend(trend, targets, None, "en")
    sent = vega_lite_spec(drawing)["datasets"]
    assert sent["series"].month_end.tolist() == ["2024-01-31T00:00:00", "2024-02-29T00:00:00"]
    assert sent["goals"].deadline.tolist() == ["2025-12-31T00:00:00"]
    written = chart_files.vega_lite(drawing)["datasets"]
    assert [row["value"] for row in written["series"]] == [0.1, 0.25]  # in thousand mu: the target is 1,000 mu
    assert written["goals"][0]["label"].startswith("2025 ")


def test_headroom_leaves_room_beside_the_largest_bar_in_a_few_steps():
    assert headroom(100) == 120  # 115 up to the next step
    assert headroom(101) == headroom(104) == 120  # figures that move a little keep the axis
    assert headroom(200) == 250
    assert headroom(0.8) == 1.0
    assert headroom(0) == headroom(None) == headroom(float("nan")) == 1.0
    for largest in (3, 47.5, 999, 123_456):
        assert largest * 1.15 <= headroom(largest) <= largest * 1.15 * 1.25


def test_frames_holding_lists_are_fingerprinted_by_their_text():
    frame = pd.DataFrame({"zone": ["川中"], "key_types": [np.array(["竹林经营", "森林经营"])]})
    same = pd.DataFrame({"zone": ["川中"], "key_types": [np.array(["竹林经营", "森林经营"])]})
    other = pd.DataFrame({"zone": ["川中"], "key_types": [np.array(["竹林经营"])]})
    assert fingerprint(frame) == fingerprint(same) != fingerprint(other)


def test_an_argument_that_cannot_be_fingerprinted_is_drawn_anew():
    calls = []

    @remembered
    def draw(value):
        calls.append(value)
        return object()

    draw({"a": 1})
    draw({"a": 1})
    assert len(calls) == 2


def test_a_map_is_kept_with_its_json_for_the_same_inputs():
    boundaries = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "510104", "name": "锦江区"},
         "geometry": {"type": "Point", "coordinates": [104.08, 30.65]}}]}
    zones = pd.DataFrame({"zone": ["川中"], "sort_order": [1]})

    def describe(row):
        return [f"{row.area_mu:,.0f} 亩"]

    deck = maps.region_map(boundaries, regions(), zones, "area_mu", describe, "zh")
    assert "1,000 \\u4ea9" in deck.to_json()  # 1,000 亩 in pydeck's ASCII JSON
    assert maps.region_map(boundaries, regions(), zones, "area_mu", describe, "zh") is deck
    changed = maps.region_map(boundaries, regions(area=2000.0), zones, "area_mu", describe, "zh")
    assert changed is not deck and "2,000 \\u4ea9" in changed.to_json()


def test_a_map_whose_tooltips_differ_is_drawn_anew():
    # two projects of the same county, zone and area: the project page's tooltip names the project, not the row
    boundaries = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "510104", "name": "锦江区"},
         "geometry": {"type": "Point", "coordinates": [104.08, 30.65]}}]}
    zones = pd.DataFrame({"zone": ["川中"], "sort_order": [1]})
    def project_map(name):  # one describe function, as a page writes it, closing over the project's name
        return maps.region_map(boundaries, regions(), zones, "area_mu", lambda row: [name], "en")

    first, second = project_map("Project A"), project_map("Project B")
    assert second is not first and "Project B" in second.to_json() and "Project A" in first.to_json()


def test_a_maps_json_holds_every_region_and_its_tooltip_lines_as_text():
    boundaries = maps.boundaries("sichuan_counties.geojson")
    zones = pd.DataFrame({"zone": ["川中"], "sort_order": [1]})
    lines = ["1,000 亩", "<b>占潜力</b> 10%"]  # markup in a figure's words stays text
    drawn = maps.region_map(boundaries, regions(), zones, "area_mu", lambda row: lines, "zh")
    deck = json.loads(drawn.to_json())
    layer = deck["layers"][0]
    features = layer["data"]["features"]
    assert [f["properties"]["name"] for f in features] == [f["properties"]["name"] for f in boundaries["features"]]
    assert [f["geometry"] for f in features] == [f["geometry"] for f in boundaries["features"]]  # written once, unchanged
    jinjiang = next(f["properties"] for f in features if f["properties"]["name"] == "锦江区")
    assert jinjiang["detail"] == "1,000 亩\n<b>占潜力</b> 10%" and jinjiang["zone"] == "川中"
    tooltip = _get_pydeck_tooltip(drawn)  # as Streamlit sends it: plain text, which the browser shows line by line
    assert tooltip["text"] == "{name}\n{zone}\n{detail}" and "html" not in tooltip
    others = [f["properties"]["detail"] for f in features if f["properties"]["name"] not in ("锦江区", "青羊区")]
    assert set(others) == {"—"}  # no figures: a dash, and grey
