-- one row per project registered by the as-of date: months from start to registration and from registration to first issuance
with settings as (
    select $as_of::date as as_of, $zone::varchar as zone_filter, $prefecture_code::varchar as prefecture_filter
)

select
    project_id,
    project_name,
    zone,
    prefecture_name,
    county_name,
    project_type,
    start_date,
    registered_date,
    case when first_issued_date <= settings.as_of then first_issued_date end as first_issued_date,
    date_diff('day', start_date, registered_date) / (365.25 / 12) as months_to_registration,
    case when first_issued_date <= settings.as_of
        then date_diff('day', registered_date, first_issued_date) / (365.25 / 12) end as months_to_first_issuance,
from project_milestones, settings
where registered_date <= settings.as_of
    and (settings.zone_filter is null or project_milestones.zone = settings.zone_filter)
    and (settings.prefecture_filter is null or project_milestones.prefecture_code = settings.prefecture_filter)
order by registered_date, project_id
