"""The reference geography: Sichuan's 21 prefectures and 183 counties, the five zones of the policy, the former divisions."""

import json
from collections import Counter

from sinkboard import REFERENCE_DIR
from sinkboard.ingest.regions import geography


def test_counts_and_codes():
    geo = geography()
    assert len(geo.prefectures) == 21
    assert len(geo.counties) == 183
    assert all(c["code"].startswith("51") and len(c["code"]) == 6 for c in geo.counties)
    assert {c["prefecture_code"] for c in geo.counties} == {p["code"] for p in geo.prefectures}


def test_zones_follow_the_policy():
    geo = geography()
    members = {}
    for p in geo.prefectures:
        members.setdefault(p["zone"], set()).add(p["short_names"].split("|")[0])
    assert members == {
        "川西南": {"凉山州", "攀枝花"},
        "川西北": {"阿坝州", "甘孜州"},
        "川东北": {"巴中", "广元", "达州", "南充", "广安"},
        "川南": {"宜宾", "泸州", "乐山", "自贡", "内江"},
        "川中": {"成都", "绵阳", "雅安", "眉山", "遂宁", "德阳", "资阳"},
    }
    key = {z["zone"]: z["key_types"].split("|") for z in geo.zones}
    assert key["川南"] == ["竹子造林碳汇", "竹林经营碳汇"]
    assert key["川中"] == ["森林经营碳汇"]


def test_current_codes_of_renamed_divisions():
    names = {c["code"]: c["name"] for c in geography().counties}
    assert names["513402"] == "会理市" and names["510981"] == "射洪市" and names["511083"] == "隆昌市"
    assert names["510185"] == "简阳市" and names["510118"] == "新津区"
    for former in geography().former:
        assert former["current_code"] in names


def test_boundaries_match_the_tables():
    for level, expected in (("prefectures", 21), ("counties", 183)):
        features = json.loads((REFERENCE_DIR / "geo" / f"sichuan_{level}.geojson").read_text(encoding="utf-8"))["features"]
        assert len(features) == expected
    counties = json.loads((REFERENCE_DIR / "geo" / "sichuan_counties.geojson").read_text(encoding="utf-8"))["features"]
    assert Counter(f["properties"]["code"] for f in counties).most_common(1)[0][1] == 1
    assert {f["properties"]["code"] for f in counties} == {c["code"] for c in geography().counties}


def test_the_shipped_plan_is_the_2019_opinion_and_checks(monkeypatch):
    from sinkboard.ingest.contract import CATEGORIES
    from sinkboard.ingest.regions import check_plan, plans

    shipped = plans()
    assert [p["id"] for p in shipped] == ["2019-opinion"]
    plan = shipped[0]
    check_plan(plan, [p["code"] for p in geography().prefectures], CATEGORIES["project_type"])
    assert [(t["year"], t["zone"], t["value"]) for t in plan["targets"]] == [(2022, "全省", 15_000_000), (2025, "全省", 30_000_000)]
    assert geography().plan["id"] == "2019-opinion"


def test_a_plan_that_leaves_out_a_prefecture_is_refused():
    import pytest

    from sinkboard.ingest.contract import CATEGORIES
    from sinkboard.ingest.regions import PlanError, check_plan, plans

    plan = plans()[0]
    broken = {**plan, "zones": [{**plan["zones"][0], "prefectures": plan["zones"][0]["prefectures"][:1]}, *plan["zones"][1:]]}
    with pytest.raises(PlanError, match="exactly one zone"):
        check_plan(broken, [p["code"] for p in geography().prefectures], CATEGORIES["project_type"])
    typo = {**plan, "zones": [{**plan["zones"][0], "key_types": ["林下经济碳汇"]}, *plan["zones"][1:]]}
    with pytest.raises(PlanError, match="unknown project types"):
        check_plan(typo, [p["code"] for p in geography().prefectures], CATEGORIES["project_type"])
