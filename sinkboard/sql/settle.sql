-- One row per staged row with what became of it: loaded, duplicate, superseded or rejected (with its first reason).
with valid as (
    select
        _file_order,
        _row,
        _key,
        md5(rec::varchar) as content,
    from staged
    where len(_faults) = 0
),

runs as (
    -- rows of one key in file and row order; a row equal to the one before it continues that row's run
    select
        *,
        content is not distinct from lag(content) over by_key as repeats_previous,
        row_number() over (partition by _key order by _file_order desc, _row desc) = 1 as is_last,
    from valid
    window by_key as (partition by _key order by _file_order, _row)
),

run_heads as (
    select
        *,
        sum(case when repeats_previous then 0 else 1 end) over (partition by _key order by _file_order, _row) as run_number,
    from runs
),

outcomes as (
    select
        _file_order,
        _row,
        case
            when repeats_previous then 'duplicate'
            when run_number = max(run_number) over (partition by _key) then 'loaded'
            else 'superseded'
        end as outcome,
    from run_heads
)

select
    staged.*,
    coalesce(outcomes.outcome, 'rejected') as outcome,
    case
        when outcomes.outcome = 'superseded' then 'superseded'
        else staged._faults[1].reason
    end as reason,
    case
        when outcomes.outcome = 'superseded' then 'a later row with the same key replaces this one'
        else array_to_string(list_transform(staged._faults, lambda fault: fault.message), '; ')
    end as message,
from staged
left join outcomes using (_file_order, _row)
