-- one row per budget year: the chosen area's payments by the as-of date per category, in all, and how many
-- A payment counts against its budget_year when the export gives one, else against the year it was paid.
select
    coalesce(budget_year, year(paid_date)) as year,
    coalesce(sum(amount_yuan) filter (where category = '注册奖励'), 0) as reward_yuan,
    coalesce(sum(amount_yuan) filter (where category = '贷款贴息'), 0) as loan_interest_yuan,
    coalesce(sum(amount_yuan) filter (where category = '示范项目'), 0) as demonstration_yuan,
    coalesce(sum(amount_yuan) filter (where category = '技术研究'), 0) as research_yuan,
    coalesce(sum(amount_yuan) filter (where category = '其他'), 0) as other_yuan,
    sum(amount_yuan) as paid_yuan,
    count(*) as payments,
from subsidies_in_scope($as_of, $zone, $prefecture_code)
group by all
order by year
