-- one row per project registered (注册 or 签发) by the as-of date in the chosen area that matches the public registry's
-- search and project types, one page of them ($limit rows from $offset), newest registration first; no farmer
-- household's project, so both warehouses list the same projects
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
        milestones.zone,
        milestones.project_type,
        milestones.area_mu,
        milestones.registered_date,
        milestones.status,
        projects.est_annual_tco2e,
    from projects_in_scope($as_of, $zone, $prefecture_code) as milestones
    join projects using (project_id)
    where milestones.status in ('注册', '签发')
        and milestones.registered_date <= $as_of::date
        and milestones.owner_type is distinct from '农户'
)

select
    registered.*,
    coalesce(issued.issued_tco2e, 0) as issued_tco2e,  -- none issued by the as-of date: 0, not blank
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
order by registered_date desc, project_id
limit $limit offset $offset
