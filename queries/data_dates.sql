-- one row: the first and the latest date of any event in the data (project start, registration, issuance, trade, payment)
with event_dates as (
    select min(event_date) as first_date, max(event_date) as latest_date from scale_events
    union all
    select min(trade_date), max(trade_date) from trade_facts
    union all
    select min(paid_date), max(paid_date) from subsidy_facts
    union all
    select min(issued_date), max(issued_date) from issuance_facts
)

select
    min(first_date) as first_date,
    max(latest_date) as latest_date,
from event_dates
