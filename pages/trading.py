"""Trading: volume, value and price of the credits sold, by month and year, by platform, buyer, purpose, zone and project
type; micro carbon sinks; the spread of prices per platform; the largest organisation buyers. Individuals only as counts."""

import streamlit as st

from sinkboard.app.ui import area_filters, chart_beside_table, filters, lang, query, t, table, tabs
from sinkboard.charts import trading as charts
from sinkboard.figures import trading_terms
from sinkboard.text.formats import count, percent, price, quantity

chosen = filters()
scope = area_filters(chosen)
as_of = f"{chosen['as_of']:%Y-%m-%d}"
st.title(t("trading_title"))
st.caption(t("trading_caption", as_of=as_of))

headline = query("trades_headline", **scope).iloc[0]
if headline.total_trades == 0:
    st.info(t("trading_none", as_of=as_of))
    st.stop()


def tile_row(prefix, heading, compare=False):
    """Four tiles: trades, volume, value and volume-weighted average price; against the same part of last year if asked."""
    st.markdown(f"**{heading}**")
    figures = [("trades", count(headline[f"{prefix}_trades"], lang())),
               ("volume_tco2e", quantity(headline[f"{prefix}_volume_tco2e"], "carbon", lang())),
               # one decimal keeps "211.2M yuan" inside its tile; Chinese keeps its own (2.11亿元)
               ("amount_yuan", quantity(headline[f"{prefix}_amount_yuan"], "money", lang(),
                                        digits=1 if lang() == "en" else None)),
               ("average_price_yuan", price(headline[f"{prefix}_average_price_yuan"], lang()))]
    for column, (measure, value) in zip(st.columns(4), figures):
        delta = None
        if compare:
            moved = trading_terms.change(headline[f"year_{measure}"], headline[f"last_year_{measure}"])
            if moved is not None:
                delta = t("delta_yoy", change=("+" if moved > 0 else "") + percent(moved, lang=lang()))
        column.metric(t(f"tile_{measure}"), value, delta)


tile_row("year", t("trading_year_heading", year=int(headline.this_year), as_of=as_of), compare=True)
tile_row("total", t("trading_total_heading", as_of=as_of))
st.caption(t("trading_tiles_caption"))

st.subheader(t("trading_monthly"))
monthly = query("trades_by_month", **scope)
chart_beside_table(charts.monthly_trend(monthly, lang()), key="trades_by_month_chart")
with st.expander(t("trading_monthly_table")):
    table(monthly, ["month", "trades", "volume_tco2e", "amount_yuan", "priced_volume_tco2e", "average_price_yuan"],
          key="trades_by_month")
st.caption(t("trading_monthly_caption", as_of=as_of))

st.subheader(t("trading_yearly"))
yearly = query("trades_by_year", **scope)
table(yearly, ["year", "trades", "volume_tco2e", "amount_yuan", "priced_volume_tco2e", "average_price_yuan"],
      key="trades_by_year")
st.caption(t("trading_yearly_caption", as_of=as_of))

st.subheader(t("trading_breakdowns"))
period = st.segmented_control(t("trading_period"), trading_terms.PERIODS, default="to_date", required=True, key="trading_period",
                              format_func=lambda p: t(f"trading_period_{p}", year=chosen["as_of"].year))
period_scope = {**scope, "period_start": trading_terms.period_start(period, chosen["as_of"])}
period_label = t(f"trading_period_{period}", year=chosen["as_of"].year)
# only the open tab is run (each tab a query, a chart and a table): a click on another reruns the page for it
breakdown_tabs = tabs([f"trading_by_{d}" for d in trading_terms.DIMENSIONS], key="trading_breakdown")
for dimension, tab in zip(trading_terms.DIMENSIONS, breakdown_tabs):
    if not tab.open:
        continue
    with tab:
        breakdown = query("trades_by_dimension", dimension=dimension, **period_scope)
        if breakdown.empty:
            st.info(t("trading_period_none", period=period_label))
            continue
        chart_beside_table(charts.breakdown(breakdown, lang()), key=f"trades_by_{dimension}_chart")
        table(trading_terms.by_dimension(breakdown, dimension),
              [dimension, "trades", "volume_tco2e", "amount_yuan", "share_of_volume", "share_of_amount"],
              more=["average_price_yuan"], key=f"trades_by_{dimension}")
st.caption(t("trading_breakdowns_caption", period=period_label, as_of=as_of))

st.subheader(t("trading_spread"))
spread = query("trades_price_spread", **period_scope)
if spread.priced_trades.sum() == 0:
    st.info(t("trading_no_prices", period=period_label))
else:
    chart_beside_table(charts.price_spread(spread, lang()), key="trades_price_spread_chart")
    table(spread, ["platform", "priced_trades", "price_min_yuan", "price_p25_yuan", "price_median_yuan",
                   "price_p75_yuan", "price_max_yuan", "average_price_yuan"], key="trades_price_spread")
st.caption(t("trading_spread_caption", period=period_label, as_of=as_of))

st.subheader(t("trading_buyers"))
buyers = query("trades_top_buyers", top=trading_terms.TOP_BUYERS, **period_scope)
if buyers.empty:
    st.info(t("trading_buyers_none", period=period_label))
else:
    chart_beside_table(charts.top_buyers(buyers, lang()), key="trades_top_buyers_chart")
    table(buyers, ["rank", "buyer", "trades", "volume_tco2e", "amount_yuan", "average_price_yuan", "share_of_volume"],
          more=["buyer_type"], key="trades_top_buyers")
st.caption(t("trading_buyers_caption", top=trading_terms.TOP_BUYERS, period=period_label, as_of=as_of))

st.subheader(t("trading_micro"))
micro = query("trades_micro", **scope)
chart_beside_table(charts.micro_purchases(micro, lang()), key="trades_micro_chart")
with st.expander(t("trading_monthly_table")):
    table(micro, ["month", "individual_purchases", "individual_volume_tco2e", "small_purchases", "small_volume_tco2e"],
          key="trades_micro")
st.caption(t("trading_micro_caption", small=trading_terms.SMALL_PURCHASE_TCO2E, as_of=as_of))
