"""Map: prefectures or counties shaded by scale or share of potential, outlined by zone, with the boundaries' provenance."""

import os

import streamlit as st

from sinkboard.app.ui import basis_caption, filters, lang, query, t, table
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


figures = query("region_ranking", level=level, **chosen)
column = "area_mu" if measure == "area" else "share_of_potential"
st.pydeck_chart(maps.region_map(maps.boundaries(BOUNDARIES[level]), figures, query("zones"), column, describe, lang()), height=620,
                key="region_map")
top = figures[column].max()
st.caption(t("map_legend", top=quantity(top, "area", lang()) if measure == "area" else percent(top)))
approval = os.environ.get("SINKBOARD_MAP_APPROVAL", "").strip()
st.caption(t("map_caption", approval=t("map_approval", number=approval) if approval else t("map_schematic")))
table(figures, ["region_name", "prefecture_name", "zone", "projects", "area_mu", "potential_area_mu", "share_of_potential"],
      key="map_table", name=f"map_{level}")
