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

-- trade_groups: the trades summed per day, prefecture and value of each dimension the trading page breaks them down by
-- (platform, buyer type, purpose, zone, project type; an empty value as 未填). Each dimension covers every trade once,
-- so the rows of any one of them (the zone's are fewest: one per day and prefecture) sum to the totals. It holds at most
-- days × prefectures × values rows however many trades there are: the trading figures read tens of thousands of rows
-- here, not millions of trades. A trade without a stated price counts in volume and value but in no price figure.
-- Small purchases (the micro carbon sink) are trades of at most getvariable('small_purchase_tco2e') tCO2e
-- (sinkboard.trading.SMALL_PURCHASE_TCO2E, set by the ingest).
create table trade_groups as
with trades_priced as (
    select
        trade_date, zone, prefecture_code, platform, buyer_type, purpose, zone as zone_value, project_type,
        volume_tco2e, amount_yuan,
        case when price_yuan is not null then volume_tco2e end as priced_volume_tco2e,
        case when price_yuan is not null then amount_yuan end as priced_amount_yuan,
    from trade_rows
)

select
    dimension,
    coalesce(group_value, '未填') as group_value,
    trade_date, zone, prefecture_code,
    count(*) as trades,
    sum(volume_tco2e) as volume_tco2e,
    sum(amount_yuan) as amount_yuan,
    sum(priced_volume_tco2e) as priced_volume_tco2e,
    sum(priced_amount_yuan) as priced_amount_yuan,
    count(*) filter (where volume_tco2e <= getvariable('small_purchase_tco2e')) as small_trades,
    sum(volume_tco2e) filter (where volume_tco2e <= getvariable('small_purchase_tco2e')) as small_volume_tco2e,
from trades_priced
unpivot include nulls (
    group_value for dimension in (platform, buyer_type, purpose, zone_value as 'zone', project_type)
)
group by all
order by dimension, trade_date;

-- trades made by the as-of date in the area
create or replace macro trades_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from trade_rows
    where trade_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- the trades made by the as-of date in the area, summed per day and prefecture and value of one dimension
create or replace macro trade_groups_in_scope(dimension_name, as_of_date, zone_filter, prefecture_filter) as table
    select * from trade_groups
    where dimension = dimension_name
        and trade_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- payments made by the as-of date (a payment's region is its own county column)
create or replace macro subsidies_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from subsidies
    where paid_date <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);
