-- one row per month from the first trade in scope to the as-of month: purchases by individuals and small purchases (volume up to sinkboard.figures.trading_terms.SMALL_PURCHASE_TCO2E, summed so at ingest), and their volumes
with trades_marked as (
    -- every trade is on one buyer-type row (per day and prefecture): these rows sum to all the trades
    select
        date_trunc('month', trade_date)::date as month_start,
        group_value = '个人' as is_individual,
        trades,
        volume_tco2e,
        small_trades,
        small_volume_tco2e,
    from trade_groups_in_scope('buyer_type', $as_of, $zone, $prefecture_code)
),

months as (
    select unnest(generate_series(min(month_start), date_trunc('month', $as_of::date)::date, interval 1 month))::date
        as month_start
    from trades_marked
    having count(*) > 0
),

monthly as (
    select
        month_start,
        sum(trades) filter (where is_individual)::bigint as individual_purchases,
        sum(volume_tco2e) filter (where is_individual) as individual_volume_tco2e,
        sum(small_trades)::bigint as small_purchases,
        sum(small_volume_tco2e) as small_volume_tco2e,
    from trades_marked
    group by month_start
)

select
    strftime(months.month_start, '%Y-%m') as month,
    months.month_start,
    coalesce(monthly.individual_purchases, 0) as individual_purchases,
    coalesce(monthly.individual_volume_tco2e, 0) as individual_volume_tco2e,
    coalesce(monthly.small_purchases, 0) as small_purchases,
    coalesce(monthly.small_volume_tco2e, 0) as small_volume_tco2e,
from months
left join monthly using (month_start)
order by months.month_start
