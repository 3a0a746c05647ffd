-- one row per zone and project type: scale at the as-of date on the chosen basis, and whether the type is a focus of its zone (a public cell merged without its type is a row of its own, 'merged', and of no focus; a cell held back without figures is left out)
with scale as (
    select zone, shown_category(project_type, prefecture_code) as project_type, sum(projects) as projects, sum(area_mu) as area_mu
    from scale_in_scope($as_of, $basis, $zone, $prefecture_code)
    group by all
    having sum(area_mu) is not null
)

select
    scale.zone,
    zones.zone_en,
    scale.project_type,
    scale.projects,
    scale.area_mu,
    scale.area_mu / sum(scale.area_mu) over (partition by scale.zone) as share_of_zone,
    case
        when scale.project_type = 'merged' then 'merged'
        when list_contains(zones.key_types, scale.project_type) then 'key'
        when list_contains(zones.moderate_types, scale.project_type) then 'moderate'
        else 'other'
    end as focus,
from scale
join zones using (zone)
order by zones.sort_order, scale.area_mu desc
