-- one row per month and platform in the chosen area: trades, volume, value and volume-weighted average price, from the monthly facts both warehouses hold
select
    last_day(trade_date) as month_end,
    shown_category(platform, prefecture_code) as platform,
    sum(trades)::bigint as trades,
    sum(volume_tco2e) as volume_tco2e,
    sum(amount_yuan) as amount_yuan,
    sum(amount_yuan) / nullif(sum(priced_volume_tco2e), 0) as average_price_yuan,
from trade_facts_in_scope($as_of, $zone, $prefecture_code)
group by all
order by month_end, platform
