-- The scope every page filters by, written once and built into both warehouses: an area (zone and prefecture,
-- null meaning all) and an as-of date. Queries read `from <fact>_in_scope($as_of, $zone, $prefecture_code)`.

create or replace macro in_area(zone, prefecture_code, zone_filter, prefecture_filter) as
    (zone_filter::varchar is null or zone = zone_filter::varchar)
    and (prefecture_filter::varchar is null or prefecture_code = prefecture_filter::varchar);

-- a fact row's category (project type, status, developer type, platform, ...) as the pages group by it: 'merged' for a
-- cell the public small-cell rule merged into its zone without the finer categories (its prefecture goes with them;
-- sinkboard.text.catalogue.MERGED, labelled 其他（合并） / Other (merged) where it is shown), 未填 for one the export left empty
create or replace macro shown_category(category, prefecture_code) as
    case when prefecture_code is null then 'merged' else coalesce(category::varchar, '未填') end;

-- the region of one level ('zone', 'county'; any other: the prefecture) that a row of a county is in, given its
-- zone, prefecture and county (their codes, or their names)
create or replace macro region_of(level, zone, prefecture, county) as
    case level::varchar when 'zone' then zone when 'county' then county else prefecture end;

-- one row per region of one level in the area (as region_of): its code, name, prefecture (none for a zone), zone, the
-- zone's English name and its place in the zones' order
create or replace macro regions_in_area(level, zone_filter, prefecture_filter) as table
    select
        region_of(level, counties.zone, counties.prefecture_code, counties.county_code) as region_code,
        region_of(level, counties.zone, counties.prefecture_name, counties.county_name) as region_name,
        case when level::varchar <> 'zone' then counties.prefecture_name end as prefecture_name,
        counties.zone,
        zones.zone_en,
        zones.sort_order,
    from counties
    join zones using (zone)
    where in_area(counties.zone, counties.prefecture_code, zone_filter, prefecture_filter)
    group by all;

-- the rows of one table in the area that happened by the as-of date, each table by its own day column: the one shape
-- of every scope macro below and in scope_internal.sql
create or replace macro rows_in_scope(table_name, day_column, as_of_date, zone_filter, prefecture_filter) as table
    select * from query_table(table_name)
    where columns([day_column]) <= as_of_date::date
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- scale events of every basis (development, registered, terminated) by the as-of date
create or replace macro scale_events_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    from rows_in_scope('scale_events', 'event_date', as_of_date, zone_filter, prefecture_filter);

-- scale events of one basis that have happened by the as-of date
create or replace macro scale_in_scope(as_of_date, chosen_basis, zone_filter, prefecture_filter) as table
    from scale_events_in_scope(as_of_date, zone_filter, prefecture_filter)
    where basis = chosen_basis::varchar;

-- projects started by the as-of date, with their milestones
create or replace macro projects_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    from rows_in_scope('project_milestones', 'start_date', as_of_date, zone_filter, prefecture_filter);

-- issuance records issued by the as-of date
create or replace macro issuances_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    from rows_in_scope('issuance_facts', 'issued_date', as_of_date, zone_filter, prefecture_filter);

-- trades summed per day and dimension, by the as-of date
create or replace macro trade_facts_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    from rows_in_scope('trade_facts', 'trade_date', as_of_date, zone_filter, prefecture_filter);

-- payments summed per day and dimension, by the as-of date
create or replace macro subsidy_facts_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    from rows_in_scope('subsidy_facts', 'paid_date', as_of_date, zone_filter, prefecture_filter);

-- carbon-pool reports in the area for the monitored years up to the as-of date's year
create or replace macro carbon_in_scope(as_of_date, zone_filter, prefecture_filter) as table
    select * from carbon_stock
    where year <= year(as_of_date::date)
        and in_area(zone, prefecture_code, zone_filter, prefecture_filter);

-- one row per county and project type in the area with an assessed potential or a scale by the as-of date on one
-- basis: the potential, the scale developed, and the untapped area (floored at 0; null where nothing was assessed)
create or replace macro potential_in_scope(as_of_date, chosen_basis, zone_filter, prefecture_filter) as table
    with assessed as (
        select county_code, zone, project_type, potential_area_mu, potential_tco2e,
        from potential
        where in_area(zone, prefecture_code, zone_filter, prefecture_filter)
    ),
    developed as (
        select county_code, zone, project_type, sum(projects) as projects, sum(area_mu) as developed_mu,
        from scale_in_scope(as_of_date, chosen_basis, zone_filter, prefecture_filter)
        group by all
    )
    select
        county_code,
        zone,
        project_type,
        assessed.potential_area_mu,
        assessed.potential_tco2e,
        coalesce(developed.projects, 0) as projects,
        coalesce(developed.developed_mu, 0) as developed_mu,
        -- greatest() skips a null: without the case, a type nobody assessed would show 0 untapped
        case when assessed.potential_area_mu is not null
            then greatest(assessed.potential_area_mu - coalesce(developed.developed_mu, 0), 0) end as untapped_mu,
    from assessed
    full join developed using (county_code, zone, project_type);

-- the projects as the registry lists, filters and shows them: an empty standard or developer type as 未填, and an empty
-- 示范项目 cell as not a demonstration project
create or replace macro registry_entries() as table
    select * replace (
        coalesce(standard, '未填') as standard,
        coalesce(owner_type, '未填') as owner_type,
        coalesce(is_demo, false) as is_demo,
    )
    from projects;

-- the projects the public registry lists: registered (注册 or 签发) by the as-of date in the area and not a farmer
-- household's (so both warehouses list the same ones), matching the search (in the id, name, county or prefecture,
-- a place by its Chinese or English name, accents aside; NULL: all) and the project types (a list; NULL: all), with
-- the credits issued to each by the as-of date (0 when none)
create or replace macro open_registry_in_scope(as_of_date, zone_filter, prefecture_filter, search_text, type_filter) as table
    with issued as (
        select project_id, sum(issued_tco2e) as issued_tco2e,
        from issuances_in_scope(as_of_date, zone_filter, prefecture_filter)
        group by project_id
    )
    select
        milestones.project_id,
        milestones.project_name,
        milestones.county_name,
        milestones.prefecture_name,
        milestones.zone,
        milestones.project_type,
        milestones.area_mu,
        milestones.registered_date,
        milestones.status,
        projects.est_annual_tco2e,
        coalesce(issued.issued_tco2e, 0) as issued_tco2e,
    from projects_in_scope(as_of_date, zone_filter, prefecture_filter) as milestones
    join projects using (project_id)
    left join issued using (project_id)
    left join counties on counties.county_code = milestones.county_code
    where milestones.status in ('注册', '签发')
        and milestones.registered_date <= as_of_date::date
        and milestones.owner_type is distinct from '农户'
        and (
            search_text is null
            or contains(lower(milestones.project_id), lower(search_text))
            or contains(lower(milestones.project_name), lower(search_text))
            or contains(milestones.county_name, search_text)
            or contains(milestones.prefecture_name, search_text)
            -- Garze finds Garzê
            or contains(strip_accents(lower(counties.county_name_en)), strip_accents(lower(search_text)))
            or contains(strip_accents(lower(counties.prefecture_name_en)), strip_accents(lower(search_text)))
        )
        and (type_filter is null or list_contains(type_filter, milestones.project_type));
