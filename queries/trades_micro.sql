-- one row per month from the first trade in scope to the as-of month: purchases by individuals and small purchases (volume up to $small_tco2e), and their volumes
with trades_marked as (
    select
        date_trunc('month', trade_date)::date as month_start,
        volume_tco2e,
        buyer_type = '个人' as is_individual,
        volume_tco2e <= $small_tco2e::double as is_small,
    from trades_in_scope($as_of, $zone, $prefecture_code)
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
        count(*) filter (where is_individual) as individual_purchases,
        sum(volume_tco2e) filter (where is_individual) as individual_volume_tco2e,
        count(*) filter (where is_small) as small_purchases,
        sum(volume_tco2e) filter (where is_small) as small_volume_tco2e,
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
