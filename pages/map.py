"""Map: prefectures or counties shaded by scale or share of potential, outlined by zone, with the boundaries' provenance."""

import os

import streamlit as st

from sinkboard import REFERENCE_DIR, charts
from sinkboard.formats import percent, quantity
from sinkboard.ui import basis_caption, filters, lang, query, t

chosen = filters()
st.title(t("map_title"))
st.caption(basis_caption(chosen))

left, right = st.columns(2)
level = left.segmented_control(t("map_level"), ["prefecture", "county"], format_func=lambda v: t(f"level_{v}"),
                               default="county", required=True, key="map_level")
measure = right.segmented_control(t("map_measure"), ["area", "share"], format_func=lambda v: t(f"measure_{v}"),
                                  default="area", required=True, key="map_measure")


@st.cache_data
def boundaries(level):
    files = {"prefecture": "sichuan_prefectures.geojson", "county": "sichuan_counties.geojson"}
    return charts.load_geojson(REFERENCE_DIR / "geo" / files[level])


figures = query("region_ranking", level=level, **chosen)
st.pydeck_chart(charts.region_map(boundaries(level), figures, query("zones"), measure, lang()), height=620, key="region_map")
approval = os.environ.get("SINKBOARD_MAP_APPROVAL", "").strip()
top = figures.area_mu.max() if measure == "area" else figures.share_of_potential.max()
st.caption(t("map_legend", top=quantity(top, "area", lang()) if measure == "area" else percent(top)))
st.caption(t("map_caption", approval=t("map_approval", number=approval) if approval else ""))
