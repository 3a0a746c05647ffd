"""Maps as pydeck Decks: regions shaded by a figure and outlined in their zone's colour, drawn without any basemap from
outside; and the map's key (its colour ramp with values, the zones' outlines) as HTML to stand beside it."""

import html
import json
import os
import threading
import weakref
from collections import OrderedDict
from functools import cache, cached_property
from typing import NamedTuple

import pandas as pd
import pydeck as pdk

from sinkboard import REFERENCE_DIR
from sinkboard.charts import theme
from sinkboard.charts.common import fingerprint, label
from sinkboard.charts.theme import FONT
from sinkboard.text.catalogue import text
from sinkboard.text.hidden import visible


class Ramp(NamedTuple):
    """The colours of a map's figures: from low to high. Where a figure can be negative (a net source) the ramp
    diverges: red below 0, white at 0, green above, each side stretched to its own end, so that a source never looks
    like zero; otherwise pale (0) to dark green."""
    low: float
    high: float

    @property
    def diverging(self):
        return self.low < 0


def ramp(values):
    """The ramp of these figures: from the lowest (or 0) to the highest (or 0)."""
    shown = pd.Series(values, dtype="float64").dropna()
    if shown.empty:
        return Ramp(0.0, 0.0)
    return Ramp(min(0.0, float(shown.min())), max(0.0, float(shown.max())))


def _mix(start, end, t):
    return [round(start[i] + (end[i] - start[i]) * t) for i in range(3)]


