"""English place names: every prefecture and county of the reference data has one, its generic term the one its
Chinese name ends in, and the English pages, downloads and briefing name places by it."""

import io
import re

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest
from pptx import Presentation
from test_briefing import every_text_in, make_pack

from sinkboard.ingest.regions import geography
from sinkboard.outputs import downloads
from sinkboard.text.catalogue import value_label

# the peoples an autonomous division is named for, as its Chinese name writes them
PEOPLES = {"藏族": "Tibetan", "羌族": "Qiang", "彝族": "Yi"}
# a proper name in Hanyu Pinyin without tones, or a transliteration of a Tibetan name (Garzê, Baiyü)
PROPER_NAME = re.compile(r"[A-Z][a-zêü]+(?:'[a-zêü]+)*")


def peoples(chinese):
    """The English of the peoples named in a Chinese name, in its order ("Tibetan and Qiang")."""
    named = sorted((chinese.index(people), english) for people, english in PEOPLES.items() if people in chinese)
    return " and ".join(english for _, english in named)


def expected_generic(chinese):
    """The English generic term a county-level name must end in, read from its Chinese name."""
    if chinese.endswith("自治县"):
        return f"{peoples(chinese)} Autonomous County"
    return {"区": "District", "县": "County", "市": "City"}[chinese[-1]]


@pytest.mark.parametrize("county", geography().counties, ids=lambda c: c["code"])
def test_every_county_is_named_in_english_with_its_type(county):
    chinese, english = county["name"], county["name_en"]
    generic = expected_generic(chinese)
    assert english.endswith(" " + generic), (chinese, english)
    proper = english.removesuffix(" " + generic)
    assert PROPER_NAME.fullmatch(proper), (chinese, english)  # one word: no second generic, no Han character
    if not chinese.endswith("自治县"):
        assert "Autonomous" not in english


@pytest.mark.parametrize("prefecture", geography().prefectures, ids=lambda p: p["code"])
def test_every_prefecture_is_named_in_english_with_its_type(prefecture):
    chinese, english = prefecture["name"], prefecture["name_en"]
    if chinese.endswith("自治州"):
        generic = f"{peoples(chinese)} Autonomous Prefecture"
        assert english.endswith(" " + generic), (chinese, english)
        assert PROPER_NAME.fullmatch(english.removesuffix(" " + generic)), (chinese, english)
    else:
        # a prefecture-level city is named alone, as English writes it ("Chengdu")
        assert chinese.endswith("市") and PROPER_NAME.fullmatch(english), (chinese, english)


def test_the_counts_and_one_english_name_per_place():
    geo = geography()
    assert len(geo.counties) == 183 and len(geo.prefectures) == 21
    # two counties of one prefecture never read the same in English
    pairs = [(c["prefecture_code"], c["name_en"]) for c in geo.counties]
    assert len(set(pairs)) == len(pairs)
    # the one Chinese name two counties share reads the same in English in both (市中区 of Neijiang and Leshan)
    shared = [c for c in geo.counties if c["name"] == "市中区"]
    assert [c["name_en"] for c in shared] == ["Shizhong District", "Shizhong District"]


@pytest.mark.parametrize("chinese, english", [
    # polyphones and apostrophes, worked out by hand
    ("什邡市", "Shifang City"), ("长宁县", "Changning County"), ("筠连县", "Junlian County"),
    ("荥经县", "Yingjing County"), ("郫都区", "Pidu District"), ("乐山市", "Leshan"), ("阆中市", "Langzhong City"),
    ("犍为县", "Qianwei County"), ("邛崃市", "Qionglai City"), ("蓬溪县", "Pengxi County"), ("宜宾市", "Yibin"),
    ("丹棱县", "Danling County"), ("乐至县", "Lezhi County"), ("朝天区", "Chaotian District"), ("会理市", "Huili City"),
    ("大安区", "Da'an District"), ("雅安市", "Ya'an"), ("广安区", "Guang'an District"), ("荣县", "Rong County"),
    # the autonomous divisions
    ("木里藏族自治县", "Muli Tibetan Autonomous County"), ("北川羌族自治县", "Beichuan Qiang Autonomous County"),
    ("峨边彝族自治县", "Ebian Yi Autonomous County"), ("凉山彝族自治州", "Liangshan Yi Autonomous Prefecture"),
    ("阿坝藏族羌族自治州", "Ngawa Tibetan and Qiang Autonomous Prefecture"),
    # Tibetan names as the national rules transliterate them
    ("甘孜藏族自治州", "Garzê Tibetan Autonomous Prefecture"), ("马尔康市", "Barkam City"), ("若尔盖县", "Zoigê County"),
    # a prefecture-level city by its name alone, a county-level one with its generic
    ("成都市", "Chengdu"), ("都江堰市", "Dujiangyan City"), ("锦江区", "Jinjiang District"),
])
def test_places_read_in_english(chinese, english):
    assert value_label(chinese, "en") == english
    assert value_label(chinese, "zh") == chinese


