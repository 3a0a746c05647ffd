"""Open data: subsidy spend by budget year and zone, from totals anyone may see (no payment is listed)."""

import streamlit as st

from sinkboard.app.ui import area_filters, chart_with_data, filters, freshness, lang, query, t
from sinkboard.charts import open_data

chosen = filters()
st.title(t("page_open_subsidies"))
st.caption(t("open_subsidies_caption", as_of=f"{chosen['as_of']:%Y-%m-%d}"))
years = query("open_subsidies_by_year", **area_filters(chosen))
if years.empty:
    st.info(t("open_no_subsidies"))
else:
    chart_with_data(open_data.subsidies_by_year(years, lang()), years, ["year", "zone", "payments", "amount_yuan"],
          key="open_subsidies")
st.caption(freshness())
