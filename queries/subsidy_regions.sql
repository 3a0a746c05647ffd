-- one row per zone or prefecture ($level) in the chosen area: payments by the as-of date per category, per mu of scale and per tonne issued
-- A payment's region is its own county. yuan_per_mu = all payments ÷ development scale (area of projects not 终止,
-- counted from start_date) at the as-of date; yuan_per_tco2e = all payments ÷ credits issued by the as-of date.
-- Both are null (shown as —) when the divisor is 0.
with payments as (
    select
        region_of($level, zone, prefecture_code, county_code) as region_code,
        sum(amount_yuan) filter (where category = '注册奖励') as reward_yuan,
        sum(amount_yuan) filter (where category = '贷款贴息') as loan_interest_yuan,
        sum(amount_yuan) filter (where category = '示范项目') as demonstration_yuan,
        sum(amount_yuan) filter (where category = '技术研究') as research_yuan,
        sum(amount_yuan) filter (where category = '其他') as other_yuan,
        sum(amount_yuan) as paid_yuan,
        count(*) as payments,
        count(distinct project_id) as projects_funded,
    from subsidies_in_scope($as_of, $zone, $prefecture_code)
    group by all
),

scale as (
    select
        region_of($level, zone, prefecture_code, county_code) as region_code,
        sum(area_mu) as scale_mu,
    from scale_in_scope($as_of, 'development', $zone, $prefecture_code)
    group by all
),

credits as (
    select
        region_of($level, zone, prefecture_code, county_code) as region_code,
        sum(issued_tco2e) as issued_tco2e,
    from issuances_in_scope($as_of, $zone, $prefecture_code)
    group by all
)

select
    regions.* exclude (prefecture_name, sort_order),
    coalesce(payments.reward_yuan, 0) as reward_yuan,
    coalesce(payments.loan_interest_yuan, 0) as loan_interest_yuan,
    coalesce(payments.demonstration_yuan, 0) as demonstration_yuan,
    coalesce(payments.research_yuan, 0) as research_yuan,
    coalesce(payments.other_yuan, 0) as other_yuan,
    coalesce(payments.paid_yuan, 0) as paid_yuan,
    coalesce(payments.payments, 0) as payments,
    coalesce(payments.projects_funded, 0) as projects_funded,
    coalesce(scale.scale_mu, 0) as scale_mu,
    coalesce(credits.issued_tco2e, 0) as issued_tco2e,
    coalesce(payments.paid_yuan, 0) / nullif(scale.scale_mu, 0) as yuan_per_mu,
    coalesce(payments.paid_yuan, 0) / nullif(credits.issued_tco2e, 0) as yuan_per_tco2e,
from regions_in_area($level, $zone, $prefecture_code) as regions
left join payments using (region_code)
left join scale using (region_code)
left join credits using (region_code)
order by paid_yuan desc, regions.sort_order, regions.region_code
