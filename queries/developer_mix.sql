-- one row per developer (owner) type: projects and area on the development basis at the as-of date (未填 where the export gave none; a public cell merged without its type is a row of its own, 'merged'; a cell held back without figures is left out)
select
    shown_category(owner_type, prefecture_code) as owner_type,
    sum(projects) as projects,
    sum(area_mu) as area_mu,
    sum(area_mu) / sum(sum(area_mu)) over () as share_of_area,
from scale_in_scope($as_of, 'development', $zone, $prefecture_code)
group by all
having sum(area_mu) is not null
order by area_mu desc
