-- one row per budget year: the chosen area's payments of one category ($category) by the as-of date, their amount and the projects funded
-- A payment counts against its budget_year when the export gives one, else against the year it was paid.
select
    coalesce(budget_year, year(paid_date)) as year,
    count(*) as payments,
    count(distinct project_id) as projects_funded,
    sum(amount_yuan) as paid_yuan,
from category_payments_in_scope($category, $as_of, $zone, $prefecture_code)
group by all
order by year
