-- one row per zone and project type: scale at the as-of date on the chosen basis, and whether the type is a focus of its zone
with settings as (
    select $as_of::date as as_of, $basis::varchar as basis, $zone::varchar as zone_filter, $prefecture_code::varchar as prefecture_filter
),

scale as (
    select scale_events.zone, scale_events.project_type, sum(scale_events.projects) as projects, sum(scale_events.area_mu) as area_mu
    from scale_events, settings
    where scale_events.basis = settings.basis
        and scale_events.event_date <= settings.as_of
        and (settings.zone_filter is null or scale_events.zone = settings.zone_filter)
        and (settings.prefecture_filter is null or scale_events.prefecture_code = settings.prefecture_filter)
    group by all
)

select
    scale.zone,
    zones.zone_en,
    scale.project_type,
    scale.projects,
    scale.area_mu,
    scale.area_mu / sum(scale.area_mu) over (partition by scale.zone) as share_of_zone,
    case
        when list_contains(zones.key_types, scale.project_type) then 'key'
        when list_contains(zones.moderate_types, scale.project_type) then 'moderate'
        else 'other'
    end as focus,
from scale
join zones using (zone)
order by zones.sort_order, scale.area_mu desc
