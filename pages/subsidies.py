"""Subsidies: spend against the province's budget, where the money went, yuan per mu and per tonne, the reward rules
checked payment by payment, and the loan-interest and demonstration funding on their own."""

import streamlit as st

from sinkboard.app.ui import (
    SHOWN_ROWS,
    area_filters,
    chart_beside_table,
    deferred_query,
    filters,
    lang,
    query,
    t,
    table,
    tabs,
    vega_lite_spec,
    zone_label,
)
from sinkboard.charts import money as charts
from sinkboard.figures.subsidy_rules import (
    BUDGET_MORE,
    OWN_SECTIONS,
    POLICY_CATEGORIES,
    REGION_MORE,
    budget_columns,
    has_budget_chart,
    has_ratios,
    is_area_chosen,
    payments_in_breach,
    ratio_text,
    region_columns,
    with_rule_text,
)
from sinkboard.text.catalogue import value_label
from sinkboard.text.formats import count, quantity

chosen = filters()
scope = area_filters(chosen)
as_of = f"{chosen['as_of']:%Y-%m-%d}"
area_name = st.session_state.get("prefecture_name") or (zone_label(chosen["zone"]) if chosen["zone"] else t("all_province"))
st.title(t("sub_title"))
st.caption(t("sub_caption", as_of=as_of, area=area_name))

totals = query("subsidy_totals", **scope).iloc[0]
breaches = with_rule_text(query("subsidy_breaches", **scope), lang())
tiles = st.columns(3)
tiles[0].metric(t("sub_tile_paid"), quantity(totals.paid_yuan, "money", lang()), border=True,
                help=t("sub_tile_paid_help", payments=count(totals.payments, lang()),
                       projects=count(totals.projects_funded, lang())))
tiles[1].metric(t("sub_tile_projects"), count(totals.projects_funded, lang()), border=True)
tiles[2].metric(t("sub_tile_breaches"), count(payments_in_breach(breaches), lang()), border=True)
ratios = st.columns(3)
ratios[0].metric(t("sub_tile_per_mu"), ratio_text(totals.yuan_per_mu, "sub_per_mu_value", lang()), border=True)
ratios[1].metric(t("sub_tile_per_tco2e"), ratio_text(totals.yuan_per_tco2e, "sub_per_tco2e_value", lang()), border=True)
ratios[2].metric(t("col_payments"), count(totals.payments, lang()), border=True)
st.caption(t("sub_tiles_caption", as_of=as_of))

st.subheader(t("sub_categories_title"))
categories = query("subsidy_categories", **scope)
paid_by_category = dict(zip(categories.category, categories.paid_yuan))
figures = st.columns(len(POLICY_CATEGORIES))
for column, category in zip(figures, POLICY_CATEGORIES):
    column.metric(t("sub_tile_category_paid", category=value_label(category, lang())),
                  quantity(paid_by_category[category], "money", lang()), border=True)
table(categories, ["category", "paid_yuan", "payments", "projects_funded", "share_of_paid"], key="category_table",
      name="subsidy_by_category")
years = query("subsidy_years", **scope)
if not years.empty:
    # the policy's three categories and the year's total first; research, other and the count in the chooser
    table(years, ["year", "paid_yuan", "reward_yuan", "loan_interest_yuan", "demonstration_yuan"], key="year_table",
          name="subsidy_by_year", more=("research_yuan", "other_yuan", "payments"))
st.caption(t("sub_categories_caption", as_of=as_of, area=area_name))

st.subheader(t("sub_budget_title"))
budget = query("subsidy_budget", **scope)
if has_budget_chart(budget, chosen):
    chart_beside_table(charts.budget_bars(budget, lang(), with_budget=not is_area_chosen(chosen)), key="budget_chart")
else:
    st.info(t("sub_none"))
if not budget.empty:
    table(budget, budget_columns(chosen), more=[c for c in BUDGET_MORE if c not in budget_columns(chosen)],
          key="budget_table", name="subsidy_budget")
st.caption(t("sub_budget_caption", as_of=as_of))
if is_area_chosen(chosen):
    st.caption(t("sub_budget_area_caption", area=area_name))

