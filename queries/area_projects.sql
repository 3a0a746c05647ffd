-- one row per project started by the as-of date in the chosen zone, prefecture or county, largest first
with settings as (
    select
        $as_of::date as as_of, $zone::varchar as zone_filter, $prefecture_code::varchar as prefecture_filter,
        $county_code::varchar as county_filter,
)

select
    project_id,
    project_name,
    county_name,
    project_type,
    status,
    area_mu,
    start_date,
    registered_date,
    first_issued_date,
    issued_tco2e,
from project_milestones, settings
where start_date <= settings.as_of
    and (settings.zone_filter is null or project_milestones.zone = settings.zone_filter)
    and (settings.prefecture_filter is null or project_milestones.prefecture_code = settings.prefecture_filter)
    and (settings.county_filter is null or project_milestones.county_code = settings.county_filter)
order by area_mu desc, project_id
