"""Overview: are we on track for the province's targets, and where are we behind?"""

import streamlit as st

from sinkboard.app.ui import (
    basis_caption,
    basis_label,
    chart_with_data,
    filters,
    lang,
    query,
    suppression_note,
    t,
    tile,
)
from sinkboard.charts import progress as charts
from sinkboard.figures.narrative import progress_sentences
from sinkboard.figures.summaries import budget_share, province_targets, target_tile, upcoming_first
from sinkboard.text.formats import percent, quantity

chosen = filters()
st.title(t("overview_title"))
st.caption(basis_caption(chosen))

progress = query("target_progress", as_of=chosen["as_of"], basis=chosen["basis"])
headline = query("headline", as_of=chosen["as_of"]).iloc[0]
this_year = int(headline.this_year)
province = province_targets(progress)

# one glance: the scale and each target (at most four tiles a row, so every figure fits at 1280 px)
tiles = st.columns(1 + len(province))
scale_now = headline.development_mu if chosen["basis"] == "development" else headline.registered_mu
tile(tiles[0], basis_label(chosen["basis"]), scale_now, "area")
for column, row in zip(tiles[1:], province.itertuples()):
    verdict, gap = target_tile(row)
    delta = t("status_missed") if verdict == "missed" else t("tile_target_done") if verdict == "achieved" else t(
        "tile_target_delta", gap=quantity(gap, "area", lang()))
    tile(column, t("tile_target", year=row.year), percent(row.share_of_target), delta=delta,
         delta_color="normal" if verdict == "achieved" else "inverse", delta_arrow="off",
         help=f"{quantity(row.target_mu, 'area', lang())} · {t('status_' + row.status)}")

more = st.columns(4)
tile(more[0], t("tile_registered"), headline.registered_mu, "area")
tile(more[1], t("tile_issued"), headline.issued_tco2e, "carbon")
tile(more[2], t("tile_trading", year=this_year), headline.trade_volume_tco2e, "carbon",
     delta=t("tile_trading_value", value=quantity(headline.trade_amount_yuan, "money", lang())), delta_color="off",
     delta_arrow="off")
share = budget_share(headline)
tile(more[3], t("tile_subsidy", year=this_year), headline.subsidy_paid_yuan, "money",
     delta=t("tile_subsidy_of_budget", share=percent(share)) if share is not None else t("tile_no_budget"),
     delta_color="off", delta_arrow="off")
suppression_note(chosen)

st.subheader(t("summary_title"))
for sentence in progress_sentences(progress, chosen["as_of"], basis_label(chosen["basis"]), lang()):
    st.text(f"• {sentence}")

if province.empty:
    st.info(t("no_targets"))
    st.stop()

st.subheader(t("zones_progress"))
years = upcoming_first(province)
# only the open tab's chart is made: a click on another reruns the page for it
for tab, year in zip(st.tabs([str(year) for year in years], key="overview_years", on_change="rerun"), years):
    if not tab.open:
        continue
    with tab:
        chart_with_data(charts.target_bars(progress, year, lang()), progress[progress.year == year],
              ["zone", "year", "target_mu", "scale_mu", "share_of_target", "share_of_province_target", "pace_mu_per_year",
               "needed_mu_per_year", "projected_mu"], key=f"target_bars_{year}", name=f"target_progress_{year}")
st.caption(t("zones_progress_caption"))

st.subheader(t("trend_title"))
trend = query("scale_trend", **chosen)
# targets belong to the province and the zones: against one prefecture's scale they would mislead, so none is drawn
targets = progress.head(0) if chosen["prefecture_code"] else progress
chart_with_data(charts.scale_trend(trend, targets, chosen["zone"], lang()), trend, ["month_end", "added_mu", "scale_mu"],
      key="scale_trend")
if chosen["prefecture_code"]:
    st.caption(t("trend_no_targets_for_prefecture"))
st.caption(t("trend_caption"))
