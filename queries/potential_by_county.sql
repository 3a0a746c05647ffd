-- one row per county and project type in the chosen area with an assessed potential or a scale: potential, scale developed by the as-of date on the chosen basis, untapped area and share developed
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
    county_types.untapped_mu,
    county_types.developed_mu / county_types.potential_area_mu as share_developed,
from potential_in_scope($as_of, $basis, $zone, $prefecture_code) as county_types
join counties using (county_code)
order by
    untapped_mu desc nulls last,
    county_types.developed_mu desc,
    county_types.county_code,
    county_types.project_type
