-- One row per data row read from the projects exports: its canonical values and every rule it breaks, in the contract's order.
with source as (
    select * from raw_projects
),

parsed as (
    select
        *,
        sb_quantity(sb_number(area_mu)) as area_mu_value,
        sb_quantity(sb_number(area_ha) * 15) as area_ha_value,  -- in mu
        sb_quantity(sb_number(est_annual_tco2e)) as est_annual_value,
        sb_date(start_date) as start_day,
        sb_date(registered_date) as registered_day,
        sb_date(crediting_start) as crediting_start_day,
        sb_date(crediting_end) as crediting_end_day,
        sb_category('project_type', project_type) as project_type_value,
        sb_category('standard', standard) as standard_value,
        sb_category('owner_type', owner_type) as owner_type_value,
        sb_category('status', status) as status_value,
        sb_category('demo', demo) as demo_value,
    from source
),

checked as (
    select
        *,
        list_filter(list_concat(sb_excel_error_faults(
            ['project_id', 'project_name', 'county', 'county_code', 'prefecture', 'project_type', 'standard',
             'methodology', 'owner', 'owner_type', 'status', 'demo'],
            [project_id, project_name, county, county_code, prefecture, project_type, standard,
             methodology, owner, owner_type, status, demo],
        ), [
            sb_fault(project_id is null, 'missing_required', 'empty', 'project_id', null, null),
            sb_fault(project_name is null, 'missing_required', 'empty', 'project_name', null, null),
            sb_fault(county is null and county_code is null, 'missing_required', 'empty', 'county', null, null),
            sb_fault(project_type is null, 'missing_required', 'empty', 'project_type', null, null),
            sb_fault(area_mu is null and area_ha is null, 'missing_required', 'both_empty', 'area_mu', null, 'area_ha'),
            sb_fault(status is null, 'missing_required', 'empty', 'status', null, null),
            sb_fault(start_date is null, 'missing_required', 'empty', 'start_date', null, null),
            sb_fault(status_value in ('注册', '签发') and registered_date is null, 'missing_required',
                'empty_for_status', 'registered_date', status_value, null),
            sb_number_fault('area_mu', area_mu, area_mu_value, 'quantity', '亩'),
            sb_number_fault('area_ha', area_ha, area_ha_value, 'quantity', '公顷'),
            sb_number_fault('est_annual_tco2e', est_annual_tco2e, est_annual_value, 'quantity', 'tCO2e|吨'),
            sb_date_fault('start_date', start_date, start_day),
            sb_date_fault('registered_date', registered_date, registered_day),
            sb_date_fault('crediting_start', crediting_start, crediting_start_day),
            sb_date_fault('crediting_end', crediting_end, crediting_end_day),
            sb_fault(coalesce(area_mu_value, area_ha_value) <= 0, 'not_positive',
                'not_above_zero', 'area', coalesce(area_mu, area_ha), null),
            sb_fault(est_annual_value < 0, 'not_positive', 'negative', 'est_annual_tco2e', est_annual_tco2e, null),
            sb_fault(project_type is not null and project_type_value is null, 'unknown_value',
                'unknown_type', 'project_type', project_type, null),
            sb_fault(standard is not null and standard_value is null, 'unknown_value',
                'unknown_value', 'standard', standard, null),
            sb_fault(owner_type is not null and owner_type_value is null, 'unknown_value',
                'unknown_value', 'owner_type', owner_type, null),
            sb_fault(status is not null and status_value is null, 'unknown_value',
                'unknown_value', 'status', status, null),
            sb_fault(demo is not null and demo_value is null, 'unknown_value', 'not_yes_or_no', 'demo', demo, null),
            sb_fault(county_problem is not null, county_problem, county_fault, 'county', county_value, county_detail),
            sb_fault(registered_day < start_day, 'date_order', 'before', 'registered_date', null, 'start_date'),
            sb_fault(crediting_end_day <= crediting_start_day, 'date_order',
                'not_after', 'crediting_end', null, 'crediting_start'),
        ]), lambda fault: fault is not null) as _faults,
    from parsed
)

select
    _file,
    _file_order,
    _row,
    _raw,
    _faults,
    project_id as _key,
    {
        'project_id': project_id,
        'project_name': project_name,
        'county_code': resolved_county,
        'project_type': project_type_value,
        'standard': standard_value,
        'methodology': methodology,
        'owner': owner,
        'owner_type': owner_type_value,
        'area_mu': coalesce(area_mu_value, area_ha_value)::double,
        'status': status_value,
        'start_date': start_day,
        'registered_date': registered_day,
        'crediting_start': crediting_start_day,
        'crediting_end': crediting_end_day,
        'est_annual_tco2e': est_annual_value::double,
        'is_demo': demo_value = 'true',
    } as rec,
from checked
