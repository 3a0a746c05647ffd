-- one row per exported file read by the last ingest, with its row accounting
select
    dataset,
    source_file,
    encoding,
    rows_read,
    rows_loaded,
    rows_rejected,
    rows_skipped,
    rows_duplicate,
    sha256,
from ingest_files
order by dataset, source_file
