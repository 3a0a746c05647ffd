-- The scope macros over row-level tables that only the internal warehouse holds (trades, payments), and the table of
-- trades they read.

-- trade_rows: every loaded trade with the region and type of the project whose credits were sold, and its buyer as
-- queries may see it (an individual's name masked), in date order. Made once here rather than by a join of the trades
-- to the projects on every query: at ten million trades the join was most of a query's time (400-800 ms).
create table trade_rows as
select
    trades.* exclude (buyer),
    -- the only way queries see a buyer: an individual's name masked
    case when trades.buyer_type = '个人' then masked_name(trades.buyer) else trades.buyer end as buyer,
    projects.project_name, projects.county_code, projects.county_name, projects.prefecture_code,
    projects.prefecture_name, projects.zone, projects.project_type, projects.standard,
from trades
join projects using (project_id)
order by trades.trade_date, trades.trade_id;

-- trades made by the as-of date in the area
create or replace macro trades_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from trade_rows
    where trade_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- payments made by the as-of date (a payment's region is its own county column)
create or replace macro subsidies_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from subsidies
    where paid_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);
