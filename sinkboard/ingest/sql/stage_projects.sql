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
            sb_fault(project_id is null, 'missing_required', 'project_id is empty'),
            sb_fault(project_name is null, 'missing_required', 'project_name is empty'),
            sb_fault(county is null and county_code is null, 'missing_required', 'county is empty'),
            sb_fault(project_type is null, 'missing_required', 'project_type is empty'),
            sb_fault(area_mu is null and area_ha is null, 'missing_required', 'area_mu and area_ha are both empty'),
            sb_fault(status is null, 'missing_required', 'status is empty'),
            sb_fault(start_date is null, 'missing_required', 'start_date is empty'),
            sb_fault(status_value in ('注册', '签发') and registered_date is null, 'missing_required',
                'registered_date is empty but status is ' || status_value),
            sb_number_fault('area_mu', area_mu, area_mu_value, 'quantity', '亩'),
            sb_number_fault('area_ha', area_ha, area_ha_value, 'quantity', '公顷'),
            sb_number_fault('est_annual_tco2e', est_annual_tco2e, est_annual_value, 'quantity', 'tCO2e|吨'),
            sb_date_fault('start_date', start_date, start_day),
            sb_date_fault('registered_date', registered_date, registered_day),
            sb_date_fault('crediting_start', crediting_start, crediting_start_day),
            sb_date_fault('crediting_end', crediting_end, crediting_end_day),
            sb_fault(coalesce(area_mu_value, area_ha_value) <= 0, 'not_positive',
                'area must be above 0: ' || coalesce(area_mu, area_ha)),
            sb_fault(est_annual_value < 0, 'not_positive', 'est_annual_tco2e is negative: ' || est_annual_tco2e),
            sb_fault(project_type is not null and project_type_value is null, 'unknown_value',
                'project_type is not a known type: ' || project_type),
            sb_fault(standard is not null and standard_value is null, 'unknown_value', 'standard is not known: ' || standard),
            sb_fault(owner_type is not null and owner_type_value is null, 'unknown_value',
                'owner_type is not known: ' || owner_type),
            sb_fault(status is not null and status_value is null, 'unknown_value', 'status is not known: ' || status),
            sb_fault(demo is not null and demo_value is null, 'unknown_value', 'demo is not yes or no: ' || demo),
            sb_fault(county_problem = 'unknown_county', 'unknown_county', county_message),
            sb_fault(county_problem = 'ambiguous_county', 'ambiguous_county', county_message),
            sb_fault(registered_day < start_day, 'date_order', 'registered_date is before start_date'),
            sb_fault(crediting_end_day <= crediting_start_day, 'date_order', 'crediting_end is not after crediting_start'),
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
