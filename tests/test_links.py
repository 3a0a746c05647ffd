"""Addresses of views: the parameters a page accepts are checked against an allow-list; the rest is ignored."""

import datetime as dt

import pandas as pd
import pytest

from sinkboard.app.links import (
    iframe_snippet,
    read_parameters,
    site_address,
    site_area,
    site_as_of,
    site_as_of_options,
    site_zone_keys,
    view_address,
)

FIRST, LATEST = dt.date(2020, 1, 10), dt.date(2023, 5, 1)


def read(**params):
    return read_parameters(params, {"川南", "川中"}, {"510100"}, FIRST, LATEST)


def test_allowed_parameters_set_the_filters():
    assert read(lang="en", zone="川南", prefecture="510100", basis="registered", as_of="2022-12-31", embed="true") == (
        {"lang": "en", "zone": "川南", "prefecture_code": "510100", "basis": "registered", "as_of": dt.date(2022, 12, 31)}, [])


HOSTILE = ["'; drop table projects; --", "<script>alert(1)</script>", "../../etc/passwd", "川南' or '1'='1",
           "2022-13-45", "1900-01-01", "9999-12-31", "read_csv('/etc/passwd')", "\x00", "en\nzh", "%00", "${jndi:x}",
           "[link](http://example.com)", "'", '"', "\\", "0x41", "NaN", "-1", "1e308"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_ignored_never_used(value):
    chosen, ignored = read(lang=value, zone=value, prefecture=value, basis=value, as_of=value, sql=value)
    assert chosen == {}
    assert ignored == ["as_of", "basis", "lang", "prefecture", "sql", "zone"]


def test_an_iframe_snippet_escapes_its_address():
    address = view_address("https://example.org/", "map", zone="川南", lang="en")
    assert address == "https://example.org/map?embed=true&zone=%E5%B7%9D%E5%8D%97&lang=en"
    snippet = iframe_snippet(address + '"><script>', "地图")
    assert "<script>" not in snippet and 'title="地图"' in snippet


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_a_page_takes_its_filters_from_the_address_and_names_what_it_ignored(open_app, mini_warehouse, mode):
    app = open_app(mini_warehouse, mode, query_params={"lang": "en", "zone": "川南", "as_of": "2022-12-31", "debug": "1"})
    assert app.session_state["zone"] == "川南" and app.session_state["as_of"] == dt.date(2022, 12, 31)
    assert app.title[0].value == "Carbon-sink projects at a glance"
    assert any("debug" in c.value and "ignored" in c.value for c in app.caption)


def test_the_static_site_names_zones_by_their_plan_order_and_prefectures_by_code():
    keys = site_zone_keys(pd.DataFrame({"zone": ["川南", "川西南", "川中"], "sort_order": [4, 1, 5]}))
    assert keys == {"川西南": "z1", "川南": "z2", "川中": "z3"}
    assert site_area(keys, "川南", "510500") == "510500"
    assert site_area(keys, "川南", None) == "z2"
    assert site_area(keys, None, None) == "province"


def test_the_static_site_offers_every_year_end_and_the_latest_month_end():
    assert site_as_of_options(dt.date(2019, 1, 16), dt.date(2025, 10, 30)) == [
        dt.date(2019, 12, 31), dt.date(2020, 12, 31), dt.date(2021, 12, 31), dt.date(2022, 12, 31),
        dt.date(2023, 12, 31), dt.date(2024, 12, 31), dt.date(2025, 10, 31)]
    # the public warehouse's own dates (each fact at its month's end) give the same options
    assert site_as_of_options(dt.date(2019, 1, 31), dt.date(2025, 10, 31))[-2:] == [dt.date(2024, 12, 31),
                                                                                    dt.date(2025, 10, 31)]
    # data ending in December: its year end is the latest month end, offered once
    assert site_as_of_options(dt.date(2020, 3, 1), dt.date(2021, 12, 5)) == [dt.date(2020, 12, 31), dt.date(2021, 12, 31)]
    assert site_as_of_options(dt.date(2024, 2, 1), dt.date(2024, 2, 10)) == [dt.date(2024, 2, 29)]


@pytest.mark.parametrize(("chosen", "shown"), [
    (dt.date(2023, 5, 1), dt.date(2023, 5, 31)),  # the data's latest day: the latest month end counts the same facts
    (dt.date(2023, 4, 30), dt.date(2022, 12, 31)),  # a month end that is not the latest: its last year end
    (dt.date(2022, 12, 31), dt.date(2022, 12, 31)),
    (dt.date(2022, 1, 1), dt.date(2021, 12, 31)),
    (dt.date(2020, 6, 30), dt.date(2020, 12, 31)),  # before the first year end: the first option
])
def test_a_date_chosen_inside_maps_to_the_static_sites_date(chosen, shown):
    assert site_as_of(chosen, FIRST, LATEST) == shown


def test_a_static_views_address():
    assert site_address("https://open.example.gov.cn/", "en", "zones", "z2", dt.date(2024, 12, 31)) == (
        "https://open.example.gov.cn/en/zones.html?area=z2&as_of=2024-12-31&embed=1")
    assert site_address("https://open.example.gov.cn", "zh", "overview") == (
        "https://open.example.gov.cn/zh/overview.html?embed=1")
    assert site_address("https://open.example.gov.cn", "zh", "map", embed=False) == (
        "https://open.example.gov.cn/zh/map.html")


def test_the_embed_helper_gives_a_snippet(open_app, mini_warehouse):
    app = open_app(mini_warehouse, page="pages/embed.py", env={"SINKBOARD_PUBLIC_URL": "https://carbon.example.gov.cn",
                                                               "SINKBOARD_SITE_URL": "https://open.example.gov.cn"})
    codes = [c.value for c in app.code]
    # the mini data run from 2020-01-10 to 2023-05-01: the static site's latest month end is 2023-05-31
    assert codes[0] == "https://open.example.gov.cn/zh/overview.html?area=province&as_of=2023-05-31&embed=1"
    assert codes[1].startswith('<iframe src="https://open.example.gov.cn/zh/overview.html?area=province')
    assert codes[2].startswith("https://carbon.example.gov.cn/?embed=true&lang=zh")
    assert codes[3].startswith('<iframe src="https://carbon.example.gov.cn/?embed=true')
    assert any("2023-05-31" in c.value and "2023-05-01" in c.value for c in app.caption)
    assert not app.info


def test_the_embed_helper_says_what_the_static_view_shows_instead(open_app, mini_warehouse):
    app = open_app(mini_warehouse, page="pages/embed.py", env={"SINKBOARD_SITE_URL": "https://open.example.gov.cn"},
                   query_params={"lang": "en", "zone": "川南", "prefecture": "510500", "basis": "registered",
                                 "as_of": "2022-06-30"})
    app.selectbox(key="embed_page").set_value("zones").run()
    codes = [c.value for c in app.code]
    assert codes[0] == "https://open.example.gov.cn/en/zones.html?area=510500&as_of=2021-12-31&embed=1"
    assert 'title="Zones &amp; counties"' in codes[1]
    notices = [n.value for n in app.info]
    assert "2022-06-30 is not one of them" in notices[0] and "as of 2021-12-31" in notices[0]
    assert "(Development scale); for Registered scale, embed the live dashboard" in notices[1]
    app.toggle(key="embed_with_filters").set_value(False).run()
    assert app.code[0].value == "https://open.example.gov.cn/en/zones.html?embed=1" and not app.info
