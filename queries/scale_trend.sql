-- one row per month end up to the as-of date: cumulative scale of the area (the province, a zone or a prefecture) on the chosen basis
with settings as (
    select $as_of::date as as_of, $basis::varchar as basis, $zone::varchar as zone_filter, $prefecture_code::varchar as prefecture_filter
),

events as (
    select scale_events.event_date, scale_events.area_mu
    from scale_events, settings
    where scale_events.basis = settings.basis
        and scale_events.event_date <= settings.as_of
        and (settings.zone_filter is null or scale_events.zone = settings.zone_filter)
        and (settings.prefecture_filter is null or scale_events.prefecture_code = settings.prefecture_filter)
),

months as (
    select unnest(generate_series(
        date_trunc('month', (select min(event_date) from scale_events)),
        date_trunc('month', (select as_of from settings)),
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
    least(last_day(month_start), (select as_of from settings)) as month_end,
    added_mu,
    sum(added_mu) over (order by month_start) as scale_mu,
from monthly
order by month_start
