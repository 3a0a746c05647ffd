-- one row per rejected row, filtered by dataset, reason and file when those are given; $limit rows from $offset (a
-- page of them: a bad export can hold millions), all of them when $limit is null; its faults as codes with their values
-- (from which the pages write the message in their language) beside its message in English
select
    dataset,
    source_file,
    source_row,
    reason,
    message,
    faults,
    raw::varchar as raw,
from rejects
where ($dataset::varchar is null or dataset = $dataset)
    and ($reason::varchar is null or reason = $reason)
    and ($source_file::varchar is null or source_file = $source_file)
order by dataset, source_file, source_row
limit $limit offset $offset
