"""Charts and maps are kept by their inputs: a rerun with the same figures hands out the same chart, a change in any
figure, or in the language, draws a new one."""

import numpy as np
import pandas as pd

from sinkboard.charts import maps
from sinkboard.charts.common import fingerprint, remembered
from sinkboard.charts.progress import ranking


def regions(area=1000.0):
    return pd.DataFrame({"region_name": ["锦江区", "青羊区"], "zone": ["川中", "川中"], "area_mu": [area, 500.0],
                         "zone_en": ["Central", "Central"], "region_code": ["510104", "510105"],
                         "share_of_potential": [0.1, 0.2], "potential_area_mu": [5000.0, None]})


def test_the_same_figures_give_the_same_chart_and_other_figures_a_new_one():
    first = ranking(regions(), "zh")
    assert ranking(regions(), "zh") is first  # a fresh frame with equal content, as a cached query hands out
    assert ranking(regions(), "en") is not first
    assert ranking(regions(area=1001.0), "zh") is not first


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
