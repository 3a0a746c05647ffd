"""The sidebar's choices without Streamlit (sinkboard/figures/choice.py): which dates and prefectures may be chosen, how
the choices are named, and the rows that head downloads and the briefing's sheets."""

import datetime as dt

import pandas as pd

from sinkboard.figures.choice import Choice, area_filters, as_of_in_range, choose, date_range, prefecture_names

ZONES = pd.DataFrame({"zone": ["川中", "川南"], "zone_en": ["Central Sichuan", "South Sichuan"]})
PREFECTURES = pd.DataFrame({"prefecture_code": ["510100", "510500"], "prefecture_name": ["成都市", "泸州市"],
                            "zone": ["川中", "川南"]})
FIRST, LATEST = dt.date(2020, 1, 10), dt.date(2023, 5, 1)


def test_dates_of_the_data():
    dates = pd.DataFrame({"first_date": [pd.Timestamp(FIRST)], "latest_date": [pd.Timestamp(LATEST)]}).iloc[0]
    assert date_range(dates) == (FIRST, LATEST)
    assert date_range(pd.DataFrame({"first_date": [pd.NaT], "latest_date": [pd.NaT]}).iloc[0]) is None


def test_the_as_of_date_is_kept_within_the_data_else_the_latest():
    assert as_of_in_range(dt.date(2022, 12, 31), FIRST, LATEST) == dt.date(2022, 12, 31)
    assert as_of_in_range(None, FIRST, LATEST) == LATEST
    assert as_of_in_range(dt.date(2024, 1, 1), FIRST, LATEST) == LATEST  # after a new ingest with less data


def test_only_the_zones_prefectures_may_be_chosen():
    assert prefecture_names(PREFECTURES, "川南") == {"510500": "泸州市"}
    assert prefecture_names(PREFECTURES, None) == {"510100": "成都市", "510500": "泸州市"}
    assert prefecture_names(PREFECTURES, None, "en") == {"510100": "Chengdu", "510500": "Luzhou"}


def test_a_choice_names_its_area_in_the_language():
    assert choose(ZONES, PREFECTURES, "en", LATEST, "development").area_name == "Whole province"
    zone = choose(ZONES, PREFECTURES, "en", LATEST, "development", zone="川南")
    assert (zone.zone_label, zone.area_name) == ("South Sichuan", "South Sichuan")
    prefecture = choose(ZONES, PREFECTURES, "zh", LATEST, "registered", zone="川中", prefecture_code="510100")
    assert prefecture.area_name == "成都市" and prefecture.in_area("x") == "成都市 · x"
    prefecture = choose(ZONES, PREFECTURES, "en", LATEST, "registered", zone="川南", prefecture_code="510500")
    assert prefecture.area_name == "Luzhou" and prefecture.context(False)[2] == ("Prefecture", "Luzhou")
    assert choose(ZONES, PREFECTURES, "zh", LATEST, "development", zone="", prefecture_code="") == Choice(
        "zh", LATEST, "development")  # "" is all, as the sidebar keeps it


def test_filters_and_context_rows():
    choice = choose(ZONES, PREFECTURES, "zh", LATEST, "registered", zone="川中", prefecture_code="510100")
    assert choice.filters == {"as_of": LATEST, "basis": "registered", "zone": "川中", "prefecture_code": "510100"}
    assert choice.area_filters == area_filters(choice.filters) == {"as_of": LATEST, "zone": "川中",
                                                                    "prefecture_code": "510100"}
    assert choice.context(False) == [("截至日期", "2023-05-01"), ("发展片", "川中"), ("市（州）", "成都市"),
                                     ("规模口径", "注册规模")]
    assert len(choice.context(True)) == 5
