-- one row: whether the warehouse was built from the synthetic sample
select is_synthetic from build_info
