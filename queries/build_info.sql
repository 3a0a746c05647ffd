-- one row: when the warehouse was built, from what, and whether it is the synthetic sample
select
    build_info.*,
    (select count(*) from ingest_files) as files,
from build_info
