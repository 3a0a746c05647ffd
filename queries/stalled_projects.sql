-- one row per registered project with no issuance for over 24 months at the as-of date (since registration or its last issuance)
with settings as (
    select $as_of::date as as_of, $zone::varchar as zone_filter, $prefecture_code::varchar as prefecture_filter
),

last_issuance as (
    select project_id, max(issued_date) as last_issued_date
    from issuance_facts, settings
    where issued_date <= settings.as_of
    group by project_id
),

registered as (
    select
        project_milestones.*,
        last_issuance.last_issued_date,
        greatest(project_milestones.registered_date, coalesce(last_issuance.last_issued_date, project_milestones.registered_date))
            as last_step_date,
    from project_milestones
    cross join settings
    left join last_issuance using (project_id)
    where project_milestones.registered_date <= settings.as_of
        and (settings.zone_filter is null or project_milestones.zone = settings.zone_filter)
        and (settings.prefecture_filter is null or project_milestones.prefecture_code = settings.prefecture_filter)
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
    date_diff('month', last_step_date, settings.as_of) as months_without_issuance,
from registered, settings
where last_step_date < settings.as_of - interval 24 month
order by months_without_issuance desc, project_id
