-- one row per project the public registry lists now and did not list at the update before (newly registered), in
-- the chosen area; the latest registration first
select
    project_id,
    project_name,
    county_name,
    prefecture_name,
    zone,
    project_type,
    area_mu,
    registered_date,
from changes_registered
where ($zone::varchar is null or zone = $zone::varchar)
    and ($prefecture_code::varchar is null or prefecture_code = $prefecture_code::varchar)
order by registered_date desc, project_id
