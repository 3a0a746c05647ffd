-- one row per zone and county among each zone's five counties with the most untapped potential area in the zone's key project types, by the as-of date on the chosen basis
with county_totals as (
    select
        county_types.zone,
        county_types.county_code,
        sum(county_types.potential_area_mu) as potential_area_mu,
        sum(county_types.potential_tco2e) as potential_tco2e,
        sum(county_types.developed_mu) as developed_mu,
        -- floored per type: more than assessed in one type does not use up another type's potential
        sum(county_types.untapped_mu) as untapped_mu,
    from potential_in_scope($as_of, $basis, $zone, $prefecture_code) as county_types
    join zones using (zone)
    where list_contains(zones.key_types, county_types.project_type) and county_types.potential_area_mu is not null
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
