-- one row per exported file read by the last ingest, with its row accounting and its cells noted as warnings
select
    dataset,
    source_file,
    encoding,
    rows_read,
    rows_loaded,
    rows_rejected,
    rows_skipped,
    rows_duplicate,
    warnings,
    sha256,
from ingest_files
order by dataset, source_file
