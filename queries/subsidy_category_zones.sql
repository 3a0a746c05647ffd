-- one row per zone in the chosen area: its payments of one category ($category) by the as-of date, their amount and the projects funded
with zones_in_area as (
    select distinct counties.zone, zones.zone_en, zones.sort_order
    from counties
    join zones using (zone)
    where in_area(counties.zone, counties.prefecture_code, $zone, $prefecture_code)
),

paid as (
    select
        zone,
        count(*) as payments,
        count(distinct project_id) as projects_funded,
        sum(amount_yuan) as paid_yuan,
    from category_payments_in_scope($category, $as_of, $zone, $prefecture_code)
    group by zone
)

select
    zones_in_area.zone,
    zones_in_area.zone_en,
    coalesce(paid.payments, 0) as payments,
    coalesce(paid.projects_funded, 0) as projects_funded,
    coalesce(paid.paid_yuan, 0) as paid_yuan,
from zones_in_area
left join paid using (zone)
order by zones_in_area.sort_order
