-- one row per county in the chosen area: its carbon pools summed in the area's latest monitored year up to the as-of date (empty where it did not report that year)
with reports as (
    select county_code, year, area_mu, stock_tco2e, sink_tco2e,
    from carbon_in_scope($as_of, $zone, $prefecture_code)
),

latest as (
    select max(year) as year from reports
),

county_totals as (
    select
        county_code,
        count(*) as pools,
        sum(area_mu) as area_mu,
        sum(stock_tco2e) as stock_tco2e,
        sum(sink_tco2e) as sink_tco2e,
        sum(sink_tco2e) / sum(area_mu) filter (where sink_tco2e is not null) as sink_per_mu,
    from reports
    where year = (select year from latest)
    group by all
)

select
    counties.county_code as region_code,
    counties.county_name as region_name,
    counties.prefecture_name,
    counties.zone,
    (select year from latest) as year,
    coalesce(county_totals.pools, 0) as pools,
    county_totals.area_mu,
    county_totals.stock_tco2e,
    county_totals.sink_tco2e,
    county_totals.sink_per_mu,
from counties
left join county_totals using (county_code)
where in_area(counties.zone, counties.prefecture_code, $zone, $prefecture_code)
order by county_totals.sink_per_mu desc nulls last, counties.county_code
