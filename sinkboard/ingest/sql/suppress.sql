-- One public table from its monthly cells: a cell of fewer than $smallest private parties is merged into its
-- prefecture, then into its zone's month without the finer categories. Cells still too small there come out marked
-- is_suppressed, and sinkboard/ingest/small_cells.py merges them over time within their zone.
-- The names in braces are filled in from the allow-list in sinkboard/ingest/small_cells.py, never from data.
create table {table} as
with small as (
    select * exclude (is_private) from {cells} where is_private and {parties} < $smallest  -- is_private is never null
),

prefecture_level as (
    select
        * exclude (county_code, county_name, {measures_list}),
        null::varchar as county_code, null::varchar as county_name,
        {measure_sums},
    from small
    group by all
),

zone_level as (
    -- the zone for the month, the finer categories ({detail_list}) left out too
    select
        * exclude (county_code, county_name, prefecture_code, prefecture_name, {detail_list}, {measures_list}),
        null::varchar as county_code, null::varchar as county_name,
        null::varchar as prefecture_code, null::varchar as prefecture_name,
        {detail_nulls},
        {measure_sums},
    from prefecture_level
    where {parties} < $smallest
    group by all
)

select * exclude (is_private), false as is_suppressed from {cells} where not is_private or {parties} >= $smallest
union all by name
select *, false as is_suppressed from prefecture_level where {parties} >= $smallest
union all by name
select *, false as is_suppressed from zone_level where {parties} >= $smallest
union all by name
select *, true as is_suppressed from zone_level where {parties} < $smallest
