-- one row: when the public warehouse was built and the latest date of its data, and the same of the update it was
-- compared with (NULL when there was none)
select built_at, as_of, previous_built_at, previous_as_of,
from changes_info