def shade(value, scale):
    """The [r, g, b, a] of a figure on the ramp; grey where there is no figure."""
    if value is None or pd.isna(value):
        return theme.rgb(theme.NO_FIGURE) + [200]
    value = float(value)
    if scale.diverging:
        red, white, green = theme.DIVERGING_ENDS
        if value < 0:
            return _mix(white, red, min(1.0, value / scale.low)) + [230]
        return _mix(white, green, min(1.0, value / scale.high) if scale.high else 0.0) + [230]
    pale, green = theme.SEQUENTIAL_ENDS
    return _mix(pale, green, max(0.0, min(1.0, value / scale.high)) if scale.high else 0.0) + [220]


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
    scale = ramp(shown)
    # a region named as the query names it (its English name in English, where the query gives one), else as the
    # boundary file does
    names = figures.region_name if "region_name" in figures else pd.Series([None] * len(figures))
    by_code = {code: (zone, None if pd.isna(value) else value, name)
               for code, zone, value, name in zip(figures.region_code, figures.zone, shown, names)}
    zone_names = dict(zip(zones.zone, zones.zone_en if "zone_en" in zones else zones.zone))
    features = []
    for feature, geometry in zip(boundaries["features"], boundaries.geometry_json):
        code = feature["properties"]["code"]
        zone, value, name = by_code.get(code, (None, None, None))
        properties = {
            "name": label(visible(name) if isinstance(name, str) and name else feature["properties"]["name"], lang),
            "zone": _zone_label(zone, zone_names.get(zone), lang),
            "detail": details.get(code, "—"),
            "fill": shade(value, scale),
            "line": theme.rgb(theme.zone_color(zone)) + [255],
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


def _zone_label(zone, zone_en, lang):
    if zone is None or pd.isna(zone):
        return ""
    if lang == "en" and isinstance(zone_en, str) and zone_en:
        return zone_en
    return label(zone, lang)


def key_html(figures, column, zones, title, value_text, lang="zh"):
    """The map's key as HTML, to stand beside it (pydeck draws no legend): what the colours measure (title, with its
    unit), the ramp upright with its highest figure at the top, its lowest at the bottom and 0 where it lies, as
    value_text(figure) writes them; grey for no figure; each zone's outline colour by name. Every text is escaped."""
    scale = ramp(figures[column])

    def css(color):
        return "rgb({},{},{})".format(*color[:3])

    # positions from the top of the ramp, in %
    if scale.diverging:
        zero = 100 * scale.high / (scale.high - scale.low)
        gradient = (f"{css(theme.DIVERGING_ENDS[2])} 0%, {css(theme.DIVERGING_ENDS[1])} {zero:.1f}%, "
                    f"{css(theme.DIVERGING_ENDS[0])} 100%")
        # 0's label kept clear of the end labels; a tick across the ramp marks where 0 truly is
        marks = [(0.0, value_text(scale.high), "0"), (min(max(zero, 30.0), 70.0), value_text(0), "-50%"),
                 (100.0, value_text(scale.low), "-100%")]
        tick = f'<div style="position:absolute;left:0;right:0;top:{zero:.1f}%;border-top:1px solid {theme.INK}"></div>'
    else:
        gradient = f"{css(theme.SEQUENTIAL_ENDS[1])} 0%, {css(theme.SEQUENTIAL_ENDS[0])} 100%"
        marks = [(0.0, value_text(scale.high), "0"), (100.0, value_text(0), "-100%")]
        tick = ""
    escape = html.escape
    no_figure, outlines = escape(text("map_key_no_figure", lang)), escape(text("map_key_zones", lang))
    labels = "".join(
        f'<span style="position:absolute;left:0;top:{top:.1f}%;transform:translateY({shift});white-space:nowrap">'
        f'{escape(str(words))}</span>' for top, words, shift in marks)
    zone_rows = "".join(
        f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="width:14px;height:10px;border:3px solid {theme.zone_color(z)};flex:none"></span>'
        f'{escape(visible(_zone_label(z, e, lang)))}</div>'
        for z, e in zip(zones.zone, zones.zone_en if "zone_en" in zones else zones.zone))
    return (
        f'<div style="font-family:{FONT};font-size:13px;color:{theme.INK};line-height:1.35">'
        f'<div style="font-weight:600;margin-bottom:6px">{escape(visible(title))}</div>'
        f'<div style="display:flex;gap:8px;height:150px">'
        f'<div style="position:relative;width:16px;flex:none;border:1px solid {theme.GRID};'
        f'background:linear-gradient(to bottom, {gradient})">{tick}</div>'
        f'<div style="position:relative;flex:1">{labels}</div></div>'
        f'<div style="display:flex;align-items:center;gap:6px;margin:10px 0 12px">'
        f'<span style="width:16px;height:12px;background:{theme.NO_FIGURE};flex:none"></span>{no_figure}</div>'
        f'<div style="font-weight:600;margin-bottom:2px">{outlines}</div>{zone_rows}</div>')


def vega_map(boundary_url, figures, zones, column, describe, measure, value_format, lang="zh", title=""):
    """The same map as a Vega-Lite spec, for pages without pydeck (the static public site): the regions of the boundary
    file at boundary_url (fetched by the browser from the page's own site), shaded by the figure on the same ramp (a
    legend with its figures), grey without a figure, outlined in their zone's colour, with the same tooltip lines.
    Written as a spec directly: its shape changes with every ramp, which Altair would build anew each time."""
    from sinkboard.charts.common import Drawing, shown_text

    details = {row.region_code: visible("\n".join(describe(row))) for row in figures.itertuples(index=False)}
    names = figures.region_name if "region_name" in figures else figures.region_code
    zone_names = dict(zip(zones.zone, zones.zone_en if "zone_en" in zones else zones.zone))
    shown = pd.DataFrame({
        "region_code": figures.region_code,
        "region": [label(n, lang) if isinstance(n, str) else "" for n in names],
        "zone_label": [_zone_label(z, zone_names.get(z), lang) for z in figures.zone],
        "detail": [details[c] for c in figures.region_code],
        "value": figures[column].astype("float64"),
    })
    scale = ramp(shown.value)

    def css(color):
        return "rgb({},{},{})".format(*color)

    if scale.diverging:
        domain, colours = [scale.low, 0, scale.high], [css(c) for c in theme.DIVERGING_ENDS]
    else:
        domain, colours = [0, scale.high or 1], [css(c) for c in theme.SEQUENTIAL_ENDS]
    zone_scale = {"domain": [visible(_zone_label(z, zone_names.get(z), lang)) for z in zones.zone],
                  "range": [theme.zone_color(z) for z in zones.zone]}
    lookup = {"lookup": "properties.code",
              "from": {"data": {"name": "rows"}, "key": "region_code", "fields": ["region", "zone_label", "detail", "value"]}}
    lines = [{"field": field, "type": "nominal", "title": " "} for field in ("region", "zone_label", "detail")]
    spec = {
        "config": theme.config(),
        "data": {"url": boundary_url, "format": {"type": "json", "property": "features"}},
        "projection": {"type": "mercator"},
        "width": "container",
        "height": 520,
        "transform": [lookup],
        "layer": [
            # every region grey first; a region with a figure drawn over it in its colour, each outlined by its zone
            {"mark": {"type": "geoshape", "fill": theme.NO_FIGURE, "stroke": "white", "strokeWidth": 0.5}},
            {"transform": [{"filter": "isValid(datum.value)"}],
             "mark": {"type": "geoshape", "strokeWidth": 1.2},
             "encoding": {
                 "fill": {"field": "value", "type": "quantitative", "title": visible(measure),
                          "scale": {"domain": domain, "range": colours},
                          "legend": {"format": value_format, "orient": "right", "gradientLength": 160}},
                 "stroke": {"field": "zone_label", "type": "nominal", "title": None, "scale": zone_scale,
                            "legend": {"orient": "right", "symbolType": "square", "symbolFillColor": "white"}},
                 "tooltip": lines}},
            {"transform": [{"filter": "!isValid(datum.value)"}],
             "mark": {"type": "geoshape", "fill": None, "strokeWidth": 1.2},
             "encoding": {"stroke": {"field": "zone_label", "type": "nominal", "scale": zone_scale, "legend": None},
                          "tooltip": [{"field": "properties.name", "type": "nominal", "title": " "}, lines[1]]}},
        ],
    }
    return Drawing(spec, {"rows": shown_text(shown)}, visible(title), visible(measure))
