"""Carbon pools: stock and annual sink of the forest, bamboo, grassland and wetland pools by zone and year, and a county map
of the sink per mu (the policy's dynamic database of carbon pools)."""

import streamlit as st

from sinkboard.app.ui import area_filters, chart_with_data, filters, lang, map_source, query, t, table
from sinkboard.charts import maps
from sinkboard.charts import pools as charts
from sinkboard.text.formats import compact, count, exact, quantity

chosen = filters()
scope = area_filters(chosen)
as_of = f"{chosen['as_of']:%Y-%m-%d}"
st.title(t("pools_title"))

latest = query("carbon_latest", **scope).iloc[0]
if not latest.counties_reported:
    st.info(t("pools_none", as_of=as_of))
    st.stop()
year = int(latest.year)
st.caption(t("pools_caption", as_of=as_of, year=year, reported=count(latest.counties_reported, lang()),
             monitored=count(latest.counties_monitored, lang())))


def change(value):
    """A like-for-like change for a tile's delta, signed; none without a year before."""
    if latest.series_compared == 0 or value != value:
        return None
    return ("+" if value >= 0 else "") + compact(value, lang())


stock, sink, pool_area, per_mu = st.columns(4)
help_change = t("tile_change_help", previous=int(latest.previous_year)) if latest.series_compared else None
stock.metric(t("tile_stock", year=year), compact(latest.stock_tco2e, lang()),
             change(latest.stock_change_tco2e), help=help_change)
sink.metric(t("tile_sink", year=year), compact(latest.sink_tco2e, lang()),
            change(latest.sink_change_tco2e), help=help_change)
pool_area.metric(t("tile_pool_area", year=year), compact(latest.area_mu, lang()))
per_mu.metric(t("tile_sink_per_mu", year=year), exact(latest.sink_per_mu, lang(), 3))

st.subheader(t("pools_trend"))
counting = st.segmented_control(t("pools_counting"), ["comparable", "all"], format_func=lambda c: t(f"counting_{c}"),
                                default="comparable", required=True, key="pools_counting")
trend = query("carbon_trend", like_for_like=counting == "comparable", **scope)
trend_columns = ["year", "zone", "pool", "counties", "area_mu", "stock_tco2e", "sink_tco2e", "sink_per_mu"]
if trend.empty:
    st.info(t("pools_no_comparable"))
else:
    chart_with_data(charts.stock_trend(trend, lang()), trend, trend_columns, key="pools_stock", name="carbon_stock_trend")
    chart_with_data(charts.sink_trend(trend, lang()), trend, trend_columns, key="pools_sink", name="carbon_sink_trend")
st.caption(t("pools_comparable_caption", as_of=as_of) if counting == "comparable" else t("pools_all_caption", as_of=as_of))

st.subheader(t("pools_coverage"))
coverage = query("carbon_coverage", **scope)
table(coverage, ["year", "counties_reported", "counties_monitored", "counties_with_gaps", "series_missing",
                 "gap_counties"], key="pools_coverage")
st.caption(t("pools_coverage_caption"))

st.subheader(t("pools_by_zone"))
if not trend.empty:
    chart_with_data(charts.zone_sink_trend(trend, lang()), trend, trend_columns, key="pools_zones", name="carbon_sink_by_zone")
    table(trend, trend_columns, key="pools_table", name="carbon_pools_by_zone_year")
st.caption(t("pools_zone_caption", as_of=as_of))

st.subheader(t("pools_map", year=year))


def describe(row):
    if not row.pools:
        return [t("pools_not_reported", year=year)]
    return [f"{exact(row.sink_per_mu, lang(), 3)} {t('unit_sink_per_mu')}",
            t("pools_map_sink", sink=quantity(row.sink_tco2e, "carbon", lang())),
            t("pools_map_stock", stock=quantity(row.stock_tco2e, "carbon", lang()))]


def per_mu_text(value):
    return exact(value, lang(), 3)


counties, zones = query("carbon_by_county", **scope), query("zones")
# pydeck draws no legend: the key stands beside the map (under it on a narrow screen); a county that was a net source
# is red, apart from zero's white
shown, key = st.columns([4, 1])
shown.pydeck_chart(maps.region_map(maps.boundaries("sichuan_counties.geojson"), counties, zones, "sink_per_mu", describe,
                                   lang()), height=620, key="pools_map")
key.html(maps.key_html(counties, "sink_per_mu", zones, t("axis_with_unit", name=t("chart_sink_per_mu"), unit=t("unit_sink_per_mu")),
                       per_mu_text, lang()))
st.caption(t("pools_map_legend", year=year))
st.caption(map_source())
table(counties, ["region_name", "prefecture_name", "zone", "sink_per_mu", "sink_tco2e", "stock_tco2e", "area_mu"],
      key="pools_county_table", name=f"carbon_pools_counties_{year}")
