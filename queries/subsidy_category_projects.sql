-- one row per project funded by one category ($category) of payments by the as-of date in the chosen area (payments with no project_id: one row per county),
-- most paid first: the first $limit of them (all when $limit is null), each with the count of them all
select
    payments.project_id,
    projects.project_name,
    payments.county_name,
    payments.zone,
    projects.project_type,
    projects.status,
    projects.is_demo as is_demo_project,
    count(*) as payments,
    sum(payments.amount_yuan) as paid_yuan,
    min(payments.paid_date) as first_paid_date,
    max(payments.paid_date) as last_paid_date,
    count(*) over () as projects_in_all,
from subsidies_in_scope($as_of, $zone, $prefecture_code) as payments
left join projects using (project_id)
where payments.category = $category::varchar
group by all
order by paid_yuan desc, payments.project_id
limit $limit
