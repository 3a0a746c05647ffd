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
        "90% · Behind": "end",  # beside its bar it ran across the 100% line
        "100% · On track": "end",
        "50% · Behind": "end",
        "30% · Behind": "start",  # far from the line: beside the bar
        "112% · Achieved": "start",  # past the line already
        "20% · No zone target": "start",  # a zone without a target of its own: its share of the province's
    }
