-- one row per project started by the as-of date in the chosen zone, prefecture or county, largest first: the first
-- $limit of them (all when $limit is null), each with the count of them all
select
    project_id,
    project_name,
    county_name,
    project_type,
    status,
    area_mu,
    start_date,
    registered_date,
    first_issued_date,
    issued_tco2e,
    count(*) over () as projects_in_area,
from projects_in_scope($as_of, $zone, $prefecture_code)
where $county_code::varchar is null or county_code = $county_code::varchar
order by area_mu desc, project_id
limit $limit
