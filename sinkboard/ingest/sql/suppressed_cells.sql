-- One public table ({table}) from its open cells and its private parties' rows, each row summed in the cell it is
-- placed in: by its level ({table}_levels, from suppress.sql), or by `moved` (rows merged over time: the month they
-- count in, or suppressed: kept without figures). {table}_placed keeps where each row went, by its row_id (the
-- levels hold a row once for each of its parties: its first is the row).
-- The names in braces are filled in from the allow-list in sinkboard/ingest/small_cells.py, never from data.
create temp table {table}_placed as
select
    levels.row_id,
    coalesce(moved.{date}::date, levels.{date}) as {date},
    {keys_placed}
    case when levels.level = 'county' then levels.county_code end as county_code,
    case when levels.level = 'county' then levels.county_name end as county_name,
    case when levels.level in ('county', 'prefecture') then levels.prefecture_code end as prefecture_code,
    case when levels.level in ('county', 'prefecture') then levels.prefecture_name end as prefecture_name,
    levels.zone,
    {detail_placed}
    {measures_placed}
    coalesce(moved.is_suppressed, false) as is_suppressed,
from {table}_levels as levels
left join moved using (row_id)
where levels.party_number = 1;

create table {table} as
select * from {table}_open
union all by name
select
    {date},
    {keys_cell}
    county_code, county_name, prefecture_code, prefecture_name, zone,
    {detail_cell}
    {measure_sums}
    is_suppressed,
from {table}_placed
group by all;
