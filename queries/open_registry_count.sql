-- one row: how many projects the public registry lists for the chosen area, as-of date, search and project types,
-- with their area, expected credits a year and credits issued by the as-of date (the projects open_registry_projects
-- pages through)
with issued as (
    select
        project_id,
        sum(issued_tco2e) as issued_tco2e,
    from issuances_in_scope($as_of, $zone, $prefecture_code)
    group by project_id
),

registered as (
    select
        milestones.project_id,
        milestones.project_name,
        milestones.county_name,
        milestones.prefecture_name,
        milestones.project_type,
        milestones.area_mu,
        projects.est_annual_tco2e,
    from projects_in_scope($as_of, $zone, $prefecture_code) as milestones
    join projects using (project_id)
    where milestones.status in ('注册', '签发')
        and milestones.registered_date <= $as_of::date
        and milestones.owner_type is distinct from '农户'
),

matching as (
    select registered.*, issued.issued_tco2e,
    from registered
    left join issued using (project_id)
    where (
            $search::varchar is null
            or contains(lower(project_id), lower($search::varchar))
            or contains(lower(project_name), lower($search::varchar))
            or contains(county_name, $search::varchar)
            or contains(prefecture_name, $search::varchar)
        )
        and ($project_types::varchar[] is null or list_contains($project_types::varchar[], project_type))
)

select
    count(*) as projects,
    sum(area_mu) as area_mu,
    sum(est_annual_tco2e) as est_annual_tco2e,
    sum(issued_tco2e) as issued_tco2e,
from matching
