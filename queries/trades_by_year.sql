-- one row per calendar year with a trade in scope (the as-of year up to the as-of date): trades, volume, value and volume-weighted average price
with trades_priced as (
    select
        year(trade_date) as year,
        volume_tco2e,
        amount_yuan,
        -- a trade without a stated price counts in volume and value but in no price figure
        case when price_yuan is not null then volume_tco2e end as priced_volume_tco2e,
        case when price_yuan is not null then amount_yuan end as priced_amount_yuan,
    from trades_in_scope($as_of, $zone, $prefecture_code)
)

select
    year,
    count(*) as trades,
    sum(volume_tco2e) as volume_tco2e,
    coalesce(sum(amount_yuan), 0) as amount_yuan,
    coalesce(sum(priced_volume_tco2e), 0) as priced_volume_tco2e,
    round(sum(priced_amount_yuan) / nullif(sum(priced_volume_tco2e), 0), 2) as average_price_yuan,
from trades_priced
group by year
order by year
