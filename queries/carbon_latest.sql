-- one row: the chosen area's carbon pools in the latest monitored year up to the as-of date, and the change from the year before over the county pools reported in both years
with reports as (
    select county_code, year, pool, area_mu, stock_tco2e, sink_tco2e,
    from carbon_in_scope($as_of, $zone, $prefecture_code)
),

latest as (
    select max(year) as year from reports
),

previous as (
    select max(year) as year from reports where year < (select year from latest)
),

this_year as (
    select * from reports where year = (select year from latest)
),

last_year as (
    select * from reports where year = (select year from previous)
),

-- like with like: only the county pools reported in both years, so a county that skipped a year moves nothing
both_years as (
    select
        this_year.stock_tco2e - last_year.stock_tco2e as stock_change_tco2e,
        this_year.sink_tco2e - last_year.sink_tco2e as sink_change_tco2e,
    from this_year
    join last_year using (county_code, pool)
),

totals as (
    select
        count(distinct county_code) as counties_reported,
        sum(area_mu) as area_mu,
        sum(stock_tco2e) as stock_tco2e,
        sum(sink_tco2e) as sink_tco2e,
        sum(sink_tco2e) / sum(area_mu) filter (where sink_tco2e is not null) as sink_per_mu,
    from this_year
)

select
    (select year from latest) as year,
    (select year from previous) as previous_year,
    totals.counties_reported,
    (select count(distinct county_code) from reports) as counties_monitored,
    totals.area_mu,
    totals.stock_tco2e,
    totals.sink_tco2e,
    totals.sink_per_mu,
    (select count(*) from both_years) as series_compared,
    (select sum(stock_change_tco2e) from both_years) as stock_change_tco2e,
    (select sum(sink_change_tco2e) from both_years) as sink_change_tco2e,
from totals
