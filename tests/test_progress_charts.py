"""The overview's target bars: every area's label is drawn, and none runs across the dashed 100% line."""

import re
from html import unescape

import pandas as pd

from sinkboard.charts import progress
from sinkboard.outputs import chart_files


def labels_by_anchor(svg):
    """{label text: its text-anchor} of the SVG's text elements."""
    found = {}
    for attributes, content in re.findall(r"<text([^>]*)>([^<]*)</text>", svg):
        anchor = re.search(r'text-anchor="(\w+)"', attributes)
        found[unescape(content)] = anchor.group(1) if anchor else "start"
    return found


def test_labels_between_half_the_target_and_the_target_sit_inside_their_bars():
    areas = pd.DataFrame({
        "year": 2025, "sort_order": range(6),
        "zone": ["全省", "川西南", "川西北", "川东北", "川南", "川中"],
        "zone_en": ["Sichuan province", "Southwest Sichuan", "Northwest Sichuan", "Northeast Sichuan", "South Sichuan",
                    "Central Sichuan"],
        "share_of_target": [0.9, 1.0, 0.3, None, 1.12, 0.5],
        "share_of_province_target": [None, None, None, 0.2, None, None],
        "status": ["behind", "on_track", "behind", None, "achieved", "behind"],
    })
    svg = chart_files.svg(progress.target_bars(areas, 2025, "en")).decode()
    anchors = {text: anchor for text, anchor in labels_by_anchor(svg).items() if "%" in text and "·" in text}
    assert anchors == {
        "90.0% · Behind": "end",  # beside its bar it ran across the 100% line
        "100.0% · On track": "end",
        "50.0% · Behind": "end",
        "30.0% · Behind": "start",  # far from the line: beside the bar
        "112.0% · Achieved": "start",  # past the line already
        "20.0% · No zone target": "start",  # a zone without a target of its own: its share of the province's
    }


def test_a_bar_short_of_its_target_is_never_labelled_100():
    """The sample's 川西南 on 2025-10-30: 5,378,350 of 5,400,000 mu, 99.6%, on track."""
    areas = pd.DataFrame({"year": [2025], "sort_order": [1], "zone": ["川西南"], "zone_en": ["Southwest Sichuan"],
                          "share_of_target": [5_378_350 / 5_400_000], "share_of_province_target": [None],
                          "status": ["on_track"]})
    chart = progress.target_bars(areas, 2025, "zh")
    assert "99.6% · 按期" in labels_by_anchor(chart_files.svg(chart).decode())
