-- one row per registry filter (county, project type, standard, status, owner type) and value found among the projects
-- started by the as-of date in the chosen area, with how many projects have it
with registry as (
    select
        county_code,
        county_name,
        project_type,
        coalesce(standard, '未填') as standard,
        status,
        coalesce(owner_type, '未填') as owner_type,
    from projects_in_scope($as_of, $zone, $prefecture_code)
),

values_found as (
    select 'county' as filter, county_code as value, county_name as value_name, count(*) as projects,
    from registry group by all
    union all
    select 'project_type', project_type, project_type, count(*), from registry group by all
    union all
    select 'standard', standard, standard, count(*), from registry group by all
    union all
    select 'status', status, status, count(*), from registry group by all
    union all
    select 'owner_type', owner_type, owner_type, count(*), from registry group by all
)

select filter, value, value_name, projects,
from values_found
order by filter, projects desc, value
