-- one row per zone and project type among the projects the public registry lists for the chosen area, as-of date,
-- search and project types: how many there are and their area, zones in the policy's order
select
    listed.zone,
    zones.zone_en,
    listed.project_type,
    count(*) as projects,
    sum(listed.area_mu) as area_mu,
from open_registry_in_scope($as_of, $zone, $prefecture_code, $search::varchar, $project_types::varchar[]) as listed
join zones using (zone)
group by all
order by any_value(zones.sort_order), projects desc, listed.project_type
