-- one row per prefecture or county ($level) in the chosen area: scale at the as-of date, projects, and assessed potential
with scale as (
    select
        region_of($level, zone, prefecture_code, county_code) as region_code,
        sum(projects) as projects,
        sum(area_mu) as area_mu,
    from scale_in_scope($as_of, $basis, $zone, $prefecture_code)
    group by all
),

assessed as (
    select
        region_of($level, zone, prefecture_code, county_code) as region_code,
        sum(potential_area_mu) as potential_area_mu,
    from potential
    group by all
)

select
    regions.* exclude (zone_en, sort_order),
    coalesce(scale.projects, 0) as projects,
    coalesce(scale.area_mu, 0) as area_mu,
    assessed.potential_area_mu,
    coalesce(scale.area_mu, 0) / assessed.potential_area_mu as share_of_potential,
from regions_in_area($level, $zone, $prefecture_code) as regions
left join scale using (region_code)
left join assessed using (region_code)
order by area_mu desc, regions.region_code
