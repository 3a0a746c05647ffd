-- one row per platform with a trade in the period: the spread of stated unit prices across its trades (each trade counts once, unweighted) and its volume-weighted average
with trades_priced as (
    select
        platform,
        price_yuan::double as price_yuan,
        volume_tco2e,
        amount_yuan,
        case when price_yuan is not null then volume_tco2e end as priced_volume_tco2e,
        case when price_yuan is not null then amount_yuan end as priced_amount_yuan,
    from trades_in_scope($as_of, $zone, $prefecture_code)
    where $period_start::date is null or trade_date >= $period_start::date
),

spread as (
    select
        platform,
        count(*) as trades,
        sum(volume_tco2e) as volume_tco2e,
        -- trades without a stated price are left out of every price figure; quartiles interpolate linearly between
        -- neighbouring trades' prices (quantile_cont, as Excel's PERCENTILE.INC), the three in one pass
        count(price_yuan) as priced_trades,
        min(price_yuan) as price_min_yuan,
        quantile_cont(price_yuan, [0.25, 0.5, 0.75]) as quartiles,
        max(price_yuan) as price_max_yuan,
        sum(priced_amount_yuan) / nullif(sum(priced_volume_tco2e), 0) as average_price_yuan,
    from trades_priced
    group by platform
)

select
    platform,
    trades,
    volume_tco2e,
    priced_trades,
    round(price_min_yuan, 2) as price_min_yuan,
    round(quartiles[1], 2) as price_p25_yuan,
    round(quartiles[2], 2) as price_median_yuan,
    round(quartiles[3], 2) as price_p75_yuan,
    round(price_max_yuan, 2) as price_max_yuan,
    round(average_price_yuan, 2) as average_price_yuan,
from spread
order by volume_tco2e desc, platform
