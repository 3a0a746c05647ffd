"""Charts of subsidy money: spend against budget, spend per region and category, yuan per mu and per tonne."""

import altair as alt
import pandas as pd

from sinkboard.charts import theme
from sinkboard.charts.common import axis_unit, drawn, headroom, label, remembered, rows, zone_name
from sinkboard.text.catalogue import text
from sinkboard.text.formats import percent

CATEGORIES = tuple(theme.SUBSIDY_COLORS)  # 注册奖励, 贷款贴息, 示范项目, 技术研究, 其他
# the per-category amount columns of subsidy_regions, in the order of CATEGORIES
CATEGORY_COLUMNS = ("reward_yuan", "loan_interest_yuan", "demonstration_yuan", "research_yuan", "other_yuan")


def _category_color(lang, categories=CATEGORIES):
    return alt.Color("category_label:N", title=None, sort=[label(c, lang) for c in categories],
                     scale=alt.Scale(domain=[label(c, lang) for c in CATEGORIES], range=[theme.SUBSIDY_COLORS[c] for c in CATEGORIES]))


def region_label(rows, lang):
    """A region's name as shown, in the page's language: a zone's, a prefecture's or a county's."""
    return [zone_name(z, e, lang) if n == z else label(n, lang) for n, z, e in zip(rows.region_name, rows.zone, rows.zone_en)]


@remembered
def budget_bars(budget, lang="zh", with_budget=True):
    """One panel per category: the province's budget and the amount paid in each budget year.

    Without the budget (an area is chosen, and budgets are the province's) each panel shows the area's payments only."""
    budget_kind, paid_kind = text("sub_legend_budget", lang), text("sub_legend_paid", lang)
    paid = budget.assign(kind=paid_kind, amount=budget.paid_yuan.astype(float))
    if with_budget:
        kinds = [budget_kind, paid_kind]
        rows = pd.concat([budget.dropna(subset=["budget_yuan"]).assign(kind=budget_kind,
                                                                        amount=lambda f: f.budget_yuan.astype(float)),
                          paid], ignore_index=True)
    else:
        # the area's payments only: a category the area was never paid from has no panel
        kinds, rows = [paid_kind], paid[paid.amount > 0].reset_index(drop=True)
    divisor, unit = axis_unit(rows.amount, "money", lang)
    rows = rows.assign(
        value=rows.amount / divisor,
        year_label=rows.year.astype(str),
        category_label=[label(c, lang) for c in rows.category],
        share_label=[percent(s, 0, lang) if k == paid_kind and pd.notna(s) and with_budget else "" for s, k in
                     zip(rows.share_of_budget, rows.kind)],
    )
    categories = tuple(c for c in CATEGORIES if c in set(rows.category))
    return drawn(_budget_bars, {"rows": rows}, unit, tuple(kinds), categories, lang,
                 title=text("sub_budget_title", lang), unit=unit)


def _budget_bars(unit, kinds, categories, lang):
    kinds = list(kinds)
    base = alt.Chart().encode(x=alt.X("year_label:N", title=None, axis=alt.Axis(labelAngle=0)), xOffset=alt.XOffset(
        "kind:N", sort=kinds))
    bars = base.mark_bar().encode(
        y=alt.Y("value:Q", title=unit),
        color=alt.Color("kind:N", title=None, sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[theme.GREEN_PALE, theme.GREEN][-len(kinds):])),
        tooltip=[alt.Tooltip("category_label:N", title=text("col_category", lang)),
                 alt.Tooltip("year_label:N", title=text("col_year", lang)), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("value:Q", title=unit, format=",.1f"), alt.Tooltip("share_label:N", title=" ")])
    shares = base.mark_text(dy=-6, fontSize=10).encode(y="value:Q", text="share_label:N")
    chart = alt.layer(bars, shares, data=rows()).properties(width=300, height=190).facet(
        facet=alt.Facet("category_label:N", title=None, sort=[label(c, lang) for c in categories]), columns=2,
    # one scale for every panel, so that categories compare at a glance; an axis under and beside each panel
    ).resolve_axis(x="independent", y="independent")
    return chart


@remembered
def region_bars(regions, lang="zh"):
    """Payments per region, stacked by category, largest first."""
    names = region_label(regions, lang)
    long = pd.concat([
        pd.DataFrame({"region": names, "category": category, "amount": regions[column].astype(float)})
        for category, column in zip(CATEGORIES, CATEGORY_COLUMNS)
    ], ignore_index=True)
    long = long[long.amount > 0]
    divisor, unit = axis_unit(regions.paid_yuan, "money", lang)
    long = long.assign(value=long.amount / divisor, category_label=[label(c, lang) for c in long.category])
    # largest first: the rows in that order, and the axis in the rows' order
    order = [n for n, p in sorted(zip(names, regions.paid_yuan), key=lambda pair: -pair[1])]
    rank = {name: place for place, name in enumerate(order)}
    long = long.sort_values("region", key=lambda names: names.map(rank), kind="stable")
    return drawn(_region_bars, {"rows": long}, unit, lang, title=text("sub_regions_title", lang), unit=unit)


