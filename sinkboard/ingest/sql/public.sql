-- Builds the public warehouse from the attached internal one: aggregates per month, registered projects only, no personal data.

create table build_info as select built_at, is_synthetic, sinkboard_version, warehouse_format from internal.build_info;
create table counties as from internal.counties;
create table prefectures as from internal.prefectures;
create table zones as from internal.zones;
create table targets as from internal.targets;
create table plans as from internal.plans;
create table plan_targets as from internal.plan_targets;
create table budgets as from internal.budgets;
create table carbon_stock as from internal.carbon_stock;
create table potential as from internal.potential;

-- dates summed to the last day of their month, so no public figure is finer than a month; each cell says whether it
-- stands for private parties (farmer households, projects not yet registered, individuals): sinkboard/ingest/small_cells.py then
-- merges such cells of fewer than three into coarser ones before they become scale_events, trade_facts, subsidy_facts
create temp table scale_cells as
select
    last_day(event_date) as event_date,
    * exclude (event_date, projects, area_mu),
    coalesce(owner_type = '农户', false) or status not in ('注册', '签发') as is_private,
    sum(projects)::bigint as projects,
    sum(area_mu) as area_mu,
from internal.scale_events
group by all;

create temp table trade_cells as
select
    last_day(trade_date) as trade_date,
    * exclude (trade_date, trades, volume_tco2e, amount_yuan, priced_volume_tco2e),
    coalesce(buyer_type = '个人', false) as is_private,
    sum(trades)::bigint as trades,
    sum(volume_tco2e) as volume_tco2e,
    sum(amount_yuan) as amount_yuan,
    sum(priced_volume_tco2e) as priced_volume_tco2e,
from internal.trade_facts
group by all;

-- a payment to a farmer household's project or to a project not yet registered is a private party's
create temp table subsidy_cells as
select
    last_day(subsidies.paid_date) as paid_date,
    subsidies.budget_year,
    subsidies.category,
    subsidies.county_code, subsidies.county_name, subsidies.prefecture_code, subsidies.prefecture_name, subsidies.zone,
    coalesce(projects.owner_type = '农户', false) or coalesce(projects.status not in ('注册', '签发'), false) as is_private,
    count(*)::bigint as payments,
    sum(subsidies.amount_yuan) as amount_yuan,
from internal.subsidies
left join internal.projects using (project_id)
group by all;

-- project-level rows only for registered projects; a developer's name only when it is an organisation
create table projects as
select
    * exclude (owner),
    case when owner_type in ('重点森工企业', '国有林场', '地方小采企业', '集体经济组织') then owner end as owner,
from internal.projects
where status in ('注册', '签发');

create table issuances as
select * from internal.issuances where project_id in (select project_id from projects);

create table issuance_facts as
select * from internal.issuance_facts where project_id in (select project_id from projects);

create table project_milestones as
select * from internal.project_milestones where project_id in (select project_id from projects);
