-- one row per month from the first trade in scope to the as-of month: purchases by individuals and small purchases (volume up to sinkboard.figures.trading_terms.SMALL_PURCHASE_TCO2E, summed so at ingest), and their volumes
select
    month,
    month_start,
    value_trades as individual_purchases,
    value_volume_tco2e as individual_volume_tco2e,
    small_trades as small_purchases,
    small_volume_tco2e,
-- every trade is on one buyer-type row (per day and prefecture): these rows sum to all the trades
from trade_months_in_scope('buyer_type', $as_of, $zone, $prefecture_code, value_filter := '个人')
order by month_start
