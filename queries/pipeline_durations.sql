-- one row per project registered by the as-of date: months from start to registration and from registration to first issuance
select
    project_id,
    project_name,
    zone,
    prefecture_name,
    county_name,
    project_type,
    start_date,
    registered_date,
    case when first_issued_date <= $as_of::date then first_issued_date end as first_issued_date,
    date_diff('day', start_date, registered_date) / (365.25 / 12) as months_to_registration,
    case when first_issued_date <= $as_of::date
        then date_diff('day', registered_date, first_issued_date) / (365.25 / 12) end as months_to_first_issuance,
from projects_in_scope($as_of, $zone, $prefecture_code)
where registered_date <= $as_of::date
order by registered_date, project_id
