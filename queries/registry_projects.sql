-- one row per project started by the as-of date in the chosen area that matches the registry's search and filters
-- (each filter parameter NULL = no filter; lists match any of their values): $limit rows from $offset (a page of
-- them; all when $limit is null), each with the count of all that match
with matching as (
    -- the filters and the order read only the columns they need; the page's other columns are fetched for its rows
    select milestones.project_id,
    from projects_in_scope($as_of, $zone, $prefecture_code) as milestones
    join registry_entries() as projects using (project_id)
    where (
            $search::varchar is null
            or contains(lower(milestones.project_id), lower($search::varchar))
            or contains(lower(milestones.project_name), lower($search::varchar))
            or contains(lower(coalesce(projects.owner, '')), lower($search::varchar))
        )
        and ($county_codes::varchar[] is null or list_contains($county_codes::varchar[], milestones.county_code))
        and ($project_types::varchar[] is null or list_contains($project_types::varchar[], milestones.project_type))
        and ($standards::varchar[] is null or list_contains($standards::varchar[], projects.standard))
        and ($statuses::varchar[] is null or list_contains($statuses::varchar[], milestones.status))
        and ($owner_types::varchar[] is null or list_contains($owner_types::varchar[], projects.owner_type))
        and ($is_demo::boolean is null or projects.is_demo = $is_demo::boolean)
),

page as (
    select project_id, count(*) over () as matching_projects,
    from matching
    -- a project whose id is exactly the search text comes first
    order by lower(project_id) = lower(coalesce($search::varchar, '')) desc, project_id
    limit $limit offset $offset
),

issued as (
    select
        project_id,
        sum(issued_tco2e) as issued_tco2e,
        max(issued_date) as last_issued_date,
    from issuances_in_scope($as_of, $zone, $prefecture_code)
    where project_id in (select project_id from page)
    group by project_id
)

select
    milestones.project_id,
    milestones.project_name,
    milestones.county_code,
    milestones.county_name,
    milestones.prefecture_name,
    milestones.zone,
    milestones.project_type,
    projects.standard,
    milestones.status,
    projects.owner,
    projects.owner_type,
    projects.is_demo,
    milestones.area_mu,
    projects.est_annual_tco2e,
    issued.issued_tco2e,
    milestones.start_date,
    milestones.registered_date,
    issued.last_issued_date,
    page.matching_projects,
from page
join project_milestones as milestones using (project_id)
join registry_entries() as projects using (project_id)
left join issued using (project_id)
order by lower(page.project_id) = lower(coalesce($search::varchar, '')) desc, page.project_id
