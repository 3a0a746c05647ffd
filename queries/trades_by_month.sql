-- one row per month from the first trade in scope to the as-of month: trades, volume, value and volume-weighted average price
with trades_priced as (
    -- every trade is on one zone row (per day and prefecture): these rows sum to all the trades
    select date_trunc('month', trade_date)::date as month_start, *,
    from trade_groups_in_scope('zone', $as_of, $zone, $prefecture_code)
),

months as (
    select unnest(generate_series(min(month_start), date_trunc('month', $as_of::date)::date, interval 1 month))::date
        as month_start
    from trades_priced
    having count(*) > 0
),

monthly as (
    select
        month_start,
        sum(trades)::bigint as trades,
        sum(volume_tco2e) as volume_tco2e,
        sum(amount_yuan) as amount_yuan,
        sum(priced_volume_tco2e) as priced_volume_tco2e,
        sum(priced_amount_yuan) as priced_amount_yuan,
    from trades_priced
    group by month_start
)

select
    strftime(months.month_start, '%Y-%m') as month,
    months.month_start,
    coalesce(monthly.trades, 0) as trades,
    coalesce(monthly.volume_tco2e, 0) as volume_tco2e,
    coalesce(monthly.amount_yuan, 0) as amount_yuan,
    coalesce(monthly.priced_volume_tco2e, 0) as priced_volume_tco2e,
    round(monthly.priced_amount_yuan / nullif(monthly.priced_volume_tco2e, 0), 2) as average_price_yuan,
from months
left join monthly using (month_start)
order by months.month_start
