-- One row per data row read from the target exports: its canonical values and every rule it breaks, in the contract's order.
with parsed as (
    select
        *,
        sb_year(year) as year_value,
        coalesce(sb_category('zone', zone), case when zone is null then '全省' end) as zone_value,
        coalesce(sb_category('metric', metric), metric) as metric_value,
        sb_quantity(sb_number(value)) as target_value,
    from raw_targets
),

checked as (
    select
        *,
        sb_faults(sb_excel_error_faults(
            ['zone', 'metric', 'note'],
            [zone, metric, note],
        ), [
            sb_fault(year is null, 'missing_required', 'empty', 'year', null, null),
            sb_fault(metric is null, 'missing_required', 'empty', 'metric', null, null),
            sb_fault(value is null, 'missing_required', 'empty', 'value', null, null),
            sb_fault(year is not null and year_value is null, 'bad_number', 'not_a_year', 'year', year, null),
            sb_number_fault('value', value, target_value, 'quantity', '亩|公顷|吨|tCO2e|元/吨|元'),
            sb_fault(target_value <= 0, 'not_positive', 'not_above_zero', 'value', value, null),
            sb_fault(zone_value is null, 'unknown_value', 'unknown_zone', 'zone', zone, null),
        ]) as _faults,
        to_json([year_value::varchar, zone_value, metric_value])::varchar as _key,
        {
            'year': year_value,
            'zone': zone_value,
            'metric': metric_value,
            'value': target_value::double,
            'note': note,
        } as rec,
    from parsed
)

select _file, _file_order, _row, _raw, _faults, _key, rec from checked
