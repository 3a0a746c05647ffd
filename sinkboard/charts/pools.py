"""Charts of the carbon pools (stock and annual sink over the years) and of the assessed potential against development."""

import altair as alt
import pandas as pd

from sinkboard.charts import theme
from sinkboard.charts.common import (
    area_unit,
    axis_unit,
    drawn,
    label,
    remembered,
    rows,
    zone_name,
)
from sinkboard.ingest.contract import CATEGORIES
from sinkboard.text.catalogue import text
from sinkboard.text.formats import percent

POOLS = list(CATEGORIES["pool"])  # 森林, 竹林, 草地, 湿地, 其他: the order of the legend and of the stack


def _axis_title(key, unit, lang):
    return text("axis_with_unit", lang, name=text(key, lang), unit=unit)


def _pools(trend):
    """The pools the trend holds, in the legend's order."""
    return tuple(p for p in POOLS if p in set(trend.pool))


def _pool_color(pools, lang):
    shown = [label(p, lang) for p in pools]
    colors = [theme.POOL_COLORS.get(p, theme.GREY) for p in pools]
    return alt.Color("pool_label:N", title=None, sort=shown, scale=alt.Scale(domain=shown, range=colors))


def _with_pool_labels(trend, lang):
    return trend.assign(pool_label=[label(p, lang) for p in trend.pool],
                        pool_order=[POOLS.index(p) if p in POOLS else len(POOLS) for p in trend.pool])


@remembered
def stock_trend(trend, lang="zh"):
    """Carbon stock per pool over the years, stacked (the zones of the area summed)."""
    divisor, unit = axis_unit(trend.groupby(["year"]).stock_tco2e.sum(), "carbon", lang)
    shown = _with_pool_labels(trend, lang).assign(value=trend.stock_tco2e / divisor)
    return drawn(_stock_trend, {"rows": shown}, unit, _pools(trend), lang, title=text("chart_title_stock", lang), unit=unit)


def _stock_trend(unit, pools, lang):
    return alt.Chart(rows()).mark_area(opacity=0.9).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(value):Q", title=_axis_title("chart_stock", unit, lang), stack="zero"),
        color=_pool_color(pools, lang),
        order=alt.Order("pool_order:Q"),
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("pool_label:N"), alt.Tooltip("sum(value):Q", format=",.2f")],
    ).properties(height=300, width="container")


@remembered
def sink_trend(trend, lang="zh"):
    """Annual sink per pool over the years, a panel each on one shared scale (so that panels compare at a glance);
    below the dashed zero line a pool was a source that year."""
    divisor, unit = axis_unit(trend.groupby(["year", "pool"]).sink_tco2e.sum(), "carbon", lang)
    shown = _with_pool_labels(trend, lang).assign(value=trend.sink_tco2e / divisor)
    return drawn(_sink_trend, {"rows": shown}, unit, _pools(trend), lang, title=text("chart_title_sink", lang), unit=unit)


def _sink_trend(unit, pools, lang):
    base = alt.Chart().encode(x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True)))
    lines = base.mark_line(point=True).encode(
        y=alt.Y("sum(value):Q", title=_axis_title("chart_sink", unit, lang)),
        color=_pool_color(pools, lang).legend(None),  # each panel is titled with its pool
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("pool_label:N"), alt.Tooltip("sum(value):Q", format=",.2f")],
    )
    zero = base.mark_rule(color=theme.RULE, strokeDash=[4, 2]).encode(y=alt.datum(0))
    chart = alt.layer(lines, zero, data=rows()).properties(width=175, height=140).facet(
        facet=alt.Facet("pool_label:N", sort=[label(p, lang) for p in pools], title=None,
                        header=alt.Header(labelFontWeight="bold", labelFontSize=13)),
        columns=3,
    ).resolve_axis(x="independent", y="independent")  # an axis under and beside each panel, on the shared scales
    return chart


@remembered
def zone_sink_trend(trend, lang="zh"):
    """Annual sink of every pool together, per zone over the years."""
    divisor, unit = axis_unit(trend.groupby(["year", "zone"]).sink_tco2e.sum(), "carbon", lang)
    shown = trend.assign(value=trend.sink_tco2e / divisor,
                         zone_label=[zone_name(z, e, lang) for z, e in zip(trend.zone, trend.zone_en)])
    zones = shown.drop_duplicates("zone").sort_values("sort_order")
    return drawn(_zone_sink_trend, {"rows": shown}, unit, tuple(zones.zone_label),
                 tuple(theme.zone_color(z) for z in zones.zone), lang, title=text("chart_title_zone_sink", lang), unit=unit)


