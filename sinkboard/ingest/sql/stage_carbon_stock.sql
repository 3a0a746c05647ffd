-- One row per data row read from the carbon-pool monitoring exports: its canonical values and every rule it breaks, in the contract's order.
with parsed as (
    select
        *,
        sb_year(year) as year_value,
        sb_category('pool', pool) as pool_value,
        sb_quantity(sb_number(area_mu)) as area_mu_value,
        sb_quantity(sb_number(area_ha) * 15) as area_ha_value,  -- in mu
        sb_quantity(sb_number(stock_tco2e)) as stock_value,
        sb_quantity(sb_number(sink_tco2e)) as sink_value,
    from raw_carbon_stock
),

checked as (
    select
        *,
        sb_faults(sb_excel_error_faults(
            ['county', 'county_code', 'prefecture', 'pool'],
            [county, county_code, prefecture, pool],
        ), [
            sb_fault(county is null and county_code is null, 'missing_required', 'empty', 'county', null, null),
            sb_fault(year is null, 'missing_required', 'empty', 'year', null, null),
            sb_fault(pool is null, 'missing_required', 'empty', 'pool', null, null),
            sb_fault(area_mu is null and area_ha is null, 'missing_required', 'both_empty', 'area_mu', null, 'area_ha'),
            sb_fault(stock_tco2e is null, 'missing_required', 'empty', 'stock_tco2e', null, null),
            sb_fault(year is not null and year_value is null, 'bad_number', 'not_a_year', 'year', year, null),
            sb_number_fault('area_mu', area_mu, area_mu_value, 'quantity', '亩'),
            sb_number_fault('area_ha', area_ha, area_ha_value, 'quantity', '公顷'),
            sb_number_fault('stock_tco2e', stock_tco2e, stock_value, 'quantity', 'tCO2e|吨'),
            sb_number_fault('sink_tco2e', sink_tco2e, sink_value, 'quantity', 'tCO2e|吨'),
            sb_fault(coalesce(area_mu_value, area_ha_value) <= 0, 'not_positive',
                'not_above_zero', 'area', coalesce(area_mu, area_ha), null),
            sb_fault(stock_value < 0, 'not_positive', 'negative', 'stock_tco2e', stock_tco2e, null),
            sb_fault(pool is not null and pool_value is null, 'unknown_value', 'unknown_value', 'pool', pool, null),
            sb_fault(county_problem is not null, county_problem, county_fault, 'county', county_value, county_detail),
        ]) as _faults,
        to_json([resolved_county, year_value::varchar, pool_value])::varchar as _key,
        {
            'county_code': resolved_county,
            'year': year_value,
            'pool': pool_value,
            'area_mu': coalesce(area_mu_value, area_ha_value)::double,
            'stock_tco2e': stock_value::double,
            'sink_tco2e': sink_value::double,
        } as rec,
    from parsed
)

select _file, _file_order, _row, _raw, _faults, _key, rec from checked
