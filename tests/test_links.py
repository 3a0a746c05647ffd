"""Addresses of views: the parameters a page accepts are checked against an allow-list; the rest is ignored."""

import datetime as dt

import pytest

from sinkboard.app.links import iframe_snippet, read_parameters, view_address

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


def test_the_embed_helper_gives_a_snippet(open_app, mini_warehouse):
    app = open_app(mini_warehouse, page="pages/embed.py", env={"SINKBOARD_PUBLIC_URL": "https://carbon.example.gov.cn"})
    codes = [c.value for c in app.code]
    assert codes[0].startswith("https://carbon.example.gov.cn/?embed=true&lang=zh")
    assert codes[1].startswith('<iframe src="https://carbon.example.gov.cn/?embed=true')
