"""The trading page's definitions and small derived figures, kept out of the page so tests and the briefing deck share them."""

import datetime as dt
import math

# A "small" purchase, the micro carbon sink (微碳汇) the policy means for individuals: this many tCO2e or fewer.
# The trades are summed with it at ingest (trade_groups): a change takes a new ingest.
SMALL_PURCHASE_TCO2E = 10
# How many organisation buyers the ranking lists.
TOP_BUYERS = 10
# The breakdowns the page offers, in the order of its tabs; each is a value of the query's $dimension.
DIMENSIONS = ("platform", "buyer_type", "purpose", "zone", "project_type")
# The periods the breakdowns, the price spread and the buyer ranking can cover.
PERIODS = ("to_date", "year")


def period_start(period, as_of):
    """First day the figures count from: None for everything to the as-of date, 1 January for the as-of year."""
    return dt.date(as_of.year, 1, 1) if period == "year" else None


def change(now, before):
    """Relative change from the same part of last year, or None when there is nothing to compare with."""
    if before is None or now is None or (isinstance(before, float) and math.isnan(before)) or before == 0:
        return None
    if isinstance(now, float) and math.isnan(now):
        return None
    return float(now) / float(before) - 1


def by_dimension(frame, dimension):
    """A breakdown with its group column named for what it holds (platform, buyer_type, ...), for headings."""
    return frame.rename(columns={"group_value": dimension})
