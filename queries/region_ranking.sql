-- one row per prefecture or county ($level) in the chosen area: scale at the as-of date, projects, and assessed potential
with regions as (
    select
        case when $level::varchar = 'county' then county_code else prefecture_code end as region_code,
        case when $level::varchar = 'county' then county_name else prefecture_name end as region_name,
        prefecture_name,
        zone,
    from counties
    where in_area(zone, prefecture_code, $zone, $prefecture_code)
    group by all
),

scale as (
    select
        case when $level::varchar = 'county' then county_code else prefecture_code end as region_code,
        sum(projects) as projects,
        sum(area_mu) as area_mu,
    from scale_in_scope($as_of, $basis, $zone, $prefecture_code)
    group by all
),

assessed as (
    select
        case when $level::varchar = 'county' then county_code else prefecture_code end as region_code,
        sum(potential_area_mu) as potential_area_mu,
    from potential
    group by all
)

select
    regions.region_code,
    regions.region_name,
    regions.prefecture_name,
    regions.zone,
    coalesce(scale.projects, 0) as projects,
    coalesce(scale.area_mu, 0) as area_mu,
    assessed.potential_area_mu,
    coalesce(scale.area_mu, 0) / assessed.potential_area_mu as share_of_potential,
from regions
left join scale using (region_code)
left join assessed using (region_code)
order by area_mu desc, regions.region_code
