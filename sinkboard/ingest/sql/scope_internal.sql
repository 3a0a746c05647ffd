-- The scope macros over row-level tables that only the internal warehouse holds (trades, payments), and the table of
-- trades they read.

-- trade_rows: every loaded trade with the region and type of the project whose credits were sold, and its buyer as
-- queries may see it (an individual's name masked), in date order. Made once here rather than by a join of the trades
-- to the projects on every query: at ten million trades the join would be most of a query's time.
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
-- (sinkboard.figures.trading_terms.SMALL_PURCHASE_TCO2E, set by the ingest).
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
    from rows_in_scope('trade_rows', 'trade_date', as_of_date, zone_filter, prefecture_filter);

-- the trades made by the as-of date in the area, summed per day and prefecture and value of one dimension
create or replace macro trade_groups_in_scope(dimension_name, as_of_date, zone_filter, prefecture_filter) as table
    from rows_in_scope('trade_groups', 'trade_date', as_of_date, zone_filter, prefecture_filter)
    where dimension = dimension_name;

-- one row per month from the first trade in the area to the as-of month: the trades of the month summed from the rows
-- of one dimension (each covers every trade once; 0 in a month without any, and the priced amount null), and apart the
-- trades and volume of one value of that dimension (value_filter; 0 when it is not given)
create or replace macro trade_months_in_scope(dimension_name, as_of_date, zone_filter, prefecture_filter,
                                              value_filter := null) as table
    with grouped as (
        select date_trunc('month', trade_date)::date as month_start, *,
        from trade_groups_in_scope(dimension_name, as_of_date, zone_filter, prefecture_filter)
    ),
    first_month as (
        select min(month_start) as month_start from grouped having count(*) > 0
    ),
    months as (
        select unnest(generate_series(month_start, date_trunc('month', as_of_date::date)::date, interval 1 month))::date
            as month_start
        from first_month
    ),
    monthly as (
        select
            month_start,
            sum(trades)::bigint as trades,
            sum(volume_tco2e) as volume_tco2e,
            sum(amount_yuan) as amount_yuan,
            sum(priced_volume_tco2e) as priced_volume_tco2e,
            sum(priced_amount_yuan) as priced_amount_yuan,
            sum(small_trades)::bigint as small_trades,
            sum(small_volume_tco2e) as small_volume_tco2e,
            sum(trades) filter (where group_value = value_filter)::bigint as value_trades,
            sum(volume_tco2e) filter (where group_value = value_filter) as value_volume_tco2e,
        from grouped
        group by month_start
    )
    select
        strftime(months.month_start, '%Y-%m') as month,
        months.month_start,
        coalesce(monthly.trades, 0) as trades,
        coalesce(monthly.volume_tco2e, 0) as volume_tco2e,
        coalesce(monthly.amount_yuan, 0) as amount_yuan,
        coalesce(monthly.priced_volume_tco2e, 0) as priced_volume_tco2e,
        monthly.priced_amount_yuan,
        coalesce(monthly.small_trades, 0) as small_trades,
        coalesce(monthly.small_volume_tco2e, 0) as small_volume_tco2e,
        coalesce(monthly.value_trades, 0) as value_trades,
        coalesce(monthly.value_volume_tco2e, 0) as value_volume_tco2e,
    from months
    left join monthly using (month_start);

-- payments made by the as-of date (a payment's region is its own county column)
create or replace macro subsidies_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    from rows_in_scope('subsidies', 'paid_date', as_of_date, zone_filter, prefecture_filter);

-- payments of one category made by the as-of date in the area
create or replace macro category_payments_in_scope(category_name, as_of_date, zone_filter, prefecture_filter) as table
    from subsidies_in_scope(as_of_date, zone_filter, prefecture_filter)
    where category = category_name::varchar;

-- subsidy_reward_breaches: each registration reward (注册奖励) with each rule of the policy it breaks, judged once
-- here for every reward in the province (queries/subsidy_breaches.sql keeps those paid by the as-of date in the area).
-- The policy: a one-off reward of 500,000 to 1,000,000 yuan for each registered project. A reward is judged on the
-- day it was paid against the registry's latest snapshot: the project must be 注册 or 签发 and registered on or before
-- that day; every reward of a project after its first (by paid_date, then payment_id, over the whole province) is
-- listed as paid again, with the first one named. No check depends on the as-of date: the rewards before a reward in
-- that order were paid on or before its day, so they are in scope whenever it is, and its number stays the same.
create table subsidy_reward_breaches as
with rules as (
    select * from (values
        ('reward_no_project', 1),
        ('reward_unregistered_project', 2),
        ('reward_before_registration', 3),
        ('reward_below_minimum', 4),
        ('reward_above_maximum', 5),
        ('reward_paid_again', 6),
    ) as r(rule_code, rule_order)
),

reward_limits as (
    select 500000 as minimum_yuan, 1000000 as maximum_yuan
),

rewards as (
    select
        payments.*,
        projects.project_name,
        projects.status,
        projects.registered_date,
        row_number() over project_rewards as reward_number,
        first(payments.payment_id) over project_rewards as first_payment_id,
    from subsidies as payments
    left join projects using (project_id)
    where payments.category = '注册奖励' and payments.paid_date is not null
    window project_rewards as (partition by payments.project_id order by payments.paid_date, payments.payment_id)
),

checked as (
    select
        rewards.*,
        rewards.project_id is null as reward_no_project,
        rewards.project_id is not null and rewards.status not in ('注册', '签发') as reward_unregistered_project,
        rewards.status in ('注册', '签发') and rewards.registered_date > rewards.paid_date as reward_before_registration,
        rewards.amount_yuan < reward_limits.minimum_yuan as reward_below_minimum,
        rewards.amount_yuan > reward_limits.maximum_yuan as reward_above_maximum,
        rewards.project_id is not null and rewards.reward_number > 1 as reward_paid_again,
    from rewards, reward_limits
),

breaches as (
    unpivot checked
    on reward_no_project, reward_unregistered_project, reward_before_registration, reward_below_minimum,
        reward_above_maximum, reward_paid_again
    into name rule_code value is_broken
)

select
    breaches.payment_id,
    breaches.project_id,
    breaches.project_name,
    breaches.county_name,
    breaches.zone,
    breaches.prefecture_code,
    breaches.amount_yuan as payment_yuan,
    breaches.paid_date,
    breaches.rule_code,
    rules.rule_order,
    breaches.status,
    breaches.registered_date,
    case when breaches.rule_code = 'reward_paid_again' then breaches.first_payment_id end as first_payment_id,
from breaches
join rules using (rule_code)
where breaches.is_broken
order by breaches.paid_date, breaches.payment_id, rules.rule_order;
