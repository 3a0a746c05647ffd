-- One row per data row read (the registered frame), with the county it resolves to or the reason it does not.
select
    frame.*,
    region.county_code as resolved_county,
    region.county_problem,
    region.county_fault,
    region.county_value,
    region.county_detail,
from frame
left join county_resolution as region
    on region.county_raw is not distinct from frame.county
    and region.county_code_raw is not distinct from frame.county_code
    and region.prefecture_raw is not distinct from frame.prefecture
