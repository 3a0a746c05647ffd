-- one row: when the warehouse was built (both warehouses hold it)
select built_at from build_info
