-- What became of each staged row: loaded, duplicate, superseded or rejected (with its first reason, its faults and
-- their message), as the view `settled`. Only the valid rows whose key is on another valid row need ordering by file
-- and row; they are kept in `shared_key_outcomes`, and every other row is loaded when it breaks no rule and rejected
-- when it does. So the one window below sees the rows that share a key, not the whole dataset, and memory stays
-- bounded at any size.
create or replace table scratch.shared_key_outcomes as
with shared as (
    select _key
    from staged
    where len(_faults) = 0
    group by _key
    having count(*) > 1
),

valid as (
    select
        _file,
        _file_order,
        _row,
        _key,
        rec as content,  -- compared whole (exactly, and faster than hashing its text)
    from staged
    semi join shared using (_key)
    where len(_faults) = 0
),

runs as (
    -- rows of one key in file and row order; a row equal to the one before it continues that row's run
    select
        *,
        content is not distinct from lag(content) over (partition by _key order by _file_order, _row) as repeats_previous,
    from valid
),

heads as (
    -- the first row of each run, and the first row of the run that replaces it
    select
        _file_order,
        _row,
        lead(_file) over by_key as replaced_by_file,
        lead(_row) over by_key as replaced_by_row,
    from runs
    where not repeats_previous
    window by_key as (partition by _key order by _file_order, _row)
)

select
    runs._file_order,
    runs._row,
    case
        when runs.repeats_previous then 'duplicate'
        when heads.replaced_by_row is null then 'loaded'
        else 'superseded'
    end as outcome,
    heads.replaced_by_file,
    heads.replaced_by_row,
from runs
left join heads using (_file_order, _row);

create or replace temp view settled as
with outcomes as (
    select
        staged.* exclude (_faults),
        case
            when len(staged._faults) > 0 then 'rejected'
            else coalesce(shared.outcome, 'loaded')
        end as outcome,
        case
            when shared.outcome = 'superseded' then [sb_fault(
                true, 'superseded', 'superseded', null, shared.replaced_by_row, shared.replaced_by_file
            )]
            else staged._faults
        end as _faults,
    from staged
    left join shared_key_outcomes as shared using (_file_order, _row)
),

described as (
    -- each fault as its code and values (what the pages write from the catalogue) and its English message
    select
        * exclude (_faults),
        _faults[1].reason as reason,
        list_transform(_faults, lambda fault: {
            'code': fault.code,
            'column': fault.column,
            'value': fault.value,
            'detail': fault.detail,
            'message': sb_fault_message(fault.code, fault.column, fault.value, fault.detail),
        }) as faults,
    from outcomes
)

select
    *,
    array_to_string(list_transform(faults, lambda fault: fault.message), '; ') as message,
from described;