def _region_bars(unit, lang):
    return alt.Chart(rows()).mark_bar().encode(
        x=alt.X("value:Q", title=unit, stack="zero"),
        y=alt.Y("region:N", sort=None, title=None, axis=alt.Axis(labelLimit=300)),
        color=_category_color(lang),
        order=alt.Order("category_rank:Q"),
        tooltip=[alt.Tooltip("region:N", title=" "), alt.Tooltip("category_label:N", title=text("col_category", lang)),
                 alt.Tooltip("value:Q", title=unit, format=",.1f")],
    ).transform_calculate(category_rank=f"indexof({list(CATEGORIES)!r}, datum.category)").properties(
        height=alt.Step(20), width="container")


@remembered
def per_unit_bars(regions, lang="zh"):
    """Yuan paid per mu of development scale and per tonne issued, per region (no bar where the divisor is 0)."""
    return drawn(_per_unit_bars, {"rows": regions.assign(region=region_label(regions, lang))}, lang,
                 title=text("chart_title_per_unit", lang),
                 unit=f"{text('sub_axis_per_mu', lang)} · {text('sub_axis_per_tco2e', lang)}")


def _per_unit_bars(lang):
    def panel(column, title, color):
        return alt.Chart(rows()).mark_bar(color=color).encode(
            x=alt.X(f"{column}:Q", title=title),
            y=alt.Y("region:N", sort=None, title=None, axis=alt.Axis(labelLimit=300)),
            tooltip=[alt.Tooltip("region:N", title=" "), alt.Tooltip(f"{column}:Q", title=title, format=",.2f")],
        ).properties(width=240, height=alt.Step(20))

    return alt.hconcat(panel("yuan_per_mu", text("sub_axis_per_mu", lang), theme.GREEN),
                       panel("yuan_per_tco2e", text("sub_axis_per_tco2e", lang), theme.ORANGE))


@remembered
def category_years(years, lang="zh"):
    """One category's payments per budget year, each bar labelled with its number of payments."""
    divisor, unit = axis_unit(years.paid_yuan, "money", lang)
    shown = years.assign(value=years.paid_yuan.astype(float) / divisor, year_label=years.year.astype(str),
                         count_label=[text("sub_payments_label", lang, n=n) for n in years.payments])
    return drawn(_category_years, {"rows": shown}, unit, lang, title=text("chart_title_category_years", lang), unit=unit)


def _category_years(unit, lang):
    base = alt.Chart(rows()).encode(x=alt.X("year_label:N", title=None, axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color=theme.GREEN).encode(
        y=alt.Y("value:Q", title=unit),
        tooltip=[alt.Tooltip("year_label:N", title=text("col_year", lang)), alt.Tooltip("value:Q", title=unit, format=",.1f"),
                 alt.Tooltip("payments:Q", title=text("col_payments", lang)),
                 alt.Tooltip("projects_funded:Q", title=text("col_projects_funded", lang))])
    labels = base.mark_text(dy=-7, fontSize=11).encode(y="value:Q", text="count_label:N")
    return (bars + labels).properties(height=240, width="container")


@remembered
def category_zones(zones, lang="zh"):
    """One category's payments per zone."""
    divisor, unit = axis_unit(zones.paid_yuan, "money", lang)
    shown = zones.assign(value=zones.paid_yuan.astype(float) / divisor,
                         zone_label=[zone_name(z, e, lang) for z, e in zip(zones.zone, zones.zone_en)],
                         count_label=[text("sub_payments_label", lang, n=n) if n else "" for n in zones.payments])
    # room on the right for the count beside the longest bar
    return drawn(_category_zones, {"rows": shown}, unit, headroom(shown.value.max()), tuple(zones.zone), lang,
                 title=text("chart_title_category_zones", lang), unit=unit)


def _category_zones(unit, top, zones, lang):
    base = alt.Chart(rows()).encode(y=alt.Y("zone_label:N", sort=None, title=None, axis=alt.Axis(labelLimit=160)))
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=unit, scale=alt.Scale(domain=[0, top])),
        color=alt.Color("zone:N", scale=theme.zone_scale(zones), legend=None),  # each zone in its own colour
        tooltip=[alt.Tooltip("zone_label:N", title=" "), alt.Tooltip("value:Q", title=unit, format=",.1f"),
                 alt.Tooltip("payments:Q", title=text("col_payments", lang)),
                 alt.Tooltip("projects_funded:Q", title=text("col_projects_funded", lang))])
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(x="value:Q", text="count_label:N")
    return (bars + labels).properties(height=alt.Step(26), width="container")
