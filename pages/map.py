"""Map: prefectures or counties shaded by scale or share of potential, outlined by zone, with the boundaries' provenance."""

import streamlit as st

from sinkboard.app.ui import basis_caption, filters, lang, map_source, query, t, table
from sinkboard.charts import maps
from sinkboard.text.formats import percent, quantity

chosen = filters()
st.title(t("map_title"))
st.caption(basis_caption(chosen))

left, right = st.columns(2)
level = left.segmented_control(t("map_level"), ["prefecture", "county"], format_func=lambda v: t(f"level_{v}"),
                               default="county", required=True, key="map_level")
measure = right.segmented_control(t("map_measure"), ["area", "share"], format_func=lambda v: t(f"measure_{v}"),
                                  default="area", required=True, key="map_measure")


BOUNDARIES = {"prefecture": "sichuan_prefectures.geojson", "county": "sichuan_counties.geojson"}


def describe(row):
    return [quantity(row.area_mu, "area", lang()), t("map_share_line", share=percent(row.share_of_potential))]


def figure_text(value):
    return quantity(value, "area", lang()) if measure == "area" else percent(value, lang=lang())


figures = query("region_ranking", level=level, **chosen)
zones = query("zones")
column = "area_mu" if measure == "area" else "share_of_potential"
# pydeck draws no legend: the key stands beside the map (under it on a narrow screen)
shown, key = st.columns([4, 1])
shown.pydeck_chart(maps.region_map(maps.boundaries(BOUNDARIES[level]), figures, zones, column, describe, lang()),
                   height=620, key="region_map")
key.html(maps.key_html(figures, column, zones, t(f"measure_{measure}"), figure_text, lang()))
st.caption(map_source())
table(figures, ["region_name", "prefecture_name", "projects", "area_mu", "potential_area_mu", "share_of_potential"],
      key="map_table", name=f"map_{level}", more=("zone",))
