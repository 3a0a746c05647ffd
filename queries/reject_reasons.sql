-- one row per dataset and reject reason: how many rows were rejected for it
select dataset, reason, count(*) as rows_rejected
from rejects
group by all
order by dataset, rows_rejected desc
