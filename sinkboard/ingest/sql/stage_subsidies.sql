-- One row per data row read from the subsidy payment exports: its canonical values and every rule it breaks, in the contract's order.
with parsed as (
    select
        *,
        sb_category('subsidy_category', category) as category_value,
        sb_money(sb_number(amount_yuan)) as amount_yuan_value,
        sb_money(sb_number(amount_wan) * 10000) as amount_wan_value,
        sb_date(paid_date) as paid_day,
        sb_year(budget_year) as budget_year_value,
    from sb_with_known_project('raw_subsidies')
),

checked as (
    select
        *,
        sb_faults(sb_excel_error_faults(
            ['payment_id', 'project_id', 'county', 'county_code', 'prefecture', 'category', 'fund_source'],
            [payment_id, project_id, county, county_code, prefecture, category, fund_source],
        ), [
            sb_fault(payment_id is null, 'missing_required', 'empty', 'payment_id', null, null),
            sb_fault(county is null and county_code is null, 'missing_required', 'empty', 'county', null, null),
            sb_fault(category is null, 'missing_required', 'empty', 'category', null, null),
            sb_fault(amount_yuan is null and amount_wan is null, 'missing_required', 'empty', 'amount', null, null),
            sb_fault(paid_date is null, 'missing_required', 'empty', 'paid_date', null, null),
            sb_number_fault('amount_yuan', amount_yuan, amount_yuan_value, 'money', '元'),
            sb_number_fault('amount_wan', amount_wan, amount_wan_value, 'money', '万元'),
            sb_wan_fault('amount_wan', amount_wan),
            sb_fault(budget_year is not null and budget_year_value is null, 'bad_number',
                'not_a_year', 'budget_year', budget_year, null),
            sb_date_fault('paid_date', paid_date, paid_day),
            sb_fault(coalesce(amount_yuan_value, amount_wan_value) <= 0, 'not_positive',
                'not_above_zero', 'amount', coalesce(amount_yuan, amount_wan), null),
            sb_fault(category is not null and category_value is null, 'unknown_value',
                'unknown_value', 'category', category, null),
            sb_fault(county_problem is not null, county_problem, county_fault, 'county', county_value, county_detail),
            sb_fault(project_id is not null and not is_known_project, 'unknown_project',
                'unknown_project', 'project_id', project_id, null),
        ]) as _faults,
        payment_id as _key,
        {
            'payment_id': payment_id,
            'project_id': project_id,
            'county_code': resolved_county,
            'category': category_value,
            'amount_yuan': coalesce(amount_yuan_value, amount_wan_value)::decimal(18, 2),
            'paid_date': paid_day,
            'budget_year': budget_year_value,
            'fund_source': fund_source,
        } as rec,
    from parsed
)

select _file, _file_order, _row, _raw, _faults, _key, rec from checked
