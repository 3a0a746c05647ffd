-- one row per registered project with no issuance for over 24 months at the as-of date (since registration or its last issuance)
with last_issuance as (
    select project_id, max(issued_date) as last_issued_date
    from issuances_in_scope($as_of, $zone, $prefecture_code)
    group by project_id
),

registered as (
    select
        projects.*,
        last_issuance.last_issued_date,
        greatest(projects.registered_date, coalesce(last_issuance.last_issued_date, projects.registered_date)) as last_step_date,
    from projects_in_scope($as_of, $zone, $prefecture_code) as projects
    left join last_issuance using (project_id)
    where projects.registered_date <= $as_of::date
)

select
    project_id,
    project_name,
    zone,
    prefecture_name,
    county_name,
    project_type,
    area_mu,
    registered_date,
    last_issued_date,
    date_diff('month', last_step_date, $as_of::date) as months_without_issuance,
from registered
where last_step_date < $as_of::date - interval 24 month
order by months_without_issuance desc, project_id
