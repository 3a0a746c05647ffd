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
            sb_fault(payment_id is null, 'missing_required', 'payment_id is empty'),
            sb_fault(county is null and county_code is null, 'missing_required', 'county is empty'),
            sb_fault(category is null, 'missing_required', 'category is empty'),
            sb_fault(amount_yuan is null and amount_wan is null, 'missing_required', 'the amount is empty'),
            sb_fault(paid_date is null, 'missing_required', 'paid_date is empty'),
            sb_number_fault('amount_yuan', amount_yuan, amount_yuan_value, 'money', '元'),
            sb_number_fault('amount_wan', amount_wan, amount_wan_value, 'money', '万元'),
            sb_wan_fault('amount_wan', amount_wan),
            sb_fault(budget_year is not null and budget_year_value is null, 'bad_number',
                'budget_year is not a year: ' || budget_year),
            sb_date_fault('paid_date', paid_date, paid_day),
            sb_fault(coalesce(amount_yuan_value, amount_wan_value) <= 0, 'not_positive',
                'the amount must be above 0: ' || coalesce(amount_yuan, amount_wan)),
            sb_fault(category is not null and category_value is null, 'unknown_value', 'category is not known: ' || category),
            sb_fault(county_problem = 'unknown_county', 'unknown_county', county_message),
            sb_fault(county_problem = 'ambiguous_county', 'ambiguous_county', county_message),
            sb_fault(project_id is not null and not is_known_project, 'unknown_project',
                'project ' || project_id || ' is not among the loaded projects'),
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
