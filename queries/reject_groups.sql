-- one row per dataset, reject reason and file: how many rows were rejected (what the data page's filters offer)
select dataset, reason, source_file, count(*) as rows_rejected
from rejects
group by all
order by dataset, source_file, reason
