-- one row per subsidy payment to the project $project_id by the as-of date
select
    payment_id,
    paid_date,
    category,
    amount_yuan as payment_yuan,
    budget_year,
    fund_source,
from subsidies_in_scope($as_of, null, null)
where project_id = $project_id::varchar
order by paid_date, payment_id
