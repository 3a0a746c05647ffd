-- one row per developer (owner) type: projects and area on the development basis at the as-of date
with settings as (
    select $as_of::date as as_of, $zone::varchar as zone_filter, $prefecture_code::varchar as prefecture_filter
)

select
    coalesce(owner_type, '未填') as owner_type,
    sum(projects) as projects,
    sum(area_mu) as area_mu,
    sum(area_mu) / sum(sum(area_mu)) over () as share_of_area,
from scale_events, settings
where basis = 'development'
    and event_date <= settings.as_of
    and (settings.zone_filter is null or scale_events.zone = settings.zone_filter)
    and (settings.prefecture_filter is null or scale_events.prefecture_code = settings.prefecture_filter)
group by all
order by area_mu desc
