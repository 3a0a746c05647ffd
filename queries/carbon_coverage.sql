-- one row per year in the chosen area up to the as-of year: how many counties reported, and which counties lack a pool they report in other years
with reports as (
    select county_code, county_name, year, pool,
    from carbon_in_scope($as_of, $zone, $prefecture_code)
),

years as (
    select distinct year from reports
),

-- every county pool reported in any year shown, expected in each of them
series as (
    select distinct county_code, county_name, pool from reports
),

gaps as (
    select years.year, series.county_code, series.county_name, count(*) as pools_missing,
    from years
    cross join series
    anti join reports using (year, county_code, pool)
    group by all
),

reported as (
    select year, count(distinct county_code) as counties_reported,
    from reports
    group by all
)

select
    years.year,
    coalesce(reported.counties_reported, 0) as counties_reported,
    (select count(distinct county_code) from series) as counties_monitored,
    count(gaps.county_code) as counties_with_gaps,
    coalesce(sum(gaps.pools_missing), 0)::bigint as series_missing,
    coalesce(string_agg(gaps.county_name, '、' order by gaps.county_code), '') as gap_counties,
from years
left join reported using (year)
left join gaps using (year)
group by all
order by years.year
