"""Maps as pydeck Decks: regions shaded by a figure and outlined by zone, drawn without any basemap from outside."""

import json
import os
import threading
import weakref
from collections import OrderedDict
from functools import cache, cached_property

import pandas as pd
import pydeck as pdk

from sinkboard import REFERENCE_DIR
from sinkboard.charts.common import FONT, fingerprint, label
from sinkboard.text.hidden import visible

ZONE_COLORS = {1: [196, 110, 40], 2: [90, 100, 170], 3: [40, 130, 120], 4: [130, 160, 40], 5: [170, 60, 110]}


def _shade(value, top):
    """A green ramp from pale (0) to dark (top); grey where there is no figure."""
    if value is None or pd.isna(value) or not top:
        return [220, 220, 220, 200]
    t = max(0.0, min(1.0, float(value) / top))
    low, high = (237, 248, 233), (0, 90, 50)
    return [round(low[i] + (high[i] - low[i]) * t) for i in range(3)] + [220]


# kept apart from the deck, as pydeck writes every attribute of a deck into its JSON
_JSON = weakref.WeakKeyDictionary()  # a deck -> its JSON
_FEATURES = weakref.WeakKeyDictionary()  # a deck -> its regions as GeoJSON text, put in its JSON for FEATURES
FEATURES = "sinkboard:features"  # the layer's data as pydeck writes it; the regions' JSON takes its place


class Boundaries(dict):
    """A GeoJSON FeatureCollection of regions, each region's geometry also written as JSON once: the geometries are
    nearly all of a map's JSON (700 KB for the counties), too much to write again for every new figure."""

    @cached_property
    def geometry_json(self):
        return [json.dumps(feature["geometry"], separators=(",", ":")) for feature in self["features"]]


class Deck(pdk.Deck):
    """A deck whose JSON is written once, with its regions' geometries written once per boundary file."""

    def to_json(self):
        if self not in _JSON:
            text = super().to_json()
            if self in _FEATURES:
                text = text.replace(json.dumps(FEATURES), _FEATURES[self], 1)
            _JSON[self] = text
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
    # rows as named tuples: a row as a Series (iterrows) of Arrow-typed columns is slow, and a map has 183 counties
    details = {row.region_code: visible("\n".join(describe(row)))
               for row in figures.itertuples(index=False)}
    view = view or pdk.ViewState(latitude=30.6, longitude=102.9, zoom=5.3)
    try:
        key = (id(boundaries), fingerprint(figures), fingerprint(zones), column, lang, tuple(details.items()),
               (view.latitude, view.longitude, view.zoom), os.environ.get("SINKBOARD_MAP_STYLE"))
    except TypeError:
        return _region_map(boundaries, figures, zones, column, details, lang, view)
    with _DECKS_LOCK:
        if key in _DECKS:
            _DECKS.move_to_end(key)
            return _DECKS[key][1]
    deck = _region_map(boundaries, figures, zones, column, details, lang, view)
    with _DECKS_LOCK:
        _DECKS[key] = (boundaries, deck)  # the boundaries kept alive, so that their id names them
        while len(_DECKS) > 32:
            _DECKS.popitem(last=False)
    return deck


@cache
def boundaries(file_name):
    """A boundary file of data/reference/geo, read once per process and shared read-only (maps are kept by it)."""
    return Boundaries(json.loads((REFERENCE_DIR / "geo" / file_name).read_text(encoding="utf-8")))


def _region_map(boundaries, figures, zones, column, details, lang, view):
    if not isinstance(boundaries, Boundaries):
        boundaries = Boundaries(boundaries)
    shown = figures[column].astype("float64")
    top = float(shown.max()) if shown.notna().any() else 0.0
    by_code = {code: (zone, None if pd.isna(value) else value)
               for code, zone, value in zip(figures.region_code, figures.zone, shown)}
    zone_order = {z: i + 1 for i, z in enumerate(zones.sort_values("sort_order").zone)}
    features = []
    for feature, geometry in zip(boundaries["features"], boundaries.geometry_json):
        code = feature["properties"]["code"]
        zone, value = by_code.get(code, (None, None))
        properties = {
            "name": label(feature["properties"]["name"], lang),
            "zone": label(zone, lang) or "",
            "detail": details.get(code, "—"),
            "fill": _shade(value, top),
            "line": ZONE_COLORS.get(zone_order.get(zone), [90, 90, 90]) + [255],
        }
        features.append(f'{{"type":"Feature","geometry":{geometry},"properties":{json.dumps(properties)}}}')
    features = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    layer = pdk.Layer(
        "GeoJsonLayer",
        FEATURES,
        id="regions",
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        line_width_min_pixels=1.5,
    )
    # plain text, a line each (Streamlit escapes the values it puts in an HTML tooltip: a "<br/>" in one shows as
    # written, and nothing a region's name or figures hold can be read as HTML)
    tooltip = {"text": "{name}\n{zone}\n{detail}", "style": {"fontFamily": FONT, "whiteSpace": "pre-line"}}
    style = os.environ.get("SINKBOARD_MAP_STYLE")  # an intranet style URL; without it, no basemap at all
    if style:
        deck = Deck(layers=[layer], initial_view_state=view, tooltip=tooltip, map_provider="carto", map_style=style)
    else:
        deck = Deck(layers=[layer], initial_view_state=view, tooltip=tooltip, map_provider=None)
    _FEATURES[deck] = features
    return deck
