"""Open data: subsidy spend by budget year and zone, from totals anyone may see (no payment is listed)."""

from sinkboard.app.ui import open_figures
from sinkboard.charts import open_data

open_figures("page_open_subsidies", "open_subsidies_caption", "open_subsidies_by_year", "open_no_subsidies",
             open_data.subsidies_by_year, ["year", "zone", "payments", "amount_yuan"], key="open_subsidies")
