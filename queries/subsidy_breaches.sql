-- one row per registration reward (注册奖励) paid by the as-of date in the chosen area and each rule of the policy it breaks
-- The rules and how each reward is judged: subsidy_reward_breaches in sinkboard/ingest/sql/scope_internal.sql, which judges
-- every reward once when the warehouse is built.
select
    payment_id,
    project_id,
    project_name,
    county_name,
    zone,
    payment_yuan,
    paid_date,
    rule_code,
    status,
    registered_date,
    first_payment_id,
from subsidy_reward_breaches
where paid_date <= $as_of::date
    and in_area(zone, prefecture_code, $zone, $prefecture_code)
order by paid_date, payment_id, rule_order
