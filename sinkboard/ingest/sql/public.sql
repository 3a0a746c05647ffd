-- Builds the public warehouse from the attached internal one: reference tables, project-level rows of the projects no
-- private party owns, and each fact table's open cells (summed per month) beside its private parties' rows, which
-- sinkboard/ingest/small_cells.py places in cells of at least three parties (the rule is written down there).

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

-- a private party's project: a farmer household's (农户), whatever its status, or one not registered (储备, 审定, 终止;
-- a status the ingest never lets through empty, counted as not registered all the same); its party is its owner, by
-- name (small_cells.party_key normalises it; no name is one party of its own)
create temp macro is_private_project(owner_type, status) as
    coalesce(owner_type = '农户', false) or coalesce(status not in ('注册', '签发'), true);

-- a private party's trade: its buyer is an individual (个人), or its project is a private party's (the owner sold)
create temp macro is_private_trade(buyer_type, owner_type, status) as
    coalesce(buyer_type = '个人', false) or is_private_project(owner_type, status);

create temp table private_projects as
select project_id, owner as party
from internal.projects
where is_private_project(owner_type, status);

-- project-level rows only for the other projects (registered, not a farmer household's); a developer's name only when
-- it is an organisation
create table projects as
select
    * exclude (owner),
    case when owner_type in ('重点森工企业', '国有林场', '地方小采企业', '集体经济组织') then owner end as owner,
from internal.projects
anti join private_projects using (project_id);

create table issuances as
select * from internal.issuances where project_id in (select project_id from projects);

create table project_milestones as
select * from internal.project_milestones where project_id in (select project_id from projects);

-- <table>_open: the cells that stand for no private party, dates summed to the last day of their month (no public
-- figure is finer than a month); <table>_private: one row per fact of a private party, with its parties (each a kind
-- and a name: the owner, and for a trade the individual buyer) and a row_id naming the internal row it comes from,
-- dated at the end of its month too

-- scale: the cells of the internal scale_events are of one status and developer type each, so each is open or private
create temp table scale_events_open as
select
    last_day(event_date) as event_date,
    * exclude (event_date, projects, area_mu),
    sum(projects)::bigint as projects,
    sum(area_mu) as area_mu,
    false as is_suppressed,
from internal.scale_events
where not is_private_project(owner_type, status)
group by all;

-- one row per private project and basis, on the bases of marts.sql's scale_events: development (not 终止, from the start
-- date), registered (注册 or 签发, from the registration date), terminated (终止, from the start date)
create temp table scale_events_private as
with bases as (
    select 'development' as basis, start_date as event_date, * from internal.projects where status <> '终止'
    union all by name
    select 'registered' as basis, registered_date as event_date, * from internal.projects where status in ('注册', '签发')
    union all by name
    select 'terminated' as basis, start_date as event_date, * from internal.projects where status = '终止'
)

select
    bases.project_id || '/' || bases.basis as row_id,
    [{'kind': 'owner', 'name': private_projects.party}] as parties,
    last_day(bases.event_date) as event_date,
    bases.basis,
    bases.county_code, bases.county_name, bases.prefecture_code, bases.prefecture_name, bases.zone,
    bases.project_type, bases.status, bases.owner_type,
    1::bigint as projects,
    bases.area_mu,
from bases
join private_projects using (project_id);

-- trades: a private party's trade (is_private_trade) holds the individual buyer and the private project's owner, one or
-- both; the other trades are summed as marts.sql sums them
create temp table trade_facts_open as
select
    last_day(trades.trade_date) as trade_date,
    trades.platform, trades.buyer_type, trades.purpose,
    projects.county_code, projects.county_name, projects.prefecture_code, projects.prefecture_name, projects.zone,
    projects.project_type,
    count(*)::bigint as trades,
    sum(trades.volume_tco2e) as volume_tco2e,
    sum(trades.amount_yuan) as amount_yuan,
    sum(case when trades.amount_yuan is not null then trades.volume_tco2e end) as priced_volume_tco2e,
    false as is_suppressed,
from internal.trades
join internal.projects using (project_id)
where not is_private_trade(trades.buyer_type, projects.owner_type, projects.status)
group by all;

create temp table trade_facts_private as
select
    trades.trade_id as row_id,
    list_concat(
        case when trades.buyer_type = '个人' then [{'kind': 'buyer', 'name': trades.buyer}] else [] end,
        case when is_private_project(projects.owner_type, projects.status)
            then [{'kind': 'owner', 'name': projects.owner}] else [] end
    ) as parties,
    last_day(trades.trade_date) as trade_date,
    trades.platform, trades.buyer_type, trades.purpose,
    projects.county_code, projects.county_name, projects.prefecture_code, projects.prefecture_name, projects.zone,
    projects.project_type,
    1::bigint as trades,
    trades.volume_tco2e,
    trades.amount_yuan,
    case when trades.amount_yuan is not null then trades.volume_tco2e end as priced_volume_tco2e,  -- as marts.sql
from internal.trades
join internal.projects using (project_id)
where is_private_trade(trades.buyer_type, projects.owner_type, projects.status);

-- subsidies: a payment to a private party's project is that party's; a payment to another project or to none is open
create temp table subsidy_facts_open as
select
    last_day(paid_date) as paid_date,
    budget_year,
    category,
    county_code, county_name, prefecture_code, prefecture_name, zone,
    count(*)::bigint as payments,
    sum(amount_yuan) as amount_yuan,
    false as is_suppressed,
from internal.subsidies
anti join private_projects using (project_id)
group by all;

create temp table subsidy_facts_private as
select
    subsidies.payment_id as row_id,
    [{'kind': 'owner', 'name': private_projects.party}] as parties,
    last_day(subsidies.paid_date) as paid_date,
    subsidies.budget_year,
    subsidies.category,
    subsidies.county_code, subsidies.county_name, subsidies.prefecture_code, subsidies.prefecture_name, subsidies.zone,
    1::bigint as payments,
    subsidies.amount_yuan,
from internal.subsidies
join private_projects using (project_id);

-- issuances: the other projects' records one by one, as they are listed; a private party's project's records only in
-- cells. A record without an issue date counts in no figure (every one counts credits issued by the as-of date), so a
-- private party's is left out
create temp table issuance_facts_open as
select *, false as is_suppressed,
from internal.issuance_facts
where project_id in (select project_id from projects);

create temp table issuance_facts_private as
select
    concat_ws('/', issuance_facts.project_id, issuance_facts.period_start, issuance_facts.period_end) as row_id,
    [{'kind': 'owner', 'name': private_projects.party}] as parties,
    last_day(issuance_facts.issued_date) as issued_date,
    issuance_facts.county_code, issuance_facts.county_name, issuance_facts.prefecture_code,
    issuance_facts.prefecture_name, issuance_facts.zone,
    issuance_facts.project_type,
    issuance_facts.verified_tco2e,
    issuance_facts.issued_tco2e,
from internal.issuance_facts
join private_projects using (project_id)
where issuance_facts.issued_date is not null;
