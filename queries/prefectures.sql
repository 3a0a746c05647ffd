-- one row per prefecture, with its zone
select prefectures.prefecture_code, prefectures.prefecture_name, prefectures.short_name, prefectures.zone
from prefectures
join zones using (zone)
order by zones.sort_order, prefectures.prefecture_code
