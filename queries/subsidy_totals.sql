-- one row: the chosen area's payments by the as-of date, per mu of development scale and per tonne issued, and the loan-interest and demonstration totals
-- The ratios are defined as in subsidy_regions; null (shown as —) when the divisor is 0.
with per_project as (
    -- per project first, so that the projects are counted without count(distinct), which is slower in DuckDB
    select
        project_id,
        sum(amount_yuan) as paid_yuan,
        count(*) as payments,
        sum(amount_yuan) filter (where category = '贷款贴息') as loan_interest_yuan,
        count(*) filter (where category = '贷款贴息') as loan_interest_payments,
        sum(amount_yuan) filter (where category = '示范项目') as demonstration_yuan,
        count(*) filter (where category = '示范项目') as demonstration_payments,
    from subsidies_in_scope($as_of, $zone, $prefecture_code)
    group by project_id
),

payments as (
    -- a payment without a project counts in the sums, not as a project funded
    select
        coalesce(sum(paid_yuan), 0) as paid_yuan,
        coalesce(sum(payments), 0)::bigint as payments,
        count(project_id) as projects_funded,
        coalesce(sum(loan_interest_yuan), 0) as loan_interest_yuan,
        coalesce(sum(loan_interest_payments), 0)::bigint as loan_interest_payments,
        count(project_id) filter (where loan_interest_payments > 0) as loan_interest_projects,
        coalesce(sum(demonstration_yuan), 0) as demonstration_yuan,
        coalesce(sum(demonstration_payments), 0)::bigint as demonstration_payments,
        count(project_id) filter (where demonstration_payments > 0) as demonstration_projects,
    from per_project
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
