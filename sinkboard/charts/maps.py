"""Maps as pydeck Decks: regions shaded by a figure and outlined by zone, drawn without any basemap from outside."""

import html
import json
import os
import threading
import weakref
from collections import OrderedDict
from functools import cache

import pandas as pd
import pydeck as pdk

from sinkboard import REFERENCE_DIR
from sinkboard.charts.common import FONT, fingerprint, label

ZONE_COLORS = {1: [196, 110, 40], 2: [90, 100, 170], 3: [40, 130, 120], 4: [130, 160, 40], 5: [170, 60, 110]}


def _shade(value, top):
    """A green ramp from pale (0) to dark (top); grey where there is no figure."""
    if value is None or pd.isna(value) or not top:
        return [220, 220, 220, 200]
    t = max(0.0, min(1.0, float(value) / top))
    low, high = (237, 248, 233), (0, 90, 50)
    return [round(low[i] + (high[i] - low[i]) * t) for i in range(3)] + [220]


_JSON = weakref.WeakKeyDictionary()  # a deck -> its JSON (kept apart: pydeck writes every attribute of a deck)


class Deck(pdk.Deck):
    """A deck whose JSON is written once: the county boundaries make it megabytes, half a map page's server time."""

    def to_json(self):
        if self not in _JSON:
            _JSON[self] = super().to_json()
        return _JSON[self]


_DECKS, _DECKS_LOCK = OrderedDict(), threading.Lock()


def region_map(boundaries, figures, zones, column, describe, lang="zh", view=None):
    """Regions shaded by one figure, outlined in their zone's colour; no basemap from the internet.

    boundaries: GeoJSON dict of the level shown (properties code, name), from `boundaries()`; figures: one row per
    region with region_code, zone and the column shaded; zones: the zones query (for the colour order); describe(row)
    -> the tooltip's lines for a region with figures; view: a pdk.ViewState (default: the province).

    The last few maps are kept with their JSON, by everything they show (the tooltips' text included): a rerun that
    changes nothing on the map does not draw it again.
    """
    by_code = figures.set_index("region_code")
    details = {code: "<br/>".join(html.escape(line) for line in describe(row)) for code, row in by_code.iterrows()}
    view = view or pdk.ViewState(latitude=30.6, longitude=102.9, zoom=5.3)
    try:
        key = (id(boundaries), fingerprint(figures), fingerprint(zones), column, lang, tuple(details.items()),
               (view.latitude, view.longitude, view.zoom), os.environ.get("SINKBOARD_MAP_STYLE"))
    except TypeError:
        return _region_map(boundaries, by_code, zones, column, details, lang, view)
    with _DECKS_LOCK:
        if key in _DECKS:
            _DECKS.move_to_end(key)
            return _DECKS[key][1]
    deck = _region_map(boundaries, by_code, zones, column, details, lang, view)
    with _DECKS_LOCK:
        _DECKS[key] = (boundaries, deck)  # the boundaries kept alive, so that their id names them
        while len(_DECKS) > 32:
            _DECKS.popitem(last=False)
    return deck


@cache
def boundaries(file_name):
    """A boundary file of data/reference/geo, read once per process and shared read-only (maps are kept by it)."""
    return json.loads((REFERENCE_DIR / "geo" / file_name).read_text(encoding="utf-8"))


def _region_map(boundaries, by_code, zones, column, details, lang, view):
    top = float(by_code[column].max()) if by_code[column].notna().any() else 0.0
    zone_order = {z: i + 1 for i, z in enumerate(zones.sort_values("sort_order").zone)}
    features = []
    for feature in boundaries["features"]:
        code = feature["properties"]["code"]
        row = by_code.loc[code] if code in by_code.index else None
        zone = None if row is None else row["zone"]
        features.append({
            "type": "Feature",
            "geometry": feature["geometry"],
            "properties": {
                "name": html.escape(feature["properties"]["name"]),
                "zone": html.escape(label(zone, lang) or ""),
                "detail": details.get(code, "—"),
                "fill": _shade(None if row is None else row[column], top),
                "line": ZONE_COLORS.get(zone_order.get(zone), [90, 90, 90]) + [255],
            },
        })
    layer = pdk.Layer(
        "GeoJsonLayer",
        {"type": "FeatureCollection", "features": features},
        id="regions",
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        line_width_min_pixels=1.5,
    )
    tooltip = {"html": "<b>{name}</b><br/>{zone}<br/>{detail}", "style": {"fontFamily": FONT}}
    style = os.environ.get("SINKBOARD_MAP_STYLE")  # an intranet style URL; without it, no basemap at all
    if style:
        return Deck(layers=[layer], initial_view_state=view, tooltip=tooltip, map_provider="carto", map_style=style)
    return Deck(layers=[layer], initial_view_state=view, tooltip=tooltip, map_provider=None)
