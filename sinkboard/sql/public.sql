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

-- dates summed to the last day of their month, so no public figure is finer than a month
create table scale_events as
select
    last_day(event_date) as event_date,
    * exclude (event_date, projects, area_mu),
    sum(projects)::bigint as projects,
    sum(area_mu) as area_mu,
from internal.scale_events
group by all;

create table trade_facts as
select
    last_day(trade_date) as trade_date,
    * exclude (trade_date, trades, volume_tco2e, amount_yuan, priced_volume_tco2e),
    sum(trades)::bigint as trades,
    sum(volume_tco2e) as volume_tco2e,
    sum(amount_yuan) as amount_yuan,
    sum(priced_volume_tco2e) as priced_volume_tco2e,
from internal.trade_facts
group by all;

create table subsidy_facts as
select
    last_day(paid_date) as paid_date,
    * exclude (paid_date, payments, amount_yuan),
    sum(payments)::bigint as payments,
    sum(amount_yuan) as amount_yuan,
from internal.subsidy_facts
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
