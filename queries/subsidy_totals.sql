-- one row: the chosen area's payments by the as-of date, per mu of development scale and per tonne issued, and the loan-interest and demonstration totals
-- The ratios are defined as in subsidy_regions; null (shown as —) when the divisor is 0.
with payments as (
    select
        coalesce(sum(amount_yuan), 0) as paid_yuan,
        count(*) as payments,
        count(distinct project_id) as projects_funded,
        coalesce(sum(amount_yuan) filter (where category = '贷款贴息'), 0) as loan_interest_yuan,
        count(*) filter (where category = '贷款贴息') as loan_interest_payments,
        count(distinct project_id) filter (where category = '贷款贴息') as loan_interest_projects,
        coalesce(sum(amount_yuan) filter (where category = '示范项目'), 0) as demonstration_yuan,
        count(*) filter (where category = '示范项目') as demonstration_payments,
        count(distinct project_id) filter (where category = '示范项目') as demonstration_projects,
    from subsidies_in_scope($as_of, $zone, $prefecture_code)
),

scale as (
    select coalesce(sum(area_mu), 0) as scale_mu
    from scale_in_scope($as_of, 'development', $zone, $prefecture_code)
),

credits as (
    select coalesce(sum(issued_tco2e), 0) as issued_tco2e
    from issuances_in_scope($as_of, $zone, $prefecture_code)
)

select
    payments.*,
    scale.scale_mu,
    credits.issued_tco2e,
    payments.paid_yuan / nullif(scale.scale_mu, 0) as yuan_per_mu,
    payments.paid_yuan / nullif(credits.issued_tco2e, 0) as yuan_per_tco2e,
from payments, scale, credits
