-- one row per budget year and zone: subsidy payments and their amount, from the monthly facts both warehouses hold (a payment counts against its budget year, else the year it was paid)
select
    coalesce(budget_year, year(paid_date)) as year,
    zone,
    sum(payments)::bigint as payments,
    sum(amount_yuan) as amount_yuan,
from subsidy_facts_in_scope($as_of, $zone, $prefecture_code)
group by all
order by year, zone
