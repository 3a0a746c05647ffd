"""One design system: each zone in one colour on every chart and map, no dual axes, small multiples on shared scales,
maps with a key and a diverging ramp, exported charts headed by their title, unit, source and date, times in Beijing
time, and Streamlit's theme the same as the charts'."""

import datetime as dt
import json
import tomllib

import pandas as pd
import pytest

from sinkboard import PROJECT_ROOT
from sinkboard.app import page_list
from sinkboard.charts import maps, money, theme
from sinkboard.charts.common import Credit
from sinkboard.outputs import chart_files
from sinkboard.store import warehouse
from sinkboard.text.catalogue import value_label
from sinkboard.text.formats import moment

ZONE_FIELDS = {"zone", "zone_label"}
ZONES = {"川西南": "Southwest Sichuan", "川西北": "Northwest Sichuan", "川东北": "Northeast Sichuan", "川南": "South Sichuan",
         "川中": "Central Sichuan"}


def zone_of(shown):
    """The zone (its Chinese name) a label names, in either language; None for anything else."""
    for zone, english in ZONES.items():
        if shown in (zone, english, value_label(zone, "en")):
            return zone
    return None


def walk(node):
    """Every dict in a spec, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def zone_colours(spec):
    """(zone, colour) for each zone a chart's colour scale names."""
    found = []
    for node in walk(spec):
        color = node.get("color")
        if isinstance(color, dict) and color.get("field") in ZONE_FIELDS:
            scale = color.get("scale") or {}
            assert "domain" in scale and "range" in scale, f"zones coloured by the order a chart sees them: {color}"
            found += [(zone_of(shown), colour) for shown, colour in zip(scale["domain"], scale["range"])]
    return [(zone, colour) for zone, colour in found if zone is not None]


def independent_quantities(spec):
    """The channels a spec draws on two or more independent quantitative scales in one panel (a dual axis) or across
    the panels of a facet (small multiples that do not compare)."""
    wrong = []
    for node in walk(spec):
        resolved = node.get("resolve", {}).get("scale", {})
        for channel, how in resolved.items():
            if how != "independent" or channel not in ("x", "y"):
                continue
            if "layer" in node:
                wrong.append(("layer", channel))
            elif "facet" in node or "spec" in node:
                types = [n[channel].get("type") for n in walk(node.get("spec", {}))
                         if isinstance(n.get(channel), dict) and "field" in n[channel]]
                if "quantitative" in types:
                    wrong.append(("facet", channel))
    return wrong


@pytest.fixture(scope="module")
def page_charts(sample_warehouse, open_app_module):
    """Every chart spec and map every page draws, public and internal, in both languages: (page, lang, kind, spec)."""
    drawn = []
    for mode in ("internal", "public"):
        for page in page_list.pages_for(mode):
            for lang in ("zh", "en"):
                app = open_app_module(sample_warehouse, mode, page.file, lang)
                drawn += [(page.file, lang, "chart", json.loads(chart.proto.spec))
                          for chart in app.get("vega_lite_chart")]
                drawn += [(page.file, lang, "map", json.loads(deck.proto.json))
                          for deck in app.get("deck_gl_json_chart")]
    return drawn


