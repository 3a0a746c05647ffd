"""A project's county on the map: the province's counties with that one shaded, the view centred on it."""

import math

import pydeck as pdk

from sinkboard.charts import maps

# the county spans about this many pixels, within zooms close enough to tell it and wide enough to see where it lies
COUNTY_PIXELS = 220
ZOOMS = (6.0, 9.0)


def _points(coordinates):
    """Every [lon, lat] pair of a (Multi)Polygon's nested coordinate lists."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
        return
    for part in coordinates:
        yield from _points(part)


def county_view(boundaries, county_code):
    """A view centred on the county's bounding box and zoomed to it, or None when the boundaries lack the county."""
    feature = next((f for f in boundaries["features"] if f["properties"]["code"] == county_code), None)
    if feature is None:
        return None
    points = list(_points(feature["geometry"]["coordinates"]))
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    span = max(max(lons) - min(lons), max(lats) - min(lats), 0.01)
    # at zoom z the 360 degrees of longitude take 256 * 2**z pixels
    zoom = min(max(math.log2(COUNTY_PIXELS * 360 / (256 * span)), ZOOMS[0]), ZOOMS[1])
    return pdk.ViewState(latitude=(min(lats) + max(lats)) / 2, longitude=(min(lons) + max(lons)) / 2, zoom=round(zoom, 2))


def project_county(boundaries, project, zones, describe, lang="zh"):
    """The county of one project (a frame of one row with region_code, zone and area_mu) shaded, the others grey."""
    return maps.region_map(boundaries, project, zones, "area_mu", describe, lang,
                           view=county_view(boundaries, project.region_code.iloc[0]))
