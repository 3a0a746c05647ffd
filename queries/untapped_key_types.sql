-- one row per zone and county among each zone's five counties with the most untapped potential area in the zone's key project types, by the as-of date on the chosen basis
with assessed as (
    select potential.county_code, potential.zone, potential.project_type, potential.potential_area_mu,
        potential.potential_tco2e,
    from potential
    join zones using (zone)
    where list_contains(zones.key_types, potential.project_type)
        and in_area(potential.zone, potential.prefecture_code, $zone, $prefecture_code)
),

developed as (
    select county_code, project_type, sum(area_mu) as developed_mu,
    from scale_in_scope($as_of, $basis, $zone, $prefecture_code)
    group by all
),

county_totals as (
    select
        assessed.zone,
        assessed.county_code,
        sum(assessed.potential_area_mu) as potential_area_mu,
        sum(assessed.potential_tco2e) as potential_tco2e,
        sum(coalesce(developed.developed_mu, 0)) as developed_mu,
        -- floored per type: more than assessed in one type does not use up another type's potential
        sum(greatest(assessed.potential_area_mu - coalesce(developed.developed_mu, 0), 0)) as untapped_mu,
    from assessed
    left join developed using (county_code, project_type)
    group by all
),

ranked as (
    select
        *,
        row_number() over (partition by zone order by untapped_mu desc, county_code) as rank,
    from county_totals
    where untapped_mu > 0
)

select
    ranked.zone,
    zones.zone_en,
    zones.sort_order,
    zones.key_types,
    ranked.rank,
    ranked.county_code,
    counties.county_name,
    counties.prefecture_name,
    ranked.potential_area_mu,
    ranked.potential_tco2e,
    ranked.developed_mu,
    ranked.untapped_mu,
    ranked.developed_mu / ranked.potential_area_mu as share_developed,
from ranked
join zones using (zone)
join counties using (county_code)
where ranked.rank <= 5
order by zones.sort_order, ranked.rank
