-- one row: the figures of the overview's tiles for the chosen area at the as-of date (scale on both bases now and a year before, credits, this year's trading and subsidies, and the province's budget)
with scale as (
    select
        coalesce(sum(area_mu) filter (where basis = 'development'), 0) as development_mu,
        coalesce(sum(area_mu) filter (where basis = 'registered'), 0) as registered_mu,
        coalesce(sum(projects) filter (where basis = 'development'), 0) as development_projects,
        coalesce(sum(projects) filter (where basis = 'registered'), 0) as registered_projects,
        coalesce(sum(area_mu) filter (where basis = 'development' and event_date <= $as_of::date - interval 12 month), 0)
            as development_year_ago_mu,
        coalesce(sum(area_mu) filter (where basis = 'registered' and event_date <= $as_of::date - interval 12 month), 0)
            as registered_year_ago_mu,
    from scale_events_in_scope($as_of, $zone, $prefecture_code)
),

credits as (
    select coalesce(sum(issued_tco2e), 0) as issued_tco2e
    from issuances_in_scope($as_of, $zone, $prefecture_code)
),

trading as (
    select
        coalesce(sum(volume_tco2e), 0) as trade_volume_tco2e,
        coalesce(sum(amount_yuan), 0) as trade_amount_yuan,
        coalesce(sum(trades), 0) as trades,
    from trade_facts_in_scope($as_of, $zone, $prefecture_code)
    where year(trade_date) = year($as_of::date)
),

spending as (
    -- paid by the as-of date against this year's budget (a payment's budget year, else the year it was paid),
    -- as the subsidies page counts it: in the chosen area, and in the province (the budget is the province's)
    select
        coalesce(sum(amount_yuan) filter (where in_area(zone, prefecture_code, $zone, $prefecture_code)), 0)
            as subsidy_paid_yuan,
        coalesce(sum(amount_yuan), 0) as province_subsidy_paid_yuan,
    from subsidy_facts_in_scope($as_of, null, null)
    where coalesce(budget_year, year(paid_date)) = year($as_of::date)
),

budget as (
    select sum(amount_yuan) as subsidy_budget_yuan
    from budgets
    where year = year($as_of::date)
)

select year($as_of::date) as this_year, scale.*, credits.*, trading.*, spending.*, budget.*,
from scale, credits, trading, spending, budget
