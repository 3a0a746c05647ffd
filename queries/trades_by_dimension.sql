-- one row per platform, buyer type, purpose, zone or project type ($dimension) of the credits sold in the period: trades, volume, value, shares and volume-weighted average price
select
    group_value,
    sum(trades)::bigint as trades,
    sum(volume_tco2e) as volume_tco2e,
    coalesce(sum(amount_yuan), 0) as amount_yuan,
    sum(volume_tco2e) / sum(sum(volume_tco2e)) over () as share_of_volume,
    coalesce(sum(amount_yuan), 0) / nullif(sum(sum(amount_yuan)) over (), 0) as share_of_amount,
    -- a trade without a stated price counts in volume and value but in no price figure
    round(sum(priced_amount_yuan) / nullif(sum(priced_volume_tco2e), 0), 2) as average_price_yuan,
from trade_groups_in_scope($dimension, $as_of, $zone, $prefecture_code)
where $period_start::date is null or trade_date >= $period_start::date
group by group_value
order by volume_tco2e desc, group_value
