-- one row: the figures of the overview's tiles at the as-of date (scale on both bases, credits, this year's trading and subsidies)
with settings as (
    select $as_of::date as as_of, year($as_of::date) as this_year
),

scale as (
    select
        coalesce(sum(area_mu) filter (where basis = 'development'), 0) as development_mu,
        coalesce(sum(area_mu) filter (where basis = 'registered'), 0) as registered_mu,
        coalesce(sum(projects) filter (where basis = 'development'), 0) as development_projects,
        coalesce(sum(projects) filter (where basis = 'registered'), 0) as registered_projects,
    from scale_events, settings
    where event_date <= as_of
),

credits as (
    select coalesce(sum(issued_tco2e), 0) as issued_tco2e
    from issuance_facts, settings
    where issued_date <= as_of
),

trading as (
    select
        coalesce(sum(volume_tco2e), 0) as trade_volume_tco2e,
        coalesce(sum(amount_yuan), 0) as trade_amount_yuan,
        coalesce(sum(trades), 0) as trades,
    from trade_facts, settings
    where year(trade_date) = this_year and trade_date <= as_of
),

spending as (
    select coalesce(sum(amount_yuan), 0) as subsidy_paid_yuan
    from subsidy_facts, settings
    where year(paid_date) = this_year and paid_date <= as_of
),

budget as (
    select sum(amount_yuan) as subsidy_budget_yuan
    from budgets, settings
    where year = this_year
)

select settings.this_year, scale.*, credits.*, trading.*, spending.*, budget.*,
from settings, scale, credits, trading, spending, budget
