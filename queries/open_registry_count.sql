-- one row: how many projects the public registry lists for the chosen area, as-of date, search and project types,
-- with their area, expected credits a year and credits issued by the as-of date (the projects open_registry_projects
-- pages through)
select
    count(*) as projects,
    sum(area_mu) as area_mu,
    sum(est_annual_tco2e) as est_annual_tco2e,
    sum(issued_tco2e) as issued_tco2e,
from open_registry_in_scope($as_of, $zone, $prefecture_code, $search::varchar, $project_types::varchar[])
