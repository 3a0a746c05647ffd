-- one row per trade of the project $project_id's credits by the as-of date (an individual buyer's name masked)
select
    trade_id,
    trade_date,
    platform,
    buyer_type,
    buyer,
    volume_tco2e,
    price_yuan,
    amount_yuan,
    purpose,
from trades_in_scope($as_of, null, null)
where project_id = $project_id::varchar
order by trade_date, trade_id
