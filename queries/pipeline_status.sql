-- one row per project status, in pipeline order: projects started by the as-of date and their area, by their current status
with settings as (
    select $as_of::date as as_of, $zone::varchar as zone_filter, $prefecture_code::varchar as prefecture_filter
),

statuses as (
    select * from (values ('储备', 1), ('审定', 2), ('注册', 3), ('签发', 4), ('终止', 5)) as s(status, step)
),

started as (
    select status, sum(projects) as projects, sum(area_mu) as area_mu
    from scale_events, settings
    where basis in ('development', 'terminated')
        and event_date <= settings.as_of
        and (settings.zone_filter is null or scale_events.zone = settings.zone_filter)
        and (settings.prefecture_filter is null or scale_events.prefecture_code = settings.prefecture_filter)
    group by status
)

select statuses.status, statuses.step, coalesce(started.projects, 0) as projects, coalesce(started.area_mu, 0) as area_mu,
from statuses
left join started using (status)
order by statuses.step
