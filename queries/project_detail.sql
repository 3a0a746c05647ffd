-- one row for the project whose id is $project_id (no row when no project has it): its registry entry, and what its
-- issuance records say by the as-of date
with issued as (
    -- issued by the as-of date: the same rule as every other issued figure
    select
        min(issued_date) as first_issued_date,
        max(issued_date) as last_issued_date,
        sum(issued_tco2e) as issued_tco2e,
        count(*) as issuances,
    from issuances_in_scope($as_of, null, null)
    where project_id = $project_id::varchar
),

verified as (
    -- verified by the as-of date, issued or not yet issued (a record without an issue date counts from its period's end)
    select sum(verified_tco2e) as verified_tco2e,
    from issuances
    where project_id = $project_id::varchar
        and coalesce(issued_date, period_end) <= $as_of::date
)

select
    projects.project_id,
    projects.project_name,
    projects.county_code as region_code,
    projects.county_name,
    projects.prefecture_name,
    projects.zone,
    projects.project_type,
    projects.standard,
    projects.methodology,
    projects.owner,
    projects.owner_type,
    projects.is_demo,
    projects.status,
    projects.area_mu,
    projects.est_annual_tco2e,
    projects.start_date,
    projects.registered_date,
    projects.crediting_start,
    projects.crediting_end,
    projects.start_date <= $as_of::date as is_started,
    issued.first_issued_date,
    issued.last_issued_date,
    coalesce(issued.issued_tco2e, 0) as issued_tco2e,
    issued.issuances,
    coalesce(verified.verified_tco2e, 0) as verified_tco2e,
from registry_entries() as projects, issued, verified
where projects.project_id = $project_id::varchar
