-- one row: whether the warehouse holds the public record of what changed at its update (changes_info,
-- changes_registered, changes_figures); a warehouse of an earlier format does not, and the page then says so
select count(*) = 3 as has_changes,
from duckdb_tables()
where database_name = current_database()
    and table_name in ('changes_info', 'changes_registered', 'changes_figures')
