-- One row per staged row with what became of it: loaded, duplicate, superseded or rejected (with its first reason).
with valid as (
    select
        _file,
        _file_order,
        _row,
        _key,
        rec as content,  -- compared whole (exactly, and faster than hashing its text)
    from staged
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
),

outcomes as (
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
    left join heads using (_file_order, _row)
)

select
    staged.*,
    coalesce(outcomes.outcome, 'rejected') as outcome,
    case
        when outcomes.outcome = 'superseded' then 'superseded'
        else staged._faults[1].reason
    end as reason,
    case
        when outcomes.outcome = 'superseded'
            then 'replaced by row ' || outcomes.replaced_by_row || ' of ' || outcomes.replaced_by_file || ' (same key, other values)'
        else array_to_string(list_transform(staged._faults, lambda fault: fault.message), '; ')
    end as message,
from staged
left join outcomes using (_file_order, _row)