@pytest.fixture(scope="module")
def open_app_module(monkeypatch_module):
    from streamlit.testing.v1 import AppTest

    def start(warehouse_dir, mode, page, lang):
        monkeypatch_module.setenv("SINKBOARD_WAREHOUSE", str(warehouse_dir))
        monkeypatch_module.setenv("SINKBOARD_MODE", mode)
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
        app.run()
        app.switch_page(page).run()
        if lang != "zh":
            app.radio(key="lang").set_value(lang).run()
        assert not app.exception, [e.message for e in app.exception]
        return app

    return start


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_each_zone_has_one_colour_on_every_chart_and_map(page_charts, sample_warehouse):
    seen = {}
    for page, lang, kind, spec in page_charts:
        if kind == "chart":
            pairs = zone_colours(spec)
        else:
            pairs = [(zone_of(f["properties"]["zone"]), "#{:02x}{:02x}{:02x}".format(*f["properties"]["line"][:3]))
                     for f in spec["layers"][0]["data"]["features"] if f["properties"]["zone"]]
        for zone, colour in pairs:
            seen.setdefault(zone, set()).add((colour.lower(), page, lang))
    # a page of each side draws the zones, in both languages: the public open-data pages and the pools' map
    pages = {page for pairs in seen.values() for _, page, _ in pairs}
    assert {"pages/open_subsidies.py", "pages/open_registry.py", "pages/pools.py", "pages/map.py"} <= pages
    assert set(seen) == set(ZONES)
    for zone, drawn in seen.items():
        assert {colour for colour, _, _ in drawn} == {theme.ZONE_COLORS[zone]}, (zone, drawn)
    # the subsidies page draws a category's zones in a tab a person opens: the same colours there
    con = warehouse.connect(sample_warehouse / "internal.duckdb")
    zones = warehouse.run_query(con, "subsidy_category_zones", category="注册奖励", as_of=dt.date(2025, 10, 31),
                                zone=None, prefecture_code=None)
    con.close()
    for lang in ("zh", "en"):
        pairs = zone_colours(money.category_zones(zones, lang).spec)
        assert pairs and all(colour == theme.ZONE_COLORS[zone] for zone, colour in pairs)


def test_no_chart_has_a_dual_axis_and_small_multiples_share_their_scales(page_charts):
    charts = [(page, lang, spec) for page, lang, kind, spec in page_charts if kind == "chart"]
    assert len(charts) > 30
    assert [(page, lang, independent_quantities(spec)) for page, lang, spec in charts
            if independent_quantities(spec)] == []
    # the checks find what they look for
    assert independent_quantities({"layer": [], "resolve": {"scale": {"y": "independent"}}}) == [("layer", "y")]
    facet = {"facet": {"field": "pool"}, "spec": {"mark": "line", "encoding": {"y": {"field": "v", "type": "quantitative"}}},
             "resolve": {"scale": {"y": "independent"}}}
    assert independent_quantities(facet) == [("facet", "y")]


def test_every_chart_and_map_takes_the_house_palette(page_charts):
    for page, lang, kind, spec in page_charts:
        if kind == "chart":
            assert spec["config"]["range"]["category"] == theme.PALETTE, page
            assert spec["config"]["font"] == theme.FONT, page


def county_figures(values):
    boundaries = maps.boundaries("sichuan_counties.geojson")
    codes = [f["properties"]["code"] for f in boundaries["features"][:len(values)]]
    figures = pd.DataFrame({"region_code": codes, "zone": ["川西南"] * len(values), "region_name": ["甲", "乙", "丙", "丁"][:len(values)],
                            "sink_per_mu": values})
    zones = pd.DataFrame({"zone": list(ZONES), "zone_en": list(ZONES.values()), "sort_order": range(1, 6)})
    return boundaries, figures, zones, codes


def test_a_net_source_on_the_map_is_red_and_zero_is_white():
    boundaries, figures, zones, codes = county_figures([-0.5, 0.0, 1.0, None])
    deck = json.loads(maps.region_map(boundaries, figures, zones, "sink_per_mu", lambda row: ["x"], "zh").to_json())
    fills = {f["properties"]["name"]: f["properties"]["fill"][:3] for f in deck["layers"][0]["data"]["features"]}
    assert fills["乙"] == [255, 255, 255]  # zero
    assert fills["甲"] == list(theme.DIVERGING_ENDS[0])  # the lowest figure, a source: full red
    assert fills["丙"] == list(theme.DIVERGING_ENDS[2])  # the highest: full green
    assert fills["丁"] == theme.rgb(theme.NO_FIGURE)
    # every name on hover is the query's, and every outline the zone's colour
    lines = {tuple(f["properties"]["line"][:3]) for f in deck["layers"][0]["data"]["features"]
             if f["properties"]["name"] in "甲乙丙丁"}
    assert lines == {tuple(theme.rgb(theme.ZONE_COLORS["川西南"]))}
    key = maps.key_html(figures, "sink_per_mu", zones, "每亩年固碳量", lambda v: f"{v:.2f} 吨/亩", "zh")
    assert "-0.50 吨/亩" in key and "0.00 吨/亩" in key and "1.00 吨/亩" in key and "每亩年固碳量" in key
    assert all(name in key for name in ZONES) and theme.ZONE_COLORS["川中"] in key and "无数据" in key


