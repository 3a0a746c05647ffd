-- one row: the development plan whose zones and targets the warehouse was built with
select plan_id, plan_name, plan_name_en, plan_date from plans
