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
rankings = {}
for column, level in zip((left, right), ("prefecture", "county")):
    rankings[level] = query("region_ranking", level=level, **chosen)
    column.subheader(t(f"ranking_{level}"))
    column.altair_chart(charts.ranking(rankings[level], lang()))
st.caption(t("vs_potential_caption"))

st.subheader(t("county_table"))
st.caption(t("county_table_caption"))
picked = table(rankings["county"], ["region_name", "prefecture_name", "zone", "projects", "area_mu", "potential_area_mu",
                                    "share_of_potential"], key="county_table", selectable=True)
county = rankings["county"].iloc[picked[0]] if picked else None
st.subheader(t("projects_in", area=county.region_name if county is not None else t("projects_in_filter")))
projects = query("area_projects", county_code=None if county is None else county.region_code, **{
    k: chosen[k] for k in ("as_of", "zone", "prefecture_code")})
table(projects, ["project_id", "project_name", "county_name", "project_type", "status", "area_mu", "start_date",
                 "registered_date", "first_issued_date", "issued_tco2e"], key="projects_table")
