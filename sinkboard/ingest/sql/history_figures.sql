-- The key figures of a build per area (the province, each zone, each prefecture), over the whole warehouse: scale on
-- both bases, projects on both bases, credits issued, trading volume and value, subsidies paid. It reads only the fact
-- tables both warehouses hold, so the public warehouse's published aggregates come out of it too. Sums are of decimals
-- (each value to 4 places): a sum of doubles differs in its last bits with the order DuckDB's threads add in, and two
-- builds of the same data must give the same figures.
with facts as (
    select zone, prefecture_code,
        coalesce(sum(area_mu) filter (where basis = 'development'), 0) as development_mu,
        coalesce(sum(area_mu) filter (where basis = 'registered'), 0) as registered_mu,
        coalesce(sum(projects) filter (where basis = 'development'), 0) as projects,
        coalesce(sum(projects) filter (where basis = 'registered'), 0) as registered_projects,
        0 as issued_tco2e, 0 as trade_volume_tco2e, 0 as trade_amount_yuan, 0 as subsidy_paid_yuan,
    from scale_events group by all
    union all by name
    select zone, prefecture_code, coalesce(sum(issued_tco2e), 0) as issued_tco2e from issuance_facts group by all
    union all by name
    select zone, prefecture_code, coalesce(sum(volume_tco2e), 0) as trade_volume_tco2e,
        coalesce(sum(amount_yuan), 0) as trade_amount_yuan,
    from trade_facts group by all
    union all by name
    select zone, prefecture_code, coalesce(sum(amount_yuan), 0) as subsidy_paid_yuan from subsidy_facts group by all
),

totals as (
    select
        case grouping(zone, prefecture_code) when 3 then 'province' when 1 then 'zone' else 'prefecture' end as level,
        case grouping(zone) when 1 then '全省' else zone end as zone,
        prefecture_code,
        sum(coalesce(development_mu, 0)::decimal(38, 4))::double as development_mu,
        sum(coalesce(registered_mu, 0)::decimal(38, 4))::double as registered_mu,
        sum(coalesce(projects, 0)::decimal(38, 4))::double as projects,
        sum(coalesce(registered_projects, 0)::decimal(38, 4))::double as registered_projects,
        sum(coalesce(issued_tco2e, 0)::decimal(38, 4))::double as issued_tco2e,
        sum(coalesce(trade_volume_tco2e, 0)::decimal(38, 4))::double as trade_volume_tco2e,
        sum(coalesce(trade_amount_yuan, 0)::decimal(38, 4))::double as trade_amount_yuan,
        sum(coalesce(subsidy_paid_yuan, 0)::decimal(38, 4))::double as subsidy_paid_yuan,
    from facts
    group by grouping sets ((), (zone), (zone, prefecture_code))
),

prefecture_names as (
    select distinct prefecture_code, prefecture_name, prefecture_name_en from counties
)

select
    totals.level,
    totals.zone,
    zones.zone_en,
    case when totals.level = 'province' then 0 else coalesce(zones.sort_order, 99) end as sort_order,
    totals.prefecture_code,
    prefecture_names.prefecture_name,
    prefecture_names.prefecture_name_en,
    totals.* exclude (level, zone, prefecture_code),
from totals
left join zones on zones.zone = totals.zone
left join prefecture_names on prefecture_names.prefecture_code = totals.prefecture_code
-- a zone or prefecture row of facts without a place (a merged public cell above the prefecture) is not an area
where totals.level = 'province' or (totals.zone is not null and (totals.level = 'zone' or totals.prefecture_code is not null))
order by sort_order, totals.level <> 'zone', totals.prefecture_code
