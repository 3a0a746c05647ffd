-- one row per registration reward (注册奖励) paid by the as-of date in the chosen area and each rule of the policy it breaks
-- The policy: a one-off reward of 500,000 to 1,000,000 yuan for each registered project. A reward is judged on the day
-- it was paid against the registry's latest snapshot: the project must be 注册 or 签发 and registered on or before
-- that day; every reward of a project after its first (by paid_date, then payment_id, over the whole province)
-- is listed as paid again, with the first one named.
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

-- every reward in the province, so a project's first reward is found even when it was paid outside the chosen area
rewards as (
    select
        payments.*,
        projects.project_name,
        projects.status,
        projects.registered_date,
        row_number() over project_rewards as reward_number,
        first(payments.payment_id) over project_rewards as first_payment_id,
    from subsidies_in_scope($as_of, null, null) as payments
    left join projects using (project_id)
    where payments.category = '注册奖励'
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
    where in_area(rewards.zone, rewards.prefecture_code, $zone, $prefecture_code)
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
    breaches.amount_yuan as payment_yuan,
    breaches.paid_date,
    breaches.rule_code,
    breaches.status,
    breaches.registered_date,
    case when breaches.rule_code = 'reward_paid_again' then breaches.first_payment_id end as first_payment_id,
from breaches
join rules using (rule_code)
where breaches.is_broken
order by breaches.paid_date, breaches.payment_id, rules.rule_order
