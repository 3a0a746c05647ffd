-- one row per budget year and category: paid by the as-of date (in the chosen area and in the province) against the province's budget
-- A payment counts against its budget_year when the export gives one, else against the year it was paid.
-- Budgets are set for the whole province: budget_yuan, share_of_budget and remaining_yuan are the province's figures
-- whatever the area chosen; paid_yuan is the chosen area's.
with categories as (
    select * from (values ('注册奖励', 1), ('贷款贴息', 2), ('示范项目', 3), ('技术研究', 4), ('其他', 5)) as c(category, category_order)
),

charged as (
    select
        coalesce(budget_year, year(paid_date)) as year,
        category,
        amount_yuan,
        in_area(zone, prefecture_code, $zone, $prefecture_code) as is_in_area,
    from subsidies_in_scope($as_of, null, null)
),

paid as (
    select
        year,
        category,
        coalesce(sum(amount_yuan) filter (where is_in_area), 0) as paid_yuan,
        count(*) filter (where is_in_area) as payments,
        sum(amount_yuan) as province_paid_yuan,
    from charged
    group by all
),

budgeted as (
    select year, category, amount_yuan as budget_yuan
    from budgets
    where year <= year($as_of::date)
)

select
    year,
    category,
    budgeted.budget_yuan,
    coalesce(paid.paid_yuan, 0) as paid_yuan,
    coalesce(paid.payments, 0) as payments,
    coalesce(paid.province_paid_yuan, 0) as province_paid_yuan,
    coalesce(paid.province_paid_yuan, 0) / budgeted.budget_yuan as share_of_budget,
    budgeted.budget_yuan - coalesce(paid.province_paid_yuan, 0) as remaining_yuan,
    paid.paid_yuan / nullif(paid.province_paid_yuan, 0) as share_of_province_paid,
from budgeted
full join paid using (year, category)
join categories using (category)
order by year, categories.category_order
