"""Zones and counties: each zone's project types against its focus types, rankings, and developed area against potential."""

import streamlit as st

from sinkboard.app.ui import (
    SHOWN_ROWS,
    area_filters,
    basis_caption,
    chart_with_data,
    deferred_query,
    filters,
    lang,
    mode,
    query,
    t,
    table,
    zone_label,
)
from sinkboard.charts import progress as charts
from sinkboard.figures.summaries import key_type_shares
from sinkboard.text.catalogue import value_label
from sinkboard.text.formats import count, percent

chosen = filters()
st.title(t("zones_title"))
st.caption(basis_caption(chosen))

by_type = query("scale_by_type", **chosen)
st.subheader(t("type_mix"))
if not by_type.empty:
    shares = key_type_shares(by_type)
    # publicly, the area of merged cells has no type: the share is of the rest, and the line says how much that leaves out
    st.text(("\n" if shares.merged_share.any() else " · ").join(
        t("key_share_of_published", zone=zone_label(r.zone, r.zone_en), share=percent(r.key_share),
          merged=percent(r.merged_share)) if r.merged_share else
        t("key_share", zone=zone_label(r.zone, r.zone_en), share=percent(r.key_share)) for r in shares.itertuples()))
    chart_with_data(charts.type_mix(by_type, lang()), by_type, ["zone", "project_type", "projects", "area_mu", "share_of_zone"],
          key="type_mix")
st.caption(t("type_mix_caption"))

rankings = {}
for level in ("prefecture", "county"):
    rankings[level] = query("region_ranking", level=level, **chosen)
left, right = st.columns(2)
for column, level in zip((left, right), ("prefecture", "county")):
    with column:
        st.subheader(t(f"ranking_{level}"))
        chart_with_data(charts.ranking(rankings[level], lang()), rankings[level].head(15),
              ["region_name", "zone", "projects", "area_mu", "potential_area_mu", "share_of_potential"],
              key=f"ranking_{level}")
st.caption(t("vs_potential_caption"))

st.subheader(t("county_table"))
st.caption(t("county_table_caption"))
# the prefecture and zone in the chooser: with English names the table would not fit the page at 1280 px
picked = table(rankings["county"], ["region_name", "projects", "area_mu", "potential_area_mu", "share_of_potential"],
               more=["prefecture_name", "zone"], key="county_table", selectable=True)
county = rankings["county"].iloc[picked[0]] if picked else None
st.subheader(t("projects_in", area=value_label(county.region_name, lang()) if county is not None else t("projects_in_filter")))
in_area = {"county_code": None if county is None else county.region_code, **area_filters(chosen)}
projects = query("area_projects", limit=SHOWN_ROWS, **in_area)
if not projects.empty and projects.projects_in_area.iloc[0] > len(projects):
    # the province can hold hundreds of thousands of projects: the largest are shown, the download holds them all
    st.caption(t("projects_largest", shown=count(len(projects), lang()),
                 total=count(projects.projects_in_area.iloc[0], lang())))
table(projects, ["project_id", "project_name", "county_name", "status", "area_mu", "issued_tco2e"],
      more=["project_type", "start_date", "registered_date", "first_issued_date"], key="projects_table",
      complete=deferred_query("area_projects", limit=None, **in_area))
if mode() == "public":
    st.caption(t("public_list_note"))
