-- one row per monitoring period of the project $project_id reported by the as-of date: verified and issued credits
-- (a period not yet issued counts from its end)
select
    period_start as period_start_date,
    period_end as period_end_date,
    verified_tco2e,
    issued_tco2e,
    issued_date,
from issuances
where project_id = $project_id::varchar
    and coalesce(issued_date, period_end) <= $as_of::date
order by period_start_date, period_end_date
