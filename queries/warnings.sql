-- one row per cell of an export that held a hidden character (a bidi control or a zero-width character), its value as
-- the ingest stored it (each such character written visibly, as ⟦U+202E⟧) and the code points it held; $limit rows
-- (all of them when null) in the order of the files, their rows and columns
select
    dataset,
    source_file,
    source_row,
    column_number,
    column_name,
    value,
    found,
from warnings
order by dataset, source_file, source_row, column_number
limit $limit
