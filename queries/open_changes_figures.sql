-- one row per area and published measure: its figure at the update before and at this one, and the change; the
-- province and every zone, or the chosen zone alone, or the zone of the chosen prefecture (no public figure of what
-- changed is kept for a prefecture); the province first, then the zones in the plan's order
with chosen as (
    select coalesce($zone::varchar,
                    (select zone from prefectures where prefecture_code = $prefecture_code::varchar)) as zone
)

select
    figures.zone,
    figures.zone_en,
    figures.sort_order,
    figures.measure,
    figures.before,
    figures.after,
    figures.after - figures.before as change,
from changes_figures as figures, chosen
where chosen.zone is null or figures.zone = chosen.zone
order by figures.zone <> '全省', figures.sort_order, figures.measure
