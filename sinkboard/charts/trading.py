"""Charts of carbon-sink trading: volume and price by month, breakdowns, price spread per platform, micro carbon sinks and
the largest organisation buyers."""

import altair as alt

from sinkboard.charts import theme
from sinkboard.charts.common import axis_unit, drawn, headroom, label, remembered, rows
from sinkboard.text.catalogue import text

VOLUME_COLOR = theme.GREEN
PRICE_COLOR = theme.ORANGE


def price_unit(lang):
    return text("unit_price", lang)


def with_unit(name, unit, lang):
    return text("axis_with_unit", lang, name=name, unit=unit)


@remembered
def monthly_trend(monthly, lang="zh"):
    """Volume per month as bars, and below it, on the same months, the month's volume-weighted average price as a
    line: two panels, each with its unit on its axis (never two scales on one panel)."""
    divisor, unit = axis_unit(monthly.volume_tco2e, "carbon", lang)
    return drawn(_monthly_trend, {"rows": monthly.assign(volume=monthly.volume_tco2e / divisor)}, unit, lang,
                 title=text("trading_monthly", lang), unit=f"{unit} · {price_unit(lang)}")


def _monthly_trend(unit, lang):
    x = alt.X("month_start:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=0))
    tooltip = [alt.Tooltip("month_start:T", format="%Y-%m", title=text("col_month", lang)),
               alt.Tooltip("trades:Q", format=",d", title=text("col_trades", lang)),
               alt.Tooltip("volume_tco2e:Q", format=",.0f", title=text("col_volume_tco2e", lang)),
               alt.Tooltip("amount_yuan:Q", format=",.0f", title=text("col_amount_yuan", lang)),
               alt.Tooltip("average_price_yuan:Q", format=",.2f", title=text("col_average_price_yuan", lang))]
    bars = alt.Chart(rows()).mark_bar(color=VOLUME_COLOR).encode(
        x=x, y=alt.Y("volume:Q", title=with_unit(text("trading_volume_axis", lang), unit, lang)),
        tooltip=tooltip).properties(height=220, width=560)
    line = alt.Chart(rows()).mark_line(color=PRICE_COLOR, point=alt.OverlayMarkDef(color=PRICE_COLOR, size=20)).encode(
        x=x, y=alt.Y("average_price_yuan:Q", title=with_unit(text("trading_price_axis", lang), price_unit(lang), lang),
                     scale=alt.Scale(zero=False)),
        tooltip=tooltip).properties(height=160, width=560)
    # the months shared: a month's price sits under its volume
    return alt.vconcat(bars, line, spacing=12).resolve_scale(x="shared")


@remembered
def breakdown(frame, lang="zh"):
    """Volume per platform, buyer type, purpose, zone or project type, with each one's share of the volume."""
    divisor, unit = axis_unit(frame.volume_tco2e, "carbon", lang)
    shown = frame.assign(volume=frame.volume_tco2e / divisor, group_label=[label(v, lang) for v in frame.group_value],
                         share_label=[f"{s:.1%}" for s in frame.share_of_volume.fillna(0)])
    return drawn(_breakdown, {"rows": shown}, unit, headroom(shown.volume.max()), lang,
                 title=text("trading_breakdowns", lang), unit=unit)


def _breakdown(unit, top, lang):
    # the groups in the query's order, largest first
    base = alt.Chart(rows()).encode(y=alt.Y("group_label:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)))
    bars = base.mark_bar(color=VOLUME_COLOR, height=18).encode(
        x=alt.X("volume:Q", title=unit, scale=alt.Scale(domain=[0, top])),
        tooltip=[alt.Tooltip("group_label:N", title=" "),
                 alt.Tooltip("trades:Q", format=",d", title=text("col_trades", lang)),
                 alt.Tooltip("volume_tco2e:Q", format=",.0f", title=text("col_volume_tco2e", lang)),
                 alt.Tooltip("amount_yuan:Q", format=",.0f", title=text("col_amount_yuan", lang)),
                 alt.Tooltip("average_price_yuan:Q", format=",.2f", title=text("col_average_price_yuan", lang))])
    shares = base.mark_text(align="left", dx=4).encode(x="volume:Q", text="share_label:N")
    return (bars + shares).properties(height=alt.Step(30))


@remembered
def price_spread(spread, lang="zh"):
    """Per platform: whiskers from the lowest to the highest price, a box over the quartiles, a line at the median and
    a diamond at the volume-weighted average."""
    priced = spread[spread.priced_trades > 0]
    return drawn(_price_spread, {"rows": priced.assign(platform_label=[label(v, lang) for v in priced.platform])}, lang,
                 title=text("trading_spread", lang), unit=price_unit(lang))


def _price_spread(lang):
    unit = price_unit(lang)
    y = alt.Y("platform_label:N", sort=None, title=None, axis=alt.Axis(labelLimit=240))
    tooltip = [alt.Tooltip("platform_label:N", title=text("col_platform", lang)),
               alt.Tooltip("priced_trades:Q", format=",d", title=text("col_priced_trades", lang)),
               alt.Tooltip("price_min_yuan:Q", format=",.2f", title=text("col_price_min_yuan", lang)),
               alt.Tooltip("price_p25_yuan:Q", format=",.2f", title=text("col_price_p25_yuan", lang)),
               alt.Tooltip("price_median_yuan:Q", format=",.2f", title=text("col_price_median_yuan", lang)),
               alt.Tooltip("price_p75_yuan:Q", format=",.2f", title=text("col_price_p75_yuan", lang)),
               alt.Tooltip("price_max_yuan:Q", format=",.2f", title=text("col_price_max_yuan", lang)),
               alt.Tooltip("average_price_yuan:Q", format=",.2f", title=text("col_average_price_yuan", lang))]
    base = alt.Chart(rows()).encode(y=y, tooltip=tooltip)
    whiskers = base.mark_rule(color=theme.MUTED).encode(x=alt.X("price_min_yuan:Q", title=unit, scale=alt.Scale(zero=False)),
                                                   x2="price_max_yuan:Q")
    box = base.mark_bar(color=theme.GREEN_LIGHT, height=22).encode(x="price_p25_yuan:Q", x2="price_p75_yuan:Q")
    median = base.mark_tick(color=VOLUME_COLOR, thickness=3, size=22).encode(x="price_median_yuan:Q")
    average = base.mark_point(shape="diamond", filled=True, color=PRICE_COLOR, size=90).encode(x="average_price_yuan:Q")
    return (whiskers + box + median + average).properties(height=alt.Step(40))


@remembered
def micro_purchases(micro, lang="zh"):
    """Per month: purchases by individuals and small purchases, as two lines."""
    kinds = micro_kinds(lang)
    long = micro.melt(id_vars=["month_start"], value_vars=list(kinds), var_name="kind", value_name="purchases")
    long["kind_label"] = long.kind.map(kinds)
    return drawn(_micro_purchases, {"rows": long}, lang, title=text("trading_micro", lang),
                 unit=text("purchases_axis", lang))


def micro_kinds(lang):
    return {"individual_purchases": text("legend_individual_purchases", lang),
            "small_purchases": text("legend_small_purchases", lang)}


def _micro_purchases(lang):
    kinds = micro_kinds(lang)
    legend = alt.Legend(title=None, symbolType="stroke", symbolStrokeWidth=2, symbolSize=400)
    return alt.Chart(rows()).mark_line(point=alt.OverlayMarkDef(size=20)).encode(
        x=alt.X("month_start:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=0)),
        y=alt.Y("purchases:Q", title=text("purchases_axis", lang)),
        color=alt.Color("kind_label:N", sort=list(kinds.values()), scale=alt.Scale(range=[VOLUME_COLOR, PRICE_COLOR]),
                        legend=legend),
        strokeDash=alt.StrokeDash("kind_label:N", sort=list(kinds.values()), scale=alt.Scale(range=[[1, 0], [5, 3]]),
                                  legend=legend),
        tooltip=[alt.Tooltip("month_start:T", format="%Y-%m", title=text("col_month", lang)),
                 alt.Tooltip("kind_label:N", title=" "), alt.Tooltip("purchases:Q", format=",d", title=text("purchases_axis", lang))],
    ).properties(height=280)


@remembered
def top_buyers(buyers, lang="zh"):
    """The largest organisation buyers by volume, coloured by buyer type."""
    divisor, unit = axis_unit(buyers.volume_tco2e, "carbon", lang)
    shown = buyers.sort_values("rank").assign(volume=lambda f: f.volume_tco2e / divisor,
                                              type_label=lambda f: [label(v, lang) for v in f.buyer_type])
    return drawn(_top_buyers, {"rows": shown}, unit, lang, title=text("trading_buyers", lang), unit=unit)


def _top_buyers(unit, lang):
    return alt.Chart(rows()).mark_bar(height=16).encode(
        x=alt.X("volume:Q", title=unit),
        y=alt.Y("buyer:N", sort=None, title=None, axis=alt.Axis(labelLimit=240)),
        color=alt.Color("type_label:N", title=None, scale=alt.Scale(range=theme.BUYER_COLORS)),
        tooltip=[alt.Tooltip("buyer:N", title=text("col_buyer", lang)),
                 alt.Tooltip("type_label:N", title=text("col_buyer_type", lang)),
                 alt.Tooltip("trades:Q", format=",d", title=text("col_trades", lang)),
                 alt.Tooltip("volume_tco2e:Q", format=",.0f", title=text("col_volume_tco2e", lang)),
                 alt.Tooltip("amount_yuan:Q", format=",.0f", title=text("col_amount_yuan", lang)),
                 alt.Tooltip("average_price_yuan:Q", format=",.2f", title=text("col_average_price_yuan", lang))],
    ).properties(height=alt.Step(26))
