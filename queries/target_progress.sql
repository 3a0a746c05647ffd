-- one row per area (the province, then each zone) and target year: scale now, the pace of the last 12 months, and the status
with areas as (
    select '全省' as zone, null::varchar as zone_en, 0 as sort_order
    union all
    select zone, zone_en, sort_order from zones
),

events as (
    select event_date, zone, area_mu from scale_in_scope($as_of, $basis, null, null)
),

daily as (
    -- cumulative scale per area after each day with an event
    select
        areas.zone,
        events.event_date,
        sum(sum(events.area_mu)) over (partition by areas.zone order by events.event_date) as cumulative_mu,
    from areas
    join events on areas.zone = '全省' or events.zone = areas.zone
    group by areas.zone, events.event_date
),

area_targets as (
    select year, zone, value::double as target_mu, note, 'export' as target_source
    from targets
    where metric = 'area_mu'
    union all
    -- the chosen plan's own targets, for a year and area that the exported targets leave out
    select year, zone, value, null, 'plan'
    from plan_targets
    where metric = 'area_mu'
        and not exists (
            select 1 from targets
            where targets.metric = 'area_mu' and targets.year = plan_targets.year and targets.zone = plan_targets.zone
        )
),

target_years as (
    select distinct year from area_targets
),

rows as (
    select
        areas.zone,
        areas.zone_en,
        areas.sort_order,
        target_years.year,
        area_targets.target_mu,
        area_targets.note as target_note,
        area_targets.target_source,
        province.target_mu as province_target_mu,
        make_date(target_years.year, 12, 31) as deadline,
        $as_of::date as as_of,
    from areas
    cross join target_years
    left join area_targets on area_targets.zone = areas.zone and area_targets.year = target_years.year
    left join area_targets as province on province.zone = '全省' and province.year = target_years.year
),

measured as (
    -- one pass over each area's days, joined to its target years (not four subqueries per row)
    select
        rows.*,
        coalesce(max(daily.cumulative_mu) filter (where daily.event_date <= rows.as_of), 0) as scale_mu,
        coalesce(max(daily.cumulative_mu) filter (where daily.event_date <= rows.as_of - interval 12 month), 0)
            as scale_year_ago_mu,
        coalesce(max(daily.cumulative_mu) filter (where daily.event_date <= least(rows.deadline, rows.as_of)), 0)
            as scale_at_deadline_mu,
        min(daily.event_date) filter (where daily.cumulative_mu >= rows.target_mu and daily.event_date <= rows.as_of)
            as reached_date,
        greatest(date_diff('day', rows.as_of, rows.deadline), 0) / 365.25 as years_left,
    from rows
    left join daily on daily.zone = rows.zone
    group by all
),

paced as (
    select
        *,
        scale_mu - scale_year_ago_mu as pace_mu_per_year,
        case when years_left > 0 and target_mu is not null then greatest(target_mu - scale_mu, 0) / years_left end
            as needed_mu_per_year,
        scale_mu + (scale_mu - scale_year_ago_mu) * years_left as projected_mu,
        -- a target whose year is over is judged by the scale at its deadline
        case when years_left = 0 then scale_at_deadline_mu else scale_mu end / target_mu as share_of_target,
        case when years_left = 0 then scale_at_deadline_mu else scale_mu end / province_target_mu as share_of_province_target,
        case when target_mu is not null
            then greatest(target_mu - case when years_left = 0 then scale_at_deadline_mu else scale_mu end, 0) end as gap_mu,
    from measured
)

select
    zone,
    zone_en,
    sort_order,
    year,
    deadline,
    target_mu,
    target_note,
    target_source,
    province_target_mu,
    scale_mu,
    scale_year_ago_mu,
    scale_at_deadline_mu,
    reached_date,
    pace_mu_per_year,
    years_left,
    needed_mu_per_year,
    projected_mu,
    share_of_target,
    share_of_province_target,
    gap_mu,
    case
        when target_mu is null then null
        when years_left = 0 and scale_at_deadline_mu >= target_mu then 'achieved'
        when years_left = 0 then 'missed'
        when scale_mu >= target_mu then 'achieved'
        when pace_mu_per_year >= needed_mu_per_year then 'on_track'
        else 'behind'
    end as status,
from paced
order by sort_order, year
