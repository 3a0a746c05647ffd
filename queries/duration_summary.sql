-- one row per zone or project type ($group_by): how long registration and first issuance take (median and quartiles, months)
with settings as (
    select $as_of::date as as_of, $group_by::varchar as group_by, $zone::varchar as zone_filter, $prefecture_code::varchar as prefecture_filter
),

durations as (
    select
        case when settings.group_by = 'project_type' then project_type else zone end as group_value,
        date_diff('day', start_date, registered_date) / (365.25 / 12) as months_to_registration,
        case when first_issued_date <= settings.as_of
            then date_diff('day', registered_date, first_issued_date) / (365.25 / 12) end as months_to_first_issuance,
    from project_milestones, settings
    where registered_date <= settings.as_of
        and (settings.zone_filter is null or project_milestones.zone = settings.zone_filter)
        and (settings.prefecture_filter is null or project_milestones.prefecture_code = settings.prefecture_filter)
)

select
    group_value,
    count(*) as registered_projects,
    quantile_cont(months_to_registration, 0.25) as registration_p25,
    median(months_to_registration) as registration_median,
    quantile_cont(months_to_registration, 0.75) as registration_p75,
    count(months_to_first_issuance) as issued_projects,
    quantile_cont(months_to_first_issuance, 0.25) as issuance_p25,
    median(months_to_first_issuance) as issuance_median,
    quantile_cont(months_to_first_issuance, 0.75) as issuance_p75,
from durations
group by group_value
order by group_value
