-- The scope every page filters by, written once and built into both warehouses: an area (zone and prefecture,
-- null meaning all) and an as-of date. Queries read `from <fact>_in_scope($as_of, $zone, $prefecture_code)`.

create or replace macro in_area(zone, prefecture_code, zone_filter, prefecture_filter) as
    (zone_filter::varchar is null or zone = zone_filter::varchar)
    and (prefecture_filter::varchar is null or prefecture_code = prefecture_filter::varchar);

-- scale events of one basis that have happened by the as-of date
create or replace macro scale_in_scope(as_of_date, chosen_basis, zone_filter, prefecture_filter) as table
    select * from scale_events
    where basis = chosen_basis::varchar
        and event_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- scale events of every basis (development, registered, terminated) by the as-of date
create or replace macro scale_events_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from scale_events
    where event_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- projects started by the as-of date, with their milestones
create or replace macro projects_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from project_milestones
    where start_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- issuance records issued by the as-of date
create or replace macro issuances_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from issuance_facts
    where issued_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- trades summed per day and dimension, by the as-of date
create or replace macro trade_facts_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from trade_facts
    where trade_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- payments summed per day and dimension, by the as-of date
create or replace macro subsidy_facts_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from subsidy_facts
    where paid_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);
