-- one row per zone and project type among the projects the public registry lists for the chosen area, as-of date,
-- search and project types: how many there are and their area, zones in the policy's order
with registered as (
    select
        milestones.project_id,
        milestones.project_name,
        milestones.county_name,
        milestones.prefecture_name,
        milestones.zone,
        milestones.project_type,
        milestones.area_mu,
    from projects_in_scope($as_of, $zone, $prefecture_code) as milestones
    where milestones.status in ('注册', '签发')
        and milestones.registered_date <= $as_of::date
        and milestones.owner_type is distinct from '农户'
),

matching as (
    select *
    from registered
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
    matching.zone,
    zones.zone_en,
    matching.project_type,
    count(*) as projects,
    sum(matching.area_mu) as area_mu,
from matching
join zones using (zone)
group by all
order by any_value(zones.sort_order), projects desc, matching.project_type
