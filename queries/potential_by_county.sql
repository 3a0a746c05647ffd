-- one row per county and project type in the chosen area with an assessed potential or a scale: potential, scale developed by the as-of date on the chosen basis, untapped area and share developed
with assessed as (
    select county_code, project_type, potential_area_mu, potential_tco2e,
    from potential
    where in_area(zone, prefecture_code, $zone, $prefecture_code)
),

developed as (
    select county_code, project_type, sum(projects) as projects, sum(area_mu) as developed_mu,
    from scale_in_scope($as_of, $basis, $zone, $prefecture_code)
    group by all
),

county_types as (
    select
        county_code,
        project_type,
        assessed.potential_area_mu,
        assessed.potential_tco2e,
        coalesce(developed.projects, 0) as projects,
        coalesce(developed.developed_mu, 0) as developed_mu,
    from assessed
    full join developed using (county_code, project_type)
)

select
    county_types.county_code,
    counties.county_name,
    counties.prefecture_name,
    counties.zone,
    county_types.project_type,
    county_types.potential_area_mu,
    county_types.potential_tco2e,
    county_types.projects,
    county_types.developed_mu,
    -- a county that developed more than was assessed has nothing left, not a negative amount; where nothing was
    -- assessed there is no figure (greatest() would skip the null and say 0)
    case
        when county_types.potential_area_mu is not null
            then greatest(county_types.potential_area_mu - county_types.developed_mu, 0)
    end as untapped_mu,
    county_types.developed_mu / county_types.potential_area_mu as share_developed,
from county_types
join counties using (county_code)
order by
    untapped_mu desc nulls last,
    county_types.developed_mu desc,
    county_types.county_code,
    county_types.project_type
