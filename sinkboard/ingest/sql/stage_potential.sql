-- One row per data row read from the potential-assessment exports: its canonical values and every rule it breaks, in the contract's order.
with parsed as (
    select
        *,
        sb_category('project_type', project_type) as project_type_value,
        sb_quantity(sb_number(potential_area_mu)) as area_mu_value,
        sb_quantity(sb_number(potential_area_ha) * 15) as area_ha_value,  -- in mu
        sb_quantity(sb_number(potential_tco2e)) as potential_tco2e_value,
    from raw_potential
),

checked as (
    select
        *,
        sb_faults(sb_excel_error_faults(
            ['county', 'county_code', 'prefecture', 'project_type'],
            [county, county_code, prefecture, project_type],
        ), [
            sb_fault(county is null and county_code is null, 'missing_required', 'empty', 'county', null, null),
            sb_fault(project_type is null, 'missing_required', 'empty', 'project_type', null, null),
            sb_fault(potential_area_mu is null and potential_area_ha is null, 'missing_required',
                'both_empty', 'potential_area_mu', null, 'potential_area_ha'),
            sb_number_fault('potential_area_mu', potential_area_mu, area_mu_value, 'quantity', '亩'),
            sb_number_fault('potential_area_ha', potential_area_ha, area_ha_value, 'quantity', '公顷'),
            sb_number_fault('potential_tco2e', potential_tco2e, potential_tco2e_value, 'quantity', 'tCO2e|吨'),
            sb_fault(coalesce(area_mu_value, area_ha_value) <= 0, 'not_positive',
                'not_above_zero', 'potential_area', coalesce(potential_area_mu, potential_area_ha), null),
            sb_fault(potential_tco2e_value < 0, 'not_positive', 'negative', 'potential_tco2e', potential_tco2e, null),
            sb_fault(project_type is not null and project_type_value is null, 'unknown_value',
                'unknown_type', 'project_type', project_type, null),
            sb_fault(county_problem is not null, county_problem, county_fault, 'county', county_value, county_detail),
        ]) as _faults,
        to_json([resolved_county, project_type_value])::varchar as _key,
        {
            'county_code': resolved_county,
            'project_type': project_type_value,
            'potential_area_mu': coalesce(area_mu_value, area_ha_value)::double,
            'potential_tco2e': potential_tco2e_value::double,
        } as rec,
    from parsed
)

select _file, _file_order, _row, _raw, _faults, _key, rec from checked