def test_an_english_download_names_places_in_english():
    frame = pd.DataFrame({"project_name": ["木里藏族自治县造林碳汇项目"], "county_name": ["木里藏族自治县"],
                          "prefecture_name": ["凉山彝族自治州"], "region_name": ["西昌市"], "zone": ["川西南"]})
    columns = list(frame.columns)
    english = downloads.labelled(frame, columns, "en")
    assert english.iloc[0].tolist() == ["木里藏族自治县造林碳汇项目", "Muli Tibetan Autonomous County",
                                        "Liangshan Yi Autonomous Prefecture", "Xichang City", "Southwest Sichuan"]
    assert "Muli Tibetan Autonomous County,Liangshan Yi Autonomous Prefecture" in downloads.csv_bytes(english, []).decode(
        "utf-8-sig")
    assert downloads.labelled(frame, columns, "zh").iloc[0].tolist() == frame.iloc[0].tolist()


# --- the English pages, through app.py, on the mini exports (projects in 锦江区 of 成都市 and 西昌市 of 凉山州) ---

CHINESE_PLACE_NAMES = {p["name"] for p in geography().prefectures} | {c["name"] for c in geography().counties}


def page_text(app):
    """What an English page shows in its main part: texts, tiles, tables, charts' data and the map's tooltips."""
    parts = [e.value for kind in ("markdown", "title", "subheader", "caption", "info", "warning", "text")
             for e in getattr(app, kind)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    for chart in app.get("vega_lite_chart"):
        # the spec, and of the chart's data the fields it draws (axes, labels, tooltips)
        parts.append(chart.proto.spec)
        fields = set(re.findall(r'"field": "(\w+)"', chart.proto.spec))
        for dataset in chart.proto.datasets:
            frame = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
            parts.append(frame[[c for c in frame.columns if c in fields]].to_csv())
    parts += [deck.proto.json for deck in app.get("deck_gl_json_chart")]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page, shown", [
    ("pages/overview.py", []),
    ("pages/zones.py", ["Xichang City", "Liangshan Yi Autonomous Prefecture"]),
    ("pages/map.py", ["Xichang City", "Liangshan Yi Autonomous Prefecture"]),
    ("pages/registry.py", ["Xichang City"]),
    ("pages/subsidies.py", ["Liangshan Yi Autonomous Prefecture"]),
])
def test_english_pages_name_places_in_english(open_app, mini_warehouse, page, shown):
    app = open_app(mini_warehouse, page=page, lang="en")
    app.selectbox(key="prefecture_code").set_value("513400").run()
    assert "Liangshan Yi Autonomous Prefecture" in app.selectbox(key="prefecture_code").options
    text = page_text(app)
    assert not [name for name in CHINESE_PLACE_NAMES if name in text]
    assert all(name in text for name in shown), shown
    # and across the province, the counties of both prefectures
    text = page_text(open_app(mini_warehouse, page=page, lang="en"))
    assert not [name for name in CHINESE_PLACE_NAMES if name in text]
    if page in ("pages/zones.py", "pages/map.py", "pages/registry.py"):
        assert "Jinjiang District" in text and "Xichang City" in text


# --- the English briefing: the deck and the workbook, on the sample, for 凉山彝族自治州 ---

def test_the_english_deck_and_workbook_name_places_in_english(sample_warehouse):
    _, deck_bytes, workbook_bytes = make_pack(sample_warehouse, "en", prefecture_code="513400")
    liangshan_counties = {c["name_en"] for c in geography().counties if c["prefecture_code"] == "513400"}
    for package in (deck_bytes, workbook_bytes):
        text = every_text_in(package)
        assert "Liangshan Yi Autonomous Prefecture" in text and "凉山彝族自治州" not in text
    # the county of each stalled project, on its slide's table and its sheet (project names stay as registered)
    slide_counties = [row.cells[column].text
                      for slide in Presentation(io.BytesIO(deck_bytes)).slides for shape in slide.shapes
                      if shape.has_table
                      for column in [c for c, cell in enumerate(shape.table.rows[0].cells) if cell.text == "County"]
                      for row in list(shape.table.rows)[1:]]
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["Overdue for issuance"]  # the stalled projects
    header = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "Project ID")
    column = header.index("County")
    rows = list(sheet.iter_rows(values_only=True))
    sheet_counties = [r[column] for r in rows[rows.index(header) + 1:]]
    assert slide_counties and sheet_counties
    assert set(slide_counties) <= liangshan_counties and set(sheet_counties) <= liangshan_counties
