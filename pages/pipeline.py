"""Pipeline: projects by status, how long registration and issuance take, stalled projects, and who develops."""

import streamlit as st

from sinkboard.app.ui import area_filters, chart_beside_table, chart_with_data, filters, lang, mode, query, t, table
from sinkboard.charts import progress as charts
from sinkboard.text.catalogue import MERGED

chosen = filters()
scope = area_filters(chosen)
st.title(t("pipeline_title"))
st.caption(t("pipeline_caption", as_of=f"{chosen['as_of']:%Y-%m-%d}"))

st.subheader(t("pipeline_status"))
statuses = query("pipeline_status", **scope)
chart_with_data(charts.pipeline_status(statuses, lang()), statuses, ["status", "projects", "area_mu"], key="pipeline_status")
st.caption(t("pipeline_status_caption"))
if (statuses.status == MERGED).any():
    st.caption(t("pipeline_merged_note"))

st.subheader(t("durations"))
group_by = st.segmented_control(t("group_by"), ["zone", "project_type"], format_func=lambda g: t(f"group_{g}"),
                                default="zone", required=True, key="duration_group")
summary = query("duration_summary", group_by=group_by, **scope)
if not summary.empty:
    chart_beside_table(charts.durations(summary, lang()), key="durations_chart")
# a table for each span, with short headings: as one table of nine columns its quartiles run off the page
for span, count in [("registration", "registered_projects"), ("issuance", "issued_projects")]:
    st.markdown(f"**{t(f'durations_to_{span}')}**")
    spans = summary[["group_value", count, f"{span}_median", f"{span}_p25", f"{span}_p75"]].rename(
        columns={f"{span}_{figure_name}": f"duration_{figure_name}" for figure_name in ("median", "p25", "p75")})
    table(spans, ["group_value", count, "duration_median", "duration_p25", "duration_p75"], key=f"duration_{span}_table",
          name=f"durations_to_{span}")
st.caption(t("durations_caption"))

st.subheader(t("stalled"))
stalled = query("stalled_projects", **scope)
if stalled.empty:
    st.info(t("stalled_none"))
else:
    table(stalled, ["project_name", "county_name", "registered_date", "last_issued_date", "months_without_issuance"],
          more=["project_id", "project_type", "area_mu"], key="stalled_table")
st.caption(t("stalled_caption"))
if mode() == "public":
    st.caption(t("public_list_note"))

st.subheader(t("developer_mix"))
mix = query("developer_mix", **scope)
chart_with_data(charts.developer_mix(mix, lang()), mix, ["owner_type", "projects", "area_mu", "share_of_area"], key="developer_mix")
st.caption(t("developer_mix_caption"))
