-- One row per data row read from the issuance exports: its canonical values and every rule it breaks, in the contract's order.
with parsed as (
    select
        *,
        sb_date(period_start) as period_start_day,
        sb_date(period_end) as period_end_day,
        sb_quantity(sb_number(verified_tco2e)) as verified_value,
        sb_quantity(sb_number(issued_tco2e)) as issued_value,
        sb_date(issued_date) as issued_day,
    from sb_with_known_project('raw_issuances')
),

checked as (
    select
        *,
        sb_faults(sb_excel_error_faults(
            ['project_id'],
            [project_id],
        ), [
            sb_fault(project_id is null, 'missing_required', 'empty', 'project_id', null, null),
            sb_fault(period_start is null, 'missing_required', 'empty', 'period_start', null, null),
            sb_fault(period_end is null, 'missing_required', 'empty', 'period_end', null, null),
            sb_fault(verified_tco2e is null, 'missing_required', 'empty', 'verified_tco2e', null, null),
            sb_number_fault('verified_tco2e', verified_tco2e, verified_value, 'quantity', 'tCO2e|吨'),
            sb_number_fault('issued_tco2e', issued_tco2e, issued_value, 'quantity', 'tCO2e|吨'),
            sb_date_fault('period_start', period_start, period_start_day),
            sb_date_fault('period_end', period_end, period_end_day),
            sb_date_fault('issued_date', issued_date, issued_day),
            sb_fault(verified_value < 0, 'not_positive', 'negative', 'verified_tco2e', verified_tco2e, null),
            sb_fault(issued_value < 0, 'not_positive', 'negative', 'issued_tco2e', issued_tco2e, null),
            sb_fault(period_end_day <= period_start_day, 'date_order', 'not_after', 'period_end', null, 'period_start'),
            sb_fault(project_id is not null and not is_known_project, 'unknown_project',
                'unknown_project', 'project_id', project_id, null),
        ]) as _faults,
        to_json([project_id, period_start_day::varchar, period_end_day::varchar])::varchar as _key,
        {
            'project_id': project_id,
            'period_start': period_start_day,
            'period_end': period_end_day,
            'verified_tco2e': verified_value::double,
            'issued_tco2e': issued_value::double,
            'issued_date': issued_day,
        } as rec,
    from parsed
)

select _file, _file_order, _row, _raw, _faults, _key, rec from checked
