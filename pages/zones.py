"""Zones and counties: each zone's project types against its focus types, rankings, and developed area against potential."""

import streamlit as st

from sinkboard import charts
from sinkboard.formats import percent
from sinkboard.ui import basis_caption, filters, lang, query, t, table, zone_label

chosen = filters()
st.title(t("zones_title"))
st.caption(basis_caption(chosen))

by_type = query("scale_by_type", **chosen)
st.subheader(t("type_mix"))
if not by_type.empty:
    key_share = by_type[by_type.focus == "key"].groupby(["zone", "zone_en"], sort=False).share_of_zone.sum()
    st.markdown(" · ".join(t("key_share", zone=zone_label(z, e), share=percent(s)) for (z, e), s in key_share.items()))
    st.altair_chart(charts.type_mix(by_type, lang()))
st.caption(t("type_mix_caption"))

left, right = st.columns(2)
for column, level in zip((left, right), ("prefecture", "county")):
    ranking = query("region_ranking", level=level, **chosen)
    column.subheader(t(f"ranking_{level}"))
    column.altair_chart(charts.ranking(ranking, lang()))
    with column:
        table(ranking, ["region_name", "prefecture_name", "projects", "area_mu", "potential_area_mu", "share_of_potential"],
              key=f"ranking_{level}_table")
st.caption(t("vs_potential_caption"))
