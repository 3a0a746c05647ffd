-- Parsers shared by every staging query: numbers, dates, years and category values as the contract reads them.

-- text in the form category aliases are stored in: no white space, lower case
create or replace macro sb_key(s) as lower(regexp_replace(s, '\s', '', 'g'));

-- a fault, or nothing when the condition does not hold: its reason (the row's reason when it is the row's first fault),
-- its code (one per form of message: sb_fault_message) and its values as text; column and detail may be null
create or replace macro sb_fault(condition, reason_code, fault_code, column_name, value, detail) as
    case when condition then {
        'reason': reason_code,
        'code': fault_code,
        'column': column_name,
        'value': value::varchar,
        'detail': detail::varchar,
    } end;

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
        when s is not null and value is null then sb_fault(
            true, 'bad_number', case when sb_is_number(s) then 'out_of_range' else 'not_a_number' end, column_name, s,
            case when sb_is_number(s) then kind end
        )
        when try_cast(s as double) is null
            and regexp_matches(s, '(?i)(亩|公顷|吨|tco2e|元/吨|元)\s*$')
            and not regexp_matches(s, '(?i)(' || units || ')\s*$')
        then sb_fault(true, 'bad_number', 'wrong_unit', column_name, s, units)
    end
);

-- a column counted in 万元 takes the number of 万元: 万 or 亿 there ('80万', '80万元') cannot be told from a multiplier
-- applied twice (a unit word for another unit is sb_number_fault's)
create or replace macro sb_wan_fault(column_name, s) as sb_fault(
    try_cast(s as double) is null and regexp_matches(s, '(万|亿)元?\s*$'),
    'bad_number', 'wan_multiplier', column_name, s, null
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
    sb_fault(s is not null and day is null, 'bad_date', 'not_a_date', column_name, s, null);

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
            lambda pair: sb_fault(true, 'missing_required', 'excel_error', pair[1], pair[2], null)
        )
        else []
    end
);

-- a column as a message names it: 'amount', 'area' and 'potential_area' stand for the pair of columns (yuan or 万元,
-- mu or ha) that gives the one value
create or replace macro sb_column_words(column_name) as
    case column_name when 'amount' then 'the amount' when 'potential_area' then 'potential area' else column_name end;

-- a fault's English message, made from its code and values, for the warehouse's `message`. The pages write the same
-- fault from the catalogue (fault_<code> in sinkboard/text/locale), word for word in English; a new code needs a form
-- here and an entry there (tests/test_messages.py and tests/test_hostile_corpus.py check that the two agree)
create or replace macro sb_fault_message(code, column_name, value, detail) as (
    case code
        when 'empty' then sb_column_words(column_name) || ' is empty'
        when 'both_empty' then column_name || ' and ' || detail || ' are both empty'
        when 'empty_for_status' then column_name || ' is empty but status is ' || value
        when 'excel_error' then column_name || ' holds the Excel error ' || value || ', not a value'
        when 'not_a_number' then column_name || ' is not a number: ' || value
        when 'out_of_range' then column_name || ' is out of range: ' || value
            || ' (' || sb_range_text(detail) || ' once converted)'
        when 'wrong_unit' then column_name || ' is in ' || replace(detail, '|', '/') || ': the unit in ' || value
            || ' contradicts the column'
        when 'wan_multiplier' then column_name || ' is counted in 万元: 万 or 亿 in ' || value
            || ' contradicts the column; write the number of 万元 alone'
        when 'product_out_of_range' then column_name || ' × ' || detail || ' is out of range: ' || value
            || ' (' || sb_range_text('money') || ')'
        when 'not_a_year' then column_name || ' is not a year: ' || value
        when 'not_a_date' then column_name || ' is not a date from 1900 to 2100: ' || value
        when 'not_above_zero' then sb_column_words(column_name) || ' must be above 0: ' || value
        when 'negative' then sb_column_words(column_name) || ' is negative: ' || value
        when 'unknown_type' then column_name || ' is not a known type: ' || value
        when 'unknown_value' then column_name || ' is not known: ' || value
        when 'not_yes_or_no' then column_name || ' is not yes or no: ' || value
        when 'unknown_zone' then column_name || ' is not 全省 or one of the zones: ' || value
        when 'not_after' then column_name || ' is not after ' || detail
        when 'before' then column_name || ' is before ' || detail
        when 'amount_mismatch' then 'amount ' || value || ' differs by more than 1% from volume × price = ' || detail
        when 'unknown_project' then 'project ' || value || ' is not among the loaded projects'
        when 'unknown_county_name' then 'no Sichuan county is named ' || value
        when 'unknown_county_code' then 'county code ' || value || ' is not a Sichuan county'
        when 'ambiguous_county' then value || ' names several counties (' || detail || '); give its prefecture'
        when 'superseded' then 'replaced by row ' || value || ' of ' || detail || ' (same key, other values)'
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
