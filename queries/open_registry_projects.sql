-- one row per project the public registry lists for the chosen area, as-of date, search and project types, one page
-- of them ($limit rows from $offset), newest registration first
select *
from open_registry_in_scope($as_of, $zone, $prefecture_code, $search::varchar, $project_types::varchar[])
order by registered_date desc, project_id
limit $limit offset $offset
