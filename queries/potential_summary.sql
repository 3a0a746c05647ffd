-- one row per zone or project type ($by; one row for the whole area when $by is 'total') in the chosen area: assessed potential against the scale developed by the as-of date on the chosen basis
with groups as (
    select
        -- every row has its zone; a row without a project type (the contract requires one) is a cell the public
        -- small-cell rule merged without it, a group of its own (as shown_category names it)
        case $by::varchar when 'zone' then zone when 'project_type' then coalesce(project_type, 'merged') end
            as group_value,
        count(distinct county_code) filter (where potential_area_mu is not null) as counties,
        sum(potential_area_mu) as potential_area_mu,
        sum(potential_tco2e) as potential_tco2e,
        -- the scale set against the potential is the scale of the assessed counties and types only
        coalesce(sum(developed_mu) filter (where potential_area_mu is not null), 0) as developed_mu,
        sum(untapped_mu) as untapped_mu,
        coalesce(sum(developed_mu) filter (where potential_area_mu is null), 0) as unassessed_developed_mu,
    from potential_in_scope($as_of, $basis, $zone, $prefecture_code)
    group by all
)

select
    groups.group_value,
    groups.counties,
    groups.potential_area_mu,
    groups.potential_tco2e,
    groups.developed_mu,
    groups.untapped_mu,
    groups.developed_mu / groups.potential_area_mu as share_developed,
    groups.unassessed_developed_mu,
from groups
left join zones on zones.zone = groups.group_value
order by zones.sort_order nulls last, groups.potential_area_mu desc nulls last, groups.group_value
