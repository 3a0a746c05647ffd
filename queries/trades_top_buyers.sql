-- one row per organisation among the $top largest buyers by volume in the period (individuals are never listed): trades, volume, value, volume-weighted average price
with organisation_trades as (
    select
        buyer,
        buyer_type,
        volume_tco2e,
        amount_yuan,
        case when price_yuan is not null then volume_tco2e end as priced_volume_tco2e,
        case when price_yuan is not null then amount_yuan end as priced_amount_yuan,
    from trades_in_scope($as_of, $zone, $prefecture_code)
    where ($period_start::date is null or trade_date >= $period_start::date)
        and buyer_type <> '个人'
        and buyer is not null
),

all_volume as (
    select sum(volume_tco2e) as volume_tco2e
    from trades_in_scope($as_of, $zone, $prefecture_code)
    where $period_start::date is null or trade_date >= $period_start::date
),

buyers as (
    select
        buyer,
        -- one type per buyer: the type it bought its largest volume under
        arg_max(buyer_type, volume_tco2e) as buyer_type,
        count(*) as trades,
        sum(volume_tco2e) as volume_tco2e,
        coalesce(sum(amount_yuan), 0) as amount_yuan,
        round(sum(priced_amount_yuan) / nullif(sum(priced_volume_tco2e), 0), 2) as average_price_yuan,
    from organisation_trades
    group by buyer
)

select
    row_number() over (order by buyers.volume_tco2e desc, buyers.buyer) as rank,
    buyers.buyer,
    buyers.buyer_type,
    buyers.trades,
    buyers.volume_tco2e,
    buyers.amount_yuan,
    buyers.average_price_yuan,
    buyers.volume_tco2e / all_volume.volume_tco2e as share_of_volume,
from buyers, all_volume
order by rank
limit $top