def _zone_sink_trend(unit, zones, colors, lang):
    color = alt.Color("zone_label:N", title=None, sort=list(zones), scale=alt.Scale(domain=list(zones), range=list(colors)))
    lines = alt.Chart(rows()).mark_line(point=True).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(value):Q", title=_axis_title("chart_sink", unit, lang)),
        color=color,
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("zone_label:N"), alt.Tooltip("sum(value):Q", format=",.2f")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=theme.RULE, strokeDash=[4, 2]).encode(y="y:Q")
    return (lines + zero).properties(height=300, width="container")


@remembered
def potential_vs_developed(summary, lang="zh"):
    """Per zone or project type: the assessed potential (pale bar), the part developed (dark bar) and its share."""
    divisor, unit = area_unit(pd.concat([summary.potential_area_mu.fillna(0), summary.developed_mu]), lang)
    shown = summary.assign(
        potential=summary.potential_area_mu / divisor,
        developed=summary.developed_mu / divisor,
        group_label=[label(v, lang) for v in summary.group_value],
        share_label=[percent(s, 0, lang) if pd.notna(s) else "" for s in summary.share_developed],
    )
    potential, developed = _kinds(lang)
    return drawn(_potential_vs_developed, {"potential": shown.assign(kind=potential),
                                           "developed": shown.assign(kind=developed)}, unit, lang,
                 title=text("potential_summary", lang), unit=unit)


def _kinds(lang):
    return [text("legend_potential", lang), text("legend_developed", lang)]


def _potential_vs_developed(unit, lang):
    # the groups in the query's order
    y = alt.Y("group_label:N", sort=None, title=None, axis=alt.Axis(labelLimit=300, labelOverlap=False))
    tooltip = [alt.Tooltip("group_label:N", title=text("col_group_value", lang)),
               alt.Tooltip("potential:Q", format=",.1f", title=text("legend_potential", lang)),
               alt.Tooltip("developed:Q", format=",.1f", title=text("legend_developed", lang)),
               alt.Tooltip("share_developed:Q", format=".1%", title=text("col_share_developed", lang))]
    kinds = _kinds(lang)
    color = alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds, range=[theme.GREEN_PALE, theme.GREEN]))
    potential = alt.Chart(rows("potential")).mark_bar(height=18).encode(
        x=alt.X("potential:Q", title=unit), y=y, color=color, tooltip=tooltip)
    developed = alt.Chart(rows("developed")).mark_bar(height=9).encode(
        x="developed:Q", y=y, color=color, tooltip=tooltip)
    shares = alt.Chart(rows("potential")).mark_text(align="left", dx=4, color=theme.INK).encode(
        x="potential:Q", y=y, text="share_label:N")
    return (potential + developed + shares).properties(height=alt.Step(30), width="container")


@remembered
def top_untapped(top, lang="zh"):
    """Each zone's counties with the most untapped potential in its key project types, one block per zone."""
    divisor, unit = area_unit(top.untapped_mu, lang)
    shown = top.drop(columns="key_types").assign(
        value=top.untapped_mu / divisor,
        county_name=[label(n, lang) for n in top.county_name],
        zone_title=[text("zone_key_types", lang, zone=zone_name(z, e, lang),
                         types=" · ".join(label(k, lang) for k in keys))
                    for z, e, keys in zip(top.zone, top.zone_en, top.key_types)],
    )
    zones = shown.drop_duplicates("zone").sort_values("sort_order")
    return drawn(_top_untapped, {"rows": shown}, unit, tuple(zones.zone_title), tuple(zones.zone),
                 tuple(theme.zone_color(z) for z in zones.zone), lang, title=text("untapped_title", lang), unit=unit)


def _top_untapped(unit, zone_order, zones, colors, lang):
    base = alt.Chart().encode(y=alt.Y("county_name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=300)))
    # each block's bars in its zone's colour
    bars = base.mark_bar(height=14).encode(
        color=alt.Color("zone:N", scale=alt.Scale(domain=list(zones), range=list(colors)), legend=None),
        x=alt.X("value:Q", title=_axis_title("legend_untapped", unit, lang)),
        tooltip=[alt.Tooltip("county_name:N", title=text("col_county_name", lang)),
                 alt.Tooltip("value:Q", format=",.1f", title=unit),
                 alt.Tooltip("share_developed:Q", format=".1%", title=text("col_share_developed", lang))])
    values = base.mark_text(align="left", dx=3, color=theme.INK).encode(x="value:Q",
                                                                     text=alt.Text("value:Q", format=",.1f"))
    chart = alt.layer(bars, values, data=rows()).properties(width=460, height=alt.Step(20)).facet(
        row=alt.Row("zone_title:N", sort=list(zone_order), title=None,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontWeight="bold", labelFontSize=13, labelLimit=600)),
    ).resolve_scale(y="independent")
    return chart
