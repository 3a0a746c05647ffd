-- one row per project funded by one category ($category) of payments by the as-of date in the chosen area (payments with no project_id: one row per county),
-- most paid first: the first $limit of them (all when $limit is null), each with the count of them all
-- (the payments summed per project before the join: quicker than grouping by the projects' columns too)
with paid as (
    select
        project_id,
        county_name,
        zone,
        count(*) as payments,
        sum(amount_yuan) as paid_yuan,
        min(paid_date) as first_paid_date,
        max(paid_date) as last_paid_date,
    from category_payments_in_scope($category, $as_of, $zone, $prefecture_code)
    group by all
)

select
    paid.project_id,
    projects.project_name,
    paid.county_name,
    paid.zone,
    projects.project_type,
    projects.status,
    projects.is_demo as is_demo_project,
    paid.payments,
    paid.paid_yuan,
    paid.first_paid_date,
    paid.last_paid_date,
    count(*) over () as projects_in_all,
from paid
left join projects using (project_id)
order by paid.paid_yuan desc, paid.project_id
limit $limit
