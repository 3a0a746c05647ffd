-- Parsers shared by every staging query: numbers, dates, years and category values as the contract reads them.

-- text in the form category aliases are stored in: no white space, lower case
create or replace macro sb_key(s) as lower(regexp_replace(s, '\s', '', 'g'));

-- drop thousands separators and white space, then one trailing unit word
create or replace macro sb_number_text(s) as
    regexp_replace(regexp_replace(s, '[,，\s]', '', 'g'), '(亩|公顷|吨|tco2e|元/吨|元)$', '', 'i');

create or replace macro sb_decimal(s) as
    coalesce(try_cast(s as decimal(38, 8)), try_cast(try_cast(s as double) as decimal(38, 8)));

-- a number, exact; a trailing 万 multiplies by 10,000 and 亿 by 100,000,000
create or replace macro sb_number(s) as (
    case
        when sb_number_text(s) like '%万' then sb_decimal(left(sb_number_text(s), -1)) * 10000
        when sb_number_text(s) like '%亿' then sb_decimal(left(sb_number_text(s), -1)) * 100000000
        else sb_decimal(sb_number_text(s))
    end
);

create or replace macro sb_date(s) as try_strptime(
    s,
    ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日', '%Y%m%d', '%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S']
)::date;

-- a whole year between 1900 and 2200, written 2023, 2023.0 or 2023年
create or replace macro sb_year(s) as (
    case
        when sb_decimal(regexp_replace(trim(s), '年$', '')) between 1900 and 2200
            and sb_decimal(regexp_replace(trim(s), '年$', '')) = round(sb_decimal(regexp_replace(trim(s), '年$', '')))
        then sb_decimal(regexp_replace(trim(s), '年$', ''))::integer
    end
);

create or replace macro sb_category(field_name, s) as (
    select any_value(canonical) from category_values where field = field_name and alias = sb_key(s)
);

-- a fault, or nothing when the condition does not hold
create or replace macro sb_fault(condition, reason_code, message_text) as
    case when condition then {'reason': reason_code, 'message': message_text} end;
