-- one row per subsidy category, in the contract's order: the chosen area's payments by the as-of date, their amount, the projects funded and the category's share of the amount
with categories as (
    select * from (values ('注册奖励', 1), ('贷款贴息', 2), ('示范项目', 3), ('技术研究', 4), ('其他', 5)) as c(category, category_order)
),

paid as (
    select
        category,
        count(*) as payments,
        count(distinct project_id) as projects_funded,
        sum(amount_yuan) as paid_yuan,
    from subsidies_in_scope($as_of, $zone, $prefecture_code)
    group by category
)

select
    categories.category,
    coalesce(paid.paid_yuan, 0) as paid_yuan,
    coalesce(paid.payments, 0) as payments,
    coalesce(paid.projects_funded, 0) as projects_funded,
    paid.paid_yuan / nullif(sum(paid.paid_yuan) over (), 0) as share_of_paid,
from categories
left join paid using (category)
order by categories.category_order
