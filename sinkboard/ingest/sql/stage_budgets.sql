-- One row per data row read from the budget exports: its canonical values and every rule it breaks, in the contract's order.
with parsed as (
    select
        *,
        sb_year(year) as year_value,
        sb_category('subsidy_category', category) as category_value,
        sb_money(sb_number(amount_yuan)) as amount_yuan_value,
        sb_money(sb_number(amount_wan) * 10000) as amount_wan_value,
    from raw_budgets
),

checked as (
    select
        *,
        sb_faults(sb_excel_error_faults(
            ['category'],
            [category],
        ), [
            sb_fault(year is null, 'missing_required', 'empty', 'year', null, null),
            sb_fault(category is null, 'missing_required', 'empty', 'category', null, null),
            sb_fault(amount_yuan is null and amount_wan is null, 'missing_required', 'empty', 'amount', null, null),
            sb_fault(year is not null and year_value is null, 'bad_number', 'not_a_year', 'year', year, null),
            sb_number_fault('amount_yuan', amount_yuan, amount_yuan_value, 'money', '元'),
            sb_number_fault('amount_wan', amount_wan, amount_wan_value, 'money', '万元'),
            sb_wan_fault('amount_wan', amount_wan),
            sb_fault(coalesce(amount_yuan_value, amount_wan_value) <= 0, 'not_positive',
                'not_above_zero', 'amount', coalesce(amount_yuan, amount_wan), null),
            sb_fault(category is not null and category_value is null, 'unknown_value',
                'unknown_value', 'category', category, null),
        ]) as _faults,
        to_json([year_value::varchar, category_value])::varchar as _key,
        {
            'year': year_value,
            'category': category_value,
            'amount_yuan': coalesce(amount_yuan_value, amount_wan_value)::decimal(18, 2),
        } as rec,
    from parsed
)

select _file, _file_order, _row, _raw, _faults, _key, rec from checked
