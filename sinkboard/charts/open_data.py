"""Charts of the open-data pages: monthly trading by platform and subsidy spend by year and zone, drawn from the
monthly facts that the public warehouse holds too."""

import altair as alt

from sinkboard.charts import theme
from sinkboard.charts.common import axis_unit, drawn, label, remembered, rows, zone_name
from sinkboard.text.catalogue import text


@remembered
def trades_by_month(monthly, lang="zh"):
    """Volume a month, stacked by platform, and each platform's volume-weighted average price below it."""
    divisor, unit = axis_unit(monthly.volume_tco2e, "carbon", lang)
    shown = monthly.assign(volume=monthly.volume_tco2e / divisor, platform_label=[label(p, lang) for p in monthly.platform])
    return drawn(_trades_by_month, {"rows": shown, "priced": shown.dropna(subset=["average_price_yuan"])}, unit, lang,
                 title=text("page_open_trading", lang), unit=f"{unit} · {text('unit_price', lang)}")


def _trades_by_month(unit, lang):
    x = alt.X("month_end:T", title=None, axis=alt.Axis(format="%Y-%m"))
    # two columns: the platforms' English names side by side run past the right edge at 1280 px
    color = alt.Color("platform_label:N", title=None, legend=alt.Legend(labelLimit=320, columns=2))
    volume = alt.Chart(rows()).mark_bar().encode(
        x=x, y=alt.Y("sum(volume):Q", title=text("axis_with_unit", lang, name=text("open_volume", lang), unit=unit)),
        color=color, tooltip=[alt.Tooltip("month_end:T", format="%Y-%m"), "platform_label:N",
                              alt.Tooltip("volume_tco2e:Q", format=",.0f"), alt.Tooltip("trades:Q", format=",d")],
    ).properties(height=240)
    price = alt.Chart(rows("priced")).mark_line(point=True).encode(
        x=x, y=alt.Y("average_price_yuan:Q",
                     title=text("axis_with_unit", lang, name=text("open_price", lang), unit=text("unit_price", lang))),
        color=color, tooltip=[alt.Tooltip("month_end:T", format="%Y-%m"), "platform_label:N",
                              alt.Tooltip("average_price_yuan:Q", format=",.2f")],
    ).properties(height=200)
    # the months shared: a month's prices sit under its volume
    return alt.vconcat(volume, price).resolve_scale(x="shared", color="shared")


@remembered
def subsidies_by_year(years, lang="zh"):
    """Amount paid a year, stacked by zone, each zone in its own colour."""
    divisor, unit = axis_unit(years.amount_yuan.astype("float64"), "money", lang)
    shown = years.assign(amount=years.amount_yuan.astype("float64") / divisor,
                         zone_label=[zone_name(z, None, lang) for z in years.zone])
    label_of = dict(zip(shown.zone, shown.zone_label))
    zones = theme.in_plan_order(label_of)
    return drawn(_subsidies_by_year, {"rows": shown}, unit, tuple(zones), tuple(label_of[z] for z in zones),
                 title=text("page_open_subsidies", lang), unit=unit)


def _subsidies_by_year(unit, zones, labels):
    return alt.Chart(rows()).mark_bar().encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(amount):Q", title=unit),
        color=alt.Color("zone_label:N", title=None, scale=theme.zone_scale(zones, labels)),
        tooltip=["year:O", "zone_label:N", alt.Tooltip("amount:Q", format=",.1f"), alt.Tooltip("payments:Q", format=",d")],
    ).properties(height=300)


@remembered
def registry_by_type(by_type, lang="zh"):
    """Projects the public registry lists, per project type (most first), each bar stacked by zone in the policy's
    order."""
    zone_labels = [zone_name(z, e, lang) for z, e in zip(by_type.zone, by_type.zone_en)]
    zone_order = list(dict.fromkeys(zone_labels))  # the query lists zones in the policy's order
    zones = list(dict.fromkeys(by_type.zone))
    shown = by_type.assign(type_label=[label(v, lang) for v in by_type.project_type], zone_label=zone_labels,
                           zone_rank=[zone_order.index(z) for z in zone_labels])
    return drawn(_registry_by_type, {"rows": shown}, tuple(zones), tuple(zone_order), lang,
                 title=text("open_registry_chart_heading", lang), unit=text("open_registry_axis_projects", lang))


def _registry_by_type(zones, zone_order, lang):
    return alt.Chart(rows()).mark_bar().encode(
        x=alt.X("sum(projects):Q", title=text("open_registry_axis_projects", lang),
                axis=alt.Axis(format=",d", tickMinStep=1)),
        y=alt.Y("type_label:N", title=None, sort="-x", axis=alt.Axis(labelOverlap=False, labelLimit=160)),
        # one zone a line at the right: five English zone names side by side run past the edge at 1280 px
        color=alt.Color("zone_label:N", title=None, scale=theme.zone_scale(zones, zone_order),
                        legend=alt.Legend(orient="right")),
        order=alt.Order("zone_rank:Q"),
        tooltip=[alt.Tooltip("type_label:N", title=text("col_project_type", lang)),
                 alt.Tooltip("zone_label:N", title=text("col_zone", lang)),
                 alt.Tooltip("projects:Q", title=text("col_projects", lang), format=",d"),
                 alt.Tooltip("area_mu:Q", title=text("col_area_mu", lang), format=",.0f")],
    ).properties(height=alt.Step(24))
