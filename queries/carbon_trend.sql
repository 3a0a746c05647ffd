-- one row per year, zone and pool in the chosen area up to the as-of year: counties counted, area, stock and annual sink (with $like_for_like, only the county pools reported in every year shown)
with reports as (
    select county_code, zone, year, pool, area_mu, stock_tco2e, sink_tco2e,
    from carbon_in_scope($as_of, $zone, $prefecture_code)
),

years_shown as (
    select count(distinct year) as years from reports
),

-- a county's pool is comparable over the years when it was reported in every year shown: a gap would make totals dip
comparable_series as (
    select county_code, pool
    from reports
    group by all
    having count(distinct year) = (select years from years_shown)
),

counted as (
    select reports.*
    from reports
    left join comparable_series using (county_code, pool)
    where not $like_for_like::boolean or comparable_series.county_code is not null
)

select
    counted.year,
    counted.zone,
    zones.zone_en,
    zones.sort_order,
    counted.pool,
    count(distinct counted.county_code) as counties,
    sum(counted.area_mu) as area_mu,
    sum(counted.stock_tco2e) as stock_tco2e,
    sum(counted.sink_tco2e) as sink_tco2e,
    -- per mu of the area whose sink was reported (the sink column is optional)
    sum(counted.sink_tco2e) / sum(counted.area_mu) filter (where counted.sink_tco2e is not null) as sink_per_mu,
from counted
join zones using (zone)
group by all
order by counted.year, zones.sort_order, stock_tco2e desc
