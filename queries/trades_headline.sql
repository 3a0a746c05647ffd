-- one row: trades, volume, value and volume-weighted average price in the as-of year, in the same part of the year before, and to date
with trades_dated as (
    select
        *,
        year(trade_date) = year($as_of::date) as is_this_year,
        trade_date between date_trunc('year', $as_of::date - interval 1 year) and $as_of::date - interval 1 year
            as is_same_period_last_year,
    -- every trade is on one zone row (per day and prefecture): these rows sum to all the trades; a trade without a
    -- stated price counts in volume and value but in no price figure
    from trade_groups_in_scope('zone', $as_of, $zone, $prefecture_code)
)

select
    year($as_of::date) as this_year,
    coalesce(sum(trades) filter (where is_this_year), 0)::bigint as year_trades,
    coalesce(sum(volume_tco2e) filter (where is_this_year), 0) as year_volume_tco2e,
    coalesce(sum(amount_yuan) filter (where is_this_year), 0) as year_amount_yuan,
    sum(priced_amount_yuan) filter (where is_this_year)
        / nullif(sum(priced_volume_tco2e) filter (where is_this_year), 0) as year_average_price_yuan,
    coalesce(sum(trades) filter (where is_same_period_last_year), 0)::bigint as last_year_trades,
    coalesce(sum(volume_tco2e) filter (where is_same_period_last_year), 0) as last_year_volume_tco2e,
    coalesce(sum(amount_yuan) filter (where is_same_period_last_year), 0) as last_year_amount_yuan,
    sum(priced_amount_yuan) filter (where is_same_period_last_year)
        / nullif(sum(priced_volume_tco2e) filter (where is_same_period_last_year), 0) as last_year_average_price_yuan,
    coalesce(sum(trades), 0)::bigint as total_trades,
    coalesce(sum(volume_tco2e), 0) as total_volume_tco2e,
    coalesce(sum(amount_yuan), 0) as total_amount_yuan,
    sum(priced_amount_yuan) / nullif(sum(priced_volume_tco2e), 0) as total_average_price_yuan,
from trades_dated
