-- Marts the dashboard reads in both warehouses: facts summed per day and dimension (the public build sums them per month).

-- one row per day, basis, county, project type, status and developer type: the projects and area that start counting that day;
-- basis 'development' (not 终止, from start_date), 'registered' (注册 or 签发, from registered_date), 'terminated' (终止, from start_date)
create table scale_events as
select
    start_date as event_date,
    'development' as basis,
    county_code, county_name, prefecture_code, prefecture_name, zone,
    project_type, status, owner_type,
    count(*) as projects,
    sum(area_mu) as area_mu,
from projects
where status <> '终止'
group by all
union all
select
    registered_date as event_date,
    'registered' as basis,
    county_code, county_name, prefecture_code, prefecture_name, zone,
    project_type, status, owner_type,
    count(*) as projects,
    sum(area_mu) as area_mu,
from projects
where status in ('注册', '签发')
group by all
union all
select
    start_date as event_date,
    'terminated' as basis,
    county_code, county_name, prefecture_code, prefecture_name, zone,
    project_type, status, owner_type,
    count(*) as projects,
    sum(area_mu) as area_mu,
from projects
where status = '终止'
group by all;

-- one row per day, platform, buyer type, purpose, county and project type: trades, volume and value
create table trade_facts as
select
    trades.trade_date,
    trades.platform, trades.buyer_type, trades.purpose,
    projects.county_code, projects.county_name, projects.prefecture_code, projects.prefecture_name, projects.zone,
    projects.project_type,
    count(*) as trades,
    sum(trades.volume_tco2e) as volume_tco2e,
    sum(trades.amount_yuan) as amount_yuan,
    sum(case when trades.amount_yuan is not null then trades.volume_tco2e end) as priced_volume_tco2e,
from trades
join projects using (project_id)
group by all;

-- one row per day, budget year, category and county: payments and their amount
create table subsidy_facts as
select
    paid_date,
    budget_year,
    category,
    county_code, county_name, prefecture_code, prefecture_name, zone,
    count(*) as payments,
    sum(amount_yuan) as amount_yuan,
from subsidies
group by all;

-- one row per issuance record, with the project's region and type
create table issuance_facts as
select
    issuances.*,
    projects.county_code, projects.county_name, projects.prefecture_code, projects.prefecture_name, projects.zone,
    projects.project_type,
from issuances
join projects using (project_id);

-- one row per project, from the registry and its issuances: the dates of each step of the pipeline
create table project_milestones as
select
    projects.project_id, projects.project_name,
    projects.county_code, projects.county_name, projects.prefecture_code, projects.prefecture_name, projects.zone,
    projects.project_type, projects.standard, projects.owner_type, projects.status, projects.area_mu,
    projects.start_date, projects.registered_date,
    min(issuances.issued_date) as first_issued_date,
    sum(issuances.issued_tco2e) as issued_tco2e,
    sum(issuances.verified_tco2e) as verified_tco2e,
from projects
left join issuances using (project_id)
group by all;
