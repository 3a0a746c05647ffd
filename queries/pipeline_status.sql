-- one row per project status, in pipeline order: projects started by the as-of date and their area, by their current status
with statuses as (
    select * from (values ('储备', 1), ('审定', 2), ('注册', 3), ('签发', 4), ('终止', 5)) as s(status, step)
),

started as (
    select status, sum(projects) as projects, sum(area_mu) as area_mu
    from scale_events_in_scope($as_of, $zone, $prefecture_code)
    where basis in ('development', 'terminated')
    group by status
)

select statuses.status, statuses.step, coalesce(started.projects, 0) as projects, coalesce(started.area_mu, 0) as area_mu,
from statuses
left join started using (status)
order by statuses.step
