-- one row per zone or project type ($group_by): how long registration and first issuance take (months: the least,
-- quartiles, median and most, the box plot's figures, so that the chart is drawn from these rows and not from every project)
with durations as (
    select
        case when $group_by::varchar = 'project_type' then project_type else zone end as group_value,
        date_diff('day', start_date, registered_date) / (365.25 / 12) as months_to_registration,
        case when first_issued_date <= $as_of::date
            then date_diff('day', registered_date, first_issued_date) / (365.25 / 12) end as months_to_first_issuance,
    from projects_in_scope($as_of, $zone, $prefecture_code)
    where registered_date <= $as_of::date
)

select
    group_value,
    count(*) as registered_projects,
    min(months_to_registration) as registration_min,
    quantile_cont(months_to_registration, 0.25) as registration_p25,
    median(months_to_registration) as registration_median,
    quantile_cont(months_to_registration, 0.75) as registration_p75,
    max(months_to_registration) as registration_max,
    count(months_to_first_issuance) as issued_projects,
    min(months_to_first_issuance) as issuance_min,
    quantile_cont(months_to_first_issuance, 0.25) as issuance_p25,
    median(months_to_first_issuance) as issuance_median,
    quantile_cont(months_to_first_issuance, 0.75) as issuance_p75,
    max(months_to_first_issuance) as issuance_max,
from durations
group by group_value
order by group_value
