-- One row per data row read from the trade exports: its canonical values and every rule it breaks, in the contract's order.
with parsed as (
    select
        *,
        sb_date(trade_date) as trade_day,
        sb_category('platform', platform) as platform_value,
        sb_category('buyer_type', buyer_type) as buyer_type_value,
        sb_category('purpose', purpose) as purpose_value,
        sb_quantity(sb_number(volume_tco2e)) as volume_value,
        sb_price(sb_number(price_yuan)) as price_value,
        sb_money(sb_number(amount_yuan)) as amount_yuan_value,
        sb_money(sb_number(amount_wan) * 10000) as amount_wan_value,
    from sb_with_known_project('raw_trades')
),

amounts as (
    select
        *,
        coalesce(amount_yuan_value, amount_wan_value) as given_amount,
        -- multiplied only when the product cannot overflow, then held to what money is stored as
        sb_money(case when abs(volume_value::double * price_value::double) < 1e20 then volume_value * price_value end)
            as expected_amount,
    from parsed
),

checked as (
    select
        *,
        sb_faults(sb_excel_error_faults(
            ['trade_id', 'project_id', 'platform', 'buyer', 'buyer_type', 'purpose'],
            [trade_id, project_id, platform, buyer, buyer_type, purpose],
        ), [
            sb_fault(trade_id is null, 'missing_required', 'empty', 'trade_id', null, null),
            sb_fault(trade_date is null, 'missing_required', 'empty', 'trade_date', null, null),
            sb_fault(project_id is null, 'missing_required', 'empty', 'project_id', null, null),
            sb_fault(platform is null, 'missing_required', 'empty', 'platform', null, null),
            sb_fault(buyer_type is null, 'missing_required', 'empty', 'buyer_type', null, null),
            sb_fault(volume_tco2e is null, 'missing_required', 'empty', 'volume_tco2e', null, null),
            sb_number_fault('volume_tco2e', volume_tco2e, volume_value, 'quantity', 'tCO2e|吨'),
            sb_number_fault('price_yuan', price_yuan, price_value, 'price', '元/吨|元'),
            sb_number_fault('amount_yuan', amount_yuan, amount_yuan_value, 'money', '元'),
            sb_number_fault('amount_wan', amount_wan, amount_wan_value, 'money', '万元'),
            sb_fault(volume_value is not null and price_value is not null and expected_amount is null, 'bad_number',
                'product_out_of_range', 'volume_tco2e', volume_tco2e || ' × ' || price_yuan, 'price_yuan'),
            sb_wan_fault('amount_wan', amount_wan),
            sb_date_fault('trade_date', trade_date, trade_day),
            sb_fault(volume_value <= 0, 'not_positive', 'not_above_zero', 'volume_tco2e', volume_tco2e, null),
            sb_fault(price_value < 0, 'not_positive', 'negative', 'price_yuan', price_yuan, null),
            sb_fault(given_amount < 0, 'not_positive', 'negative', 'amount', coalesce(amount_yuan, amount_wan), null),
            sb_fault(platform is not null and platform_value is null, 'unknown_value',
                'unknown_value', 'platform', platform, null),
            sb_fault(buyer_type is not null and buyer_type_value is null, 'unknown_value',
                'unknown_value', 'buyer_type', buyer_type, null),
            sb_fault(purpose is not null and purpose_value is null, 'unknown_value',
                'unknown_value', 'purpose', purpose, null),
            sb_fault(abs(given_amount - expected_amount) > abs(expected_amount) * 0.01, 'amount_mismatch',
                'amount_mismatch', null, printf('%.2f', given_amount), printf('%.2f', expected_amount)),
            sb_fault(project_id is not null and not is_known_project, 'unknown_project',
                'unknown_project', 'project_id', project_id, null),
        ]) as _faults,
        trade_id as _key,
        {
            'trade_id': trade_id,
            'trade_date': trade_day,
            'project_id': project_id,
            'platform': platform_value,
            'buyer': buyer,
            'buyer_type': buyer_type_value,
            'volume_tco2e': volume_value::double,
            'price_yuan': price_value::decimal(18, 4),
            'amount_yuan': coalesce(given_amount, expected_amount)::decimal(18, 2),
            'is_amount_derived': given_amount is null and expected_amount is not null,
            'purpose': purpose_value,
        } as rec,
    from amounts
)

select _file, _file_order, _row, _raw, _faults, _key, rec from checked
