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
),

-- the three quartiles of each measure in one pass (quantile_cont with a list: one sort, not three), as Excel's
-- PERCENTILE.INC
quartiles as (
    select
        group_value,
        count(*) as registered_projects,
        min(months_to_registration) as registration_min,
        quantile_cont(months_to_registration, [0.25, 0.5, 0.75]) as registration_quartiles,
        max(months_to_registration) as registration_max,
        count(months_to_first_issuance) as issued_projects,
        min(months_to_first_issuance) as issuance_min,
        quantile_cont(months_to_first_issuance, [0.25, 0.5, 0.75]) as issuance_quartiles,
        max(months_to_first_issuance) as issuance_max,
    from durations
    group by group_value
)

select
    group_value,
    registered_projects,
    registration_min,
    registration_quartiles[1] as registration_p25,
    registration_quartiles[2] as registration_median,
    registration_quartiles[3] as registration_p75,
    registration_max,
    issued_projects,
    issuance_min,
    issuance_quartiles[1] as issuance_p25,
    issuance_quartiles[2] as issuance_median,
    issuance_quartiles[3] as issuance_p75,
    issuance_max,
from quartiles
order by group_value
