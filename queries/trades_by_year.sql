-- one row per calendar year with a trade in scope (the as-of year up to the as-of date): trades, volume, value and volume-weighted average price
select
    year(trade_date) as year,
    sum(trades)::bigint as trades,
    sum(volume_tco2e) as volume_tco2e,
    coalesce(sum(amount_yuan), 0) as amount_yuan,
    -- a trade without a stated price counts in volume and value but in no price figure
    coalesce(sum(priced_volume_tco2e), 0) as priced_volume_tco2e,
    round(sum(priced_amount_yuan) / nullif(sum(priced_volume_tco2e), 0), 2) as average_price_yuan,
-- every trade is on one zone row (per day and prefecture): these rows sum to all the trades
from trade_groups_in_scope('zone', $as_of, $zone, $prefecture_code)
group by year
order by year
