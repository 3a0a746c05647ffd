-- Parsers shared by every staging query: numbers, dates, years and category values as the contract reads them.

-- text in the form category aliases are stored in: no white space, lower case
create or replace macro sb_key(s) as lower(regexp_replace(s, '\s', '', 'g'));

-- a fault, or nothing when the condition does not hold
create or replace macro sb_fault(condition, reason_code, message_text) as
    case when condition then {'reason': reason_code, 'message': message_text} end;

-- an Excel error value (#N/A, #DIV/0!, ...): a formula that failed, never a value; XLSX error cells arrive as this text,
-- and a CSV saved by Excel writes them the same way
create or replace macro sb_is_excel_error(s) as regexp_full_match(
    s, '#(N/A|VALUE!|DIV/0!|REF!|NAME\?|NUM!|NULL!|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|CONNECT!|BUSY!)'
);

-- a number's text in its parts, separators and white space dropped: the number, a trailing 万 or 亿, a unit word
create or replace macro sb_number_parts(s) as regexp_extract(
    regexp_replace(s, '[,，\s]', '', 'g'),
    '(?i)^(.*?)(万|亿)?(亩|公顷|吨|tco2e|元/吨|元)?$',
    ['digits', 'multiplier', 'unit']
);

-- the text is a number, however large (so a message can tell "not a number" from "out of range")
create or replace macro sb_is_number(s) as regexp_full_match(
    regexp_replace(s, '[,，\s]', '', 'g'),
    '[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?(万|亿)?(?i:亩|公顷|吨|tco2e|元/吨|元)?'
);

-- below 1e20 (DECIMAL(28, 8)): more than any column stores, and small enough that 万/亿, a unit conversion
-- (× 15, × 10,000) or volume × price cannot overflow DECIMAL(38, 8)
create or replace macro sb_decimal(s) as
    coalesce(try_cast(s as decimal(28, 8)), try_cast(try_cast(s as double) as decimal(28, 8)));

-- a number, exact: a trailing 万 multiplies by 10,000 and 亿 by 100,000,000; null when the text is none or passes 1e20
-- (a plain number, the most common text, is cast at once: coalesce takes the parts apart only for the rest)
create or replace macro sb_number(s) as coalesce(
    try_cast(s as decimal(28, 8)),
    try_cast(
        sb_decimal(sb_number_parts(s).digits)
            * case sb_number_parts(s).multiplier when '万' then 10000 when '亿' then 100000000 else 1 end
        as decimal(28, 8)
    )
);

-- Each kind of number column as it is stored, after its unit conversion; null when the value does not fit, so the
-- bound of each kind is its type, written once here: money DECIMAL(18, 2) (rounded to the fen first, then checked),
-- prices DECIMAL(18, 4), and quantities (mu, tCO2e, target values; stored as DOUBLE) below 1e15, a sane bound.
create or replace macro sb_money(x) as try_cast(round(x, 2) as decimal(18, 2));
create or replace macro sb_price(x) as try_cast(round(x, 4) as decimal(18, 4));
create or replace macro sb_quantity(x) as try_cast(x as decimal(23, 8));

create or replace macro sb_range_text(kind) as (
    case kind
        when 'money' then 'an amount stays below 10^16 yuan'
        when 'price' then 'a price stays below 10^14 yuan'
        else 'a quantity stays below 10^15'
    end
);

-- the fault of a number column: its text gave no value (out of range, or not a number, an Excel error such as
-- #DIV/0! among them), or it ends in a unit word for another unit than the column's ('100公顷' in a column of mu),
-- which is never dropped; units: the column's own unit words as a pattern, '亩' or 'tCO2e|吨'
create or replace macro sb_number_fault(column_name, s, value, kind, units) as (
    case
        when s is not null and value is null then {
            'reason': 'bad_number',
            'message': column_name || case
                when sb_is_number(s) then ' is out of range: ' || s || ' (' || sb_range_text(kind) || ' once converted)'
                else ' is not a number: ' || s
            end,
        }
        when try_cast(s as double) is null
            and regexp_matches(s, '(?i)(亩|公顷|吨|tco2e|元/吨|元)\s*$')
            and not regexp_matches(s, '(?i)(' || units || ')\s*$')
        then {
            'reason': 'bad_number',
            'message': column_name || ' is in ' || replace(units, '|', '/') || ': the unit in ' || s
                || ' contradicts the column',
        }
    end
);

-- a column counted in 万元 takes the number of 万元: 万 or 亿 there ('80万', '80万元') cannot be told from a multiplier
-- applied twice (a unit word for another unit is sb_number_fault's)
create or replace macro sb_wan_fault(column_name, s) as sb_fault(
    try_cast(s as double) is null and regexp_matches(s, '(万|亿)元?\s*$'),
    'bad_number',
    column_name || ' is counted in 万元: 万 or 亿 in ' || s || ' contradicts the column; write the number of 万元 alone'
);

-- a date between 1900 and 2100, its year in four digits: '23-5-6' would parse as the year 23
create or replace macro sb_date(s) as (
    case
        when regexp_matches(s, '^(19\d\d|20\d\d|2100)(\D|\d{4}$)') then try_strptime(s, [
            '%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日', '%Y%m%d',
            -- a date-time counts on its date: as ISO writes it, and as Excel saves one in a CSV (2023/5/1 8:30)
            '%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
            '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y-%m-%dT%H:%M',
        ])::date
    end
);

create or replace macro sb_date_fault(column_name, s, day) as
    sb_fault(s is not null and day is null, 'bad_date', column_name || ' is not a date from 1900 to 2100: ' || s);

-- a whole year between 1900 and 2100, written 2023, 2023.0 or 2023年
create or replace macro sb_year(s) as (
    case
        when sb_decimal(regexp_replace(trim(s), '年$', '')) between 1900 and 2100
            and sb_decimal(regexp_replace(trim(s), '年$', '')) = round(sb_decimal(regexp_replace(trim(s), '年$', '')))
        then sb_decimal(regexp_replace(trim(s), '年$', ''))::integer
    end
);

create or replace macro sb_category(field_name, s) as (
    select any_value(canonical) from category_values where field = field_name and alias = sb_key(s)
);

-- the rows of a raw table that name a project (issuances, payments, trades), each with is_known_project: whether that
-- project is among the loaded projects, which are staged and loaded before them
create or replace macro sb_with_known_project(raw_table) as table
    select raw.*, projects.project_id is not null as is_known_project
    from query_table(raw_table) as raw
    left join projects on projects.project_id = raw.project_id;

-- the faults of text, category and county columns holding an Excel error: the value the export meant to give is not
-- there, so the row is missing_required whether or not the column is required
create or replace macro sb_excel_error_faults(column_names, cells) as (
    case
        when array_to_string(cells, '') like '%#%'  -- most rows hold no '#' at all: skip the pairing for them
        then list_transform(
            list_filter(list_zip(column_names, cells), lambda pair: sb_is_excel_error(pair[2])),
            lambda pair: {'reason': 'missing_required', 'message': pair[1] || ' holds the Excel error ' || pair[2] || ', not a value'}
        )
        else []
    end
);

-- a staged row's faults, the column `_faults` of every staging query: its Excel-error faults, then the fault of each
-- of its rules that the row breaks (a rule that holds gives null), in the contract's order
create or replace macro sb_faults(excel_error_faults, rule_faults) as
    list_filter(list_concat(excel_error_faults, rule_faults), lambda fault: fault is not null);

-- a person's name masked as 王*明 (first and last character kept); an individual buyer's name is never shown in full,
-- not even in a rejected row's raw cells
create or replace macro masked_name(name) as
    case
        when name is null then null
        when length(name) <= 1 then '*'
        when length(name) = 2 then left(name, 1) || '*'
        else left(name, 1) || repeat('*', length(name) - 2) || right(name, 1)
    end;
