"""What the subsidies page derives from its query results without Streamlit: which budget columns an area may show,
the rule broken in words, and the two categories that get a section of their own."""

import pandas as pd

from sinkboard.text.catalogue import text
from sinkboard.text.formats import exact

# budgets are set for the whole province: with an area chosen the table shows the area's payments beside the
# province's figures (headed as the province's), never the area's payments against the province's budget alone
BUDGET_COLUMNS_PROVINCE = ["year", "category", "budget_yuan", "paid_yuan", "share_of_budget"]
BUDGET_COLUMNS_AREA = ["year", "category", "paid_yuan", "share_of_province_paid", "share_of_budget"]
# the budget table's columns in its column chooser (those not read first), whichever the area
BUDGET_MORE = ["remaining_yuan", "payments", "province_paid_yuan", "budget_yuan"]

# the policy's three kinds of support (registration rewards, loan interest, demonstration funding): a tile each, paid
# to date
POLICY_CATEGORIES = ("注册奖励", "贷款贴息", "示范项目")

# categories with a section of their own: (stored value, prefix of their columns in subsidy_totals)
OWN_SECTIONS = (("贷款贴息", "loan_interest"), ("示范项目", "demonstration"))

# the region table's figures: those read first, then those offered in its column chooser
REGION_COLUMNS = ["paid_yuan", "payments", "projects_funded", "yuan_per_mu", "yuan_per_tco2e"]
REGION_MORE = ["reward_yuan", "loan_interest_yuan", "demonstration_yuan", "research_yuan", "other_yuan", "scale_mu",
               "issued_tco2e"]


def is_area_chosen(chosen):
    return bool(chosen.get("zone") or chosen.get("prefecture_code"))


def budget_columns(chosen):
    return BUDGET_COLUMNS_AREA if is_area_chosen(chosen) else BUDGET_COLUMNS_PROVINCE


def has_budget_chart(budget: pd.DataFrame, chosen) -> bool:
    """Whether the budget chart has bars: budgets or payments for the province; the area's own payments for an area."""
    if budget.empty:
        return False
    return not is_area_chosen(chosen) or bool((budget.paid_yuan > 0).any())


def has_ratios(regions: pd.DataFrame) -> bool:
    """Whether any region has a yuan-per-mu or yuan-per-tonne figure to draw (each needs a divisor above 0)."""
    return bool(regions.yuan_per_mu.notna().any() or regions.yuan_per_tco2e.notna().any())


def region_columns(level):
    """The region table's columns: a zone names itself; a prefecture comes with its zone."""
    return (["zone"] if level == "zone" else ["region_name", "zone"]) + REGION_COLUMNS


def with_rule_text(breaches: pd.DataFrame, lang) -> pd.DataFrame:
    """The breaches with the rule each breaks in words (i18n key sub_rule_<rule_code>)."""
    return breaches.assign(rule=[text(f"sub_rule_{code}", lang) for code in breaches.rule_code])


def payments_in_breach(breaches: pd.DataFrame) -> int:
    """Payments that break at least one rule (a payment may break several)."""
    return int(breaches.payment_id.nunique())


def ratio_text(value, key, lang):
    """A yuan-per-unit figure with its unit (i18n KEY takes {value}), or — when there was nothing to divide by."""
    figure = exact(value, lang, 2)
    return figure if figure == "—" else text(key, lang, value=figure)
