-- one row per project status, in pipeline order: projects started by the as-of date and their area, by their current status. Where the public small-cell rule merged projects without their status ('merged', after the others), a status with no published project is left out: it is not known to be none
with statuses as (
    select * from (values ('储备', 1), ('审定', 2), ('注册', 3), ('签发', 4), ('终止', 5), ('merged', 6)) as s(status, step)
),

started as (
    select shown_category(status, prefecture_code) as status, sum(projects) as projects, sum(area_mu) as area_mu
    from scale_events_in_scope($as_of, $zone, $prefecture_code)
    where basis in ('development', 'terminated')
    group by all
),

has_merged as (
    select count(*) > 0 as has_merged from started where status = 'merged'
)

select statuses.status, statuses.step, coalesce(started.projects, 0) as projects, coalesce(started.area_mu, 0) as area_mu,
from statuses
cross join has_merged
left join started using (status)
-- a merged cell held back without figures (fewer than three parties in all) has no bar of its own
where case when statuses.status = 'merged' then started.projects is not null
    else started.status is not null or not has_merged.has_merged end
order by statuses.step
