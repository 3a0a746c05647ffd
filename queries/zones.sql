-- one row per development zone, in the policy's order, with its focus project types
select zone, zone_en, sort_order, key_types, moderate_types
from zones
order by sort_order
