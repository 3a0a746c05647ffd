-- one row per platform, buyer type, purpose, zone or project type ($dimension) of the credits sold in the period: trades, volume, value, shares and volume-weighted average price
with trades_grouped as (
    select
        coalesce(case $dimension::varchar
            when 'platform' then platform
            when 'buyer_type' then buyer_type
            when 'purpose' then purpose
            when 'zone' then zone
            when 'project_type' then project_type
        end, '未填') as group_value,
        volume_tco2e,
        amount_yuan,
        -- a trade without a stated price counts in volume and value but in no price figure
        case when price_yuan is not null then volume_tco2e end as priced_volume_tco2e,
        case when price_yuan is not null then amount_yuan end as priced_amount_yuan,
    from trades_in_scope($as_of, $zone, $prefecture_code)
    where $period_start::date is null or trade_date >= $period_start::date
)

select
    group_value,
    count(*) as trades,
    sum(volume_tco2e) as volume_tco2e,
    coalesce(sum(amount_yuan), 0) as amount_yuan,
    sum(volume_tco2e) / sum(sum(volume_tco2e)) over () as share_of_volume,
    coalesce(sum(amount_yuan), 0) / nullif(sum(sum(amount_yuan)) over (), 0) as share_of_amount,
    round(sum(priced_amount_yuan) / nullif(sum(priced_volume_tco2e), 0), 2) as average_price_yuan,
from trades_grouped
group by group_value
order by volume_tco2e desc, group_value
