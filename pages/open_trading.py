"""Open data: carbon-sink trading month by month and by platform, from monthly figures anyone may see."""

import streamlit as st

from sinkboard.app.ui import area_filters, chart_with_data, filters, freshness, lang, query, t
from sinkboard.charts import open_data

chosen = filters()
st.title(t("page_open_trading"))
st.caption(t("open_trading_caption", as_of=f"{chosen['as_of']:%Y-%m-%d}"))
monthly = query("open_trades_by_month", **area_filters(chosen))
if monthly.empty:
    st.info(t("open_no_trades"))
else:
    chart_with_data(open_data.trades_by_month(monthly, lang()), monthly,
          ["month_end", "platform", "trades", "volume_tco2e", "amount_yuan", "average_price_yuan"], key="open_trades")
st.caption(freshness())
