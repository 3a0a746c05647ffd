"""Potential: the assessed potential per zone, county and project type against the scale developed, what is left
untapped, and in each zone the counties with the most untapped potential in the zone's key project types."""

import streamlit as st

from sinkboard.app.ui import basis_caption, basis_label, chart_with_data, filters, lang, query, t, table
from sinkboard.charts import pools as charts
from sinkboard.text.formats import compact, percent

chosen = filters()
st.title(t("potential_title"))
st.caption(basis_caption(chosen))

total = query("potential_summary", by="total", **chosen)
if total.empty or not total.counties.iloc[0]:
    st.info(t("potential_none"))
    st.stop()
total = total.iloc[0]
basis = basis_label(chosen["basis"])
as_of = f"{chosen['as_of']:%Y-%m-%d}"

assessed, annual, developed, untapped = st.columns(4)
assessed.metric(t("tile_potential_area"), compact(total.potential_area_mu, lang()))
annual.metric(t("tile_potential_tco2e"), compact(total.potential_tco2e, lang()))
developed.metric(t("tile_developed", basis=basis), compact(total.developed_mu, lang()),
                 t("tile_share_developed", share=percent(total.share_developed, lang=lang())), delta_color="off",
                 delta_arrow="off")
untapped.metric(t("tile_untapped"), compact(total.untapped_mu, lang()))
st.caption(t("potential_caption", basis=basis))

st.subheader(t("potential_summary"))
group_by = st.segmented_control(t("group_by"), ["zone", "project_type"], format_func=lambda g: t(f"group_{g}"),
                                default="zone", required=True, key="potential_group")
summary = query("potential_summary", by=group_by, **chosen)
summary_columns = ["group_value", "potential_area_mu", "developed_mu", "share_developed", "untapped_mu",
                   "potential_tco2e", "counties", "unassessed_developed_mu"]
chart_with_data(charts.potential_vs_developed(summary, lang()), summary, summary_columns, key="potential_chart",
      name=f"potential_by_{group_by}")
table(summary, summary_columns[:5], more=summary_columns[5:], key="potential_summary_table",
      name=f"potential_by_{group_by}_table")
st.caption(t("potential_summary_caption", basis=basis, as_of=as_of))

st.subheader(t("untapped_title"))
top = query("untapped_key_types", **chosen)
if top.empty:
    st.info(t("untapped_none"))
else:
    top_columns = ["zone", "rank", "county_name", "untapped_mu", "share_developed", "potential_area_mu", "developed_mu",
                   "prefecture_name"]
    chart_with_data(charts.top_untapped(top, lang()), top, top_columns, key="untapped_chart", name="untapped_key_types")
    table(top, top_columns[:5], more=top_columns[5:], key="untapped_table", name="untapped_key_types_table")
st.caption(t("untapped_caption", basis=basis, as_of=as_of))

st.subheader(t("potential_counties"))
counties = query("potential_by_county", **chosen)
table(counties, ["county_name", "project_type", "untapped_mu", "share_developed", "potential_area_mu"],
      more=["zone", "prefecture_name", "developed_mu", "projects", "potential_tco2e"], key="potential_county_table",
      name="potential_by_county_type")
st.caption(t("potential_counties_caption", basis=basis, as_of=as_of))
