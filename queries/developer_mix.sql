-- one row per developer (owner) type: projects and area on the development basis at the as-of date
select
    coalesce(owner_type, '未填') as owner_type,
    sum(projects) as projects,
    sum(area_mu) as area_mu,
    sum(area_mu) / sum(sum(area_mu)) over () as share_of_area,
from scale_in_scope($as_of, 'development', $zone, $prefecture_code)
group by all
order by area_mu desc
