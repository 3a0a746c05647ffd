-- one row per month from the first trade in scope to the as-of month: trades, volume, value and volume-weighted average price
select
    month,
    month_start,
    trades,
    volume_tco2e,
    amount_yuan,
    priced_volume_tco2e,
    round(priced_amount_yuan / nullif(priced_volume_tco2e, 0), 2) as average_price_yuan,
-- every trade is on one zone row (per day and prefecture): these rows sum to all the trades
from trade_months_in_scope('zone', $as_of, $zone, $prefecture_code)
order by month_start
