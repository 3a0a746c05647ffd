-- one row per month end up to the as-of date: cumulative scale of the area (the province, a zone or a prefecture) on the chosen basis
with events as (
    select event_date, area_mu from scale_in_scope($as_of, $basis, $zone, $prefecture_code)
),

months as (
    select unnest(generate_series(
        date_trunc('month', (select min(event_date) from scale_events)),
        date_trunc('month', $as_of::date),
        interval 1 month
    ))::date as month_start
),

monthly as (
    select months.month_start, coalesce(sum(events.area_mu), 0) as added_mu
    from months
    left join events on date_trunc('month', events.event_date) = months.month_start
    group by months.month_start
)

select
    least(last_day(month_start), $as_of::date) as month_end,
    added_mu,
    sum(added_mu) over (order by month_start) as scale_mu,
from monthly
order by month_start