st.subheader(t("sub_regions_title"))
level = st.segmented_control(t("sub_level"), ["zone", "prefecture"], format_func=lambda v: t(f"sub_level_{v}"),
                             default="zone", required=True, key="sub_level")
regions = query("subsidy_regions", level=level, **scope)
if not totals.payments:
    st.info(t("sub_none"))
else:
    chart_beside_table(charts.region_bars(regions, lang()), key="region_chart")
    if has_ratios(regions):
        chart_beside_table(charts.per_unit_bars(regions, lang()), key="per_unit_chart")
table(regions, region_columns(level), more=REGION_MORE, key="region_table", name=f"subsidy_by_{level}")
st.caption(t("sub_regions_caption", as_of=as_of))
st.caption(t("sub_per_unit_caption", as_of=as_of))

st.subheader(t("sub_rules_title"))
st.caption(t("sub_rules_caption"))
if breaches.empty:
    st.success(t("sub_rules_none", as_of=as_of))
else:
    table(breaches, ["rule", "project_name", "payment_yuan", "paid_date"],
          more=["payment_id", "status", "project_id", "county_name", "registered_date", "first_payment_id"], key="breach_table",
          name="subsidy_breaches")
    st.caption(t("sub_rules_count", rows=count(len(breaches), lang()), payments=count(payments_in_breach(breaches), lang()),
                 as_of=as_of))

for category, prefix in OWN_SECTIONS:
    st.subheader(t(f"sub_part_{prefix}"))
    figures = st.columns(3)
    figures[0].metric(t("sub_tile_paid"), quantity(totals[f"{prefix}_yuan"], "money", lang()), border=True)
    figures[1].metric(t("col_payments"), count(totals[f"{prefix}_payments"], lang()), border=True)
    figures[2].metric(t("sub_tile_projects"), count(totals[f"{prefix}_projects"], lang()), border=True)
    if not totals[f"{prefix}_payments"]:
        st.info(t("sub_category_none", as_of=as_of))
        continue
    years = query("subsidy_category_years", category=category, **scope)
    zones = query("subsidy_category_zones", category=category, **scope)
    by_year, by_zone = st.columns(2)
    by_year.markdown(t("sub_by_budget_year"))
    by_year.vega_lite_chart(spec=vega_lite_spec(charts.category_years(years, lang())), key=f"{prefix}_years_chart")
    by_zone.markdown(t("sub_by_zone"))
    by_zone.vega_lite_chart(spec=vega_lite_spec(charts.category_zones(zones, lang())), key=f"{prefix}_zones_chart")
    # only the open tab's table is made: a click on another reruns the page for it
    year_tab, zone_tab, project_tab = tabs(["sub_tab_years", "sub_tab_zones", "sub_tab_projects"], key=f"{prefix}_tabs")
    if year_tab.open:
        with year_tab:
            table(years, ["year", "paid_yuan", "payments", "projects_funded"], key=f"{prefix}_years_table",
                  name=f"{prefix}_by_year")
    if zone_tab.open:
        with zone_tab:
            table(zones, ["zone", "paid_yuan", "payments", "projects_funded"], key=f"{prefix}_zones_table",
                  name=f"{prefix}_by_zone")
    if project_tab.open:
        with project_tab:
            funded = query("subsidy_category_projects", category=category, limit=SHOWN_ROWS, **scope)
            if not funded.empty and funded.projects_in_all.iloc[0] > len(funded):
                st.caption(t("sub_projects_largest", shown=count(len(funded), lang()),
                             total=count(funded.projects_in_all.iloc[0], lang())))
            table(funded, ["project_id", "project_name", "county_name", "paid_yuan", "first_paid_date", "last_paid_date"],
                  more=["zone", "project_type", "status", "is_demo_project", "payments"], key=f"{prefix}_projects_table",
                  name=f"{prefix}_projects",
                  complete=deferred_query("subsidy_category_projects", category=category, limit=None, **scope))
    st.caption(t(f"sub_caption_{prefix}", as_of=as_of))
