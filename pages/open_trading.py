"""Open data: carbon-sink trading month by month and by platform, from monthly figures anyone may see."""

from sinkboard.app.ui import open_figures
from sinkboard.charts import open_data

open_figures("page_open_trading", "open_trading_caption", "open_trades_by_month", "open_no_trades",
             open_data.trades_by_month,
             ["month_end", "platform", "trades", "volume_tco2e", "amount_yuan", "average_price_yuan"], key="open_trades")