def test_a_map_of_figures_never_below_zero_runs_from_pale_to_dark_green():
    boundaries, figures, zones, _ = county_figures([0.0, 2.0])
    deck = json.loads(maps.region_map(boundaries, figures, zones, "sink_per_mu", lambda row: ["x"], "en").to_json())
    fills = {f["properties"]["name"]: f["properties"]["fill"][:3] for f in deck["layers"][0]["data"]["features"]}
    assert fills["甲"] == list(theme.SEQUENTIAL_ENDS[0]) and fills["乙"] == list(theme.SEQUENTIAL_ENDS[1])
    key = maps.key_html(figures, "sink_per_mu", zones, "Sink <b>", lambda v: f"{v:.1f} t", "en")
    assert "0.0 t" in key and "2.0 t" in key and "Southwest Sichuan" in key and "Sink &lt;b&gt;" in key


def test_an_exported_chart_carries_its_title_unit_source_and_date():
    regions = pd.DataFrame({"zone": ["川南", "川中"], "zone_en": ["South Sichuan", "Central Sichuan"],
                            "paid_yuan": [2_000_000.0, 500_000.0], "payments": [3, 1], "projects_funded": [2, 1]})
    drawing = money.category_zones(regions, "zh")
    assert "title" not in chart_files.vega_lite(drawing)  # on the page, the page's heading titles it
    credited = drawing._replace(credit=chart_files.credit("zh", "", "2025-10-31", True))
    spec = chart_files.vega_lite(credited)
    assert spec["title"]["text"] == "各发展片拨付额"
    subtitle = spec["title"]["subtitle"]
    assert subtitle[0] == "单位：万元"
    assert subtitle[1].startswith("来源：四川林草碳汇看板") and "合成示例数据" in subtitle[1]
    assert subtitle[2] == "范围：全省；数据截至 2025-10-31"
    svg = chart_files.svg(credited).decode("utf-8")
    assert "各发展片拨付额" in svg and "2025-10-31" in svg and "万元" in svg
    english = money.category_zones(regions, "en")._replace(credit=Credit("en", "Dashboard", "South Sichuan", "2025-10-31"))
    assert chart_files.vega_lite(english)["title"]["subtitle"][1:] == ["Source: Dashboard",
                                                                        "Area: South Sichuan; data as of 2025-10-31"]


def test_every_deck_picture_carries_its_source_and_date(sample_warehouse):
    from sinkboard.outputs import briefing

    con = warehouse.connect(sample_warehouse / "internal.duckdb")
    try:
        pack = briefing.gather(lambda name, **params: warehouse.run_query(con, name, **params), "en",
                               as_of=dt.date(2025, 10, 30))
    finally:
        con.close()
    charts = [slide.chart for slide in pack.slides if slide.chart is not None]
    assert charts
    for chart in charts:
        title = chart_files.vega_lite(chart)["title"]
        assert title["text"].strip() and title["subtitle"][-1] == "Area: Whole province; data as of 2025-10-30"


def test_times_are_shown_in_beijing_time_with_the_zone_stated():
    utc = dt.datetime(2025, 10, 31, 16, 30, tzinfo=dt.timezone.utc)
    assert moment(utc, "zh") == "2025-11-01 00:30（北京时间）"
    assert moment(utc, "en") == "2025-11-01 00:30 (Beijing time)"
    assert moment(pd.Timestamp("2025-10-31 16:30", tz="UTC"), "zh") == "2025-11-01 00:30（北京时间）"
    assert moment(dt.datetime(2025, 10, 31, 16, 30), "zh") == "2025-11-01 00:30（北京时间）"  # no zone: written in UTC
    assert moment(pd.NaT, "zh") == "—"


def test_streamlit_theme_is_the_charts_theme():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["theme"] == theme.streamlit_theme()
