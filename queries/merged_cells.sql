-- one row: whether the chosen area's zone (the province when none is chosen) holds a cell the public small-cell rule merged above its county (its rows then count in a larger area, a later month, or without their finer categories), so that public figures may differ from the internal ones; never so inside
with merged as (
    select zone from scale_events where county_code is null
    union all
    select zone from trade_facts where county_code is null
    union all
    select zone from subsidy_facts where county_code is null
    union all
    select zone from issuance_facts where county_code is null
)

select count(*) > 0 as has_merged_cells,
from merged
where $zone::varchar is null or zone = $zone::varchar
