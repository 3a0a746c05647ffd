"""Overview: are we on track for the province's targets, and where are we behind?"""

import streamlit as st

from sinkboard.app.ui import (
    area_filters,
    basis_caption,
    basis_label,
    chart_with_data,
    filters,
    lang,
    query,
    suppression_note,
    t,
    tile,
    tile_row,
)
from sinkboard.charts import progress as charts
from sinkboard.figures.narrative import prefecture_sentence, progress_sentences
from sinkboard.figures.summaries import area_targets, budget_note, province_targets, target_tile, upcoming_first
from sinkboard.text.formats import percent, quantity

chosen = filters()
choice = st.session_state.choice
is_area = bool(chosen["zone"] or chosen["prefecture_code"])
st.title(t("overview_title"))
st.caption(choice.in_area(basis_caption(chosen)))

progress = query("target_progress", as_of=chosen["as_of"], basis=chosen["basis"])
headline = query("headline", **area_filters(chosen)).iloc[0]
this_year = int(headline.this_year)
province = province_targets(progress)
# targets are set for the province and the zones: with a zone chosen its own (or its share of the province's), with
# only a prefecture the province's, named as such
target_rows = area_targets(progress, chosen["zone"])

# one glance: the area's scale and each target, in a row of tiles that wraps on a narrow page
tiles = tile_row(1 + len(target_rows))
scale_now = headline.development_mu if chosen["basis"] == "development" else headline.registered_mu
tile(tiles[0], basis_label(chosen["basis"]), scale_now, "area")
for column, row in zip(tiles[1:], target_rows.itertuples()):
    verdict, gap = target_tile(row)
    if verdict == "share":
        tile(column, t("tile_target_province_share", year=row.year), percent(row.share_of_province_target),
             delta=t("status_none"), delta_color="off", delta_arrow="off",
             help=f"{t('all_province')} {quantity(row.province_target_mu, 'area', lang())}")
        continue
    delta = t("status_missed") if verdict == "missed" else t("tile_target_done") if verdict == "achieved" else t(
        "tile_target_delta", gap=quantity(gap, "area", lang()))
    # a zone's own target follows the filter (the caption names the zone); the province's, under a prefecture, says so
    if chosen["prefecture_code"] and not chosen["zone"]:
        label = t("tile_target_province", year=row.year)
    else:
        label = t("tile_target", year=row.year)
    tile(column, label, percent(row.share_of_target), delta=delta,
         delta_color="normal" if verdict == "achieved" else "inverse", delta_arrow="off",
         help=f"{quantity(row.target_mu, 'area', lang())} · {t('status_' + row.status)}")

more = tile_row(4)
tile(more[0], t("tile_registered"), headline.registered_mu, "area")
tile(more[1], t("tile_issued"), headline.issued_tco2e, "carbon")
tile(more[2], t("tile_trading", year=this_year), headline.trade_volume_tco2e, "carbon",
     delta=t("tile_trading_value", value=quantity(headline.trade_amount_yuan, "money", lang())), delta_color="off",
     delta_arrow="off")
# under an area the tile shows the area's payments and the province's share of its budget
tile(more[3], t("tile_subsidy", year=this_year), headline.subsidy_paid_yuan, "money",
     delta=budget_note(headline, is_area, lang()),
     delta_color="off", delta_arrow="off")
suppression_note(chosen)
if is_area:
    st.caption(t("overview_area_caption", area=choice.area_name))

st.subheader(t("summary_title"))
sentences = progress_sentences(progress, chosen["as_of"], basis_label(chosen["basis"]), lang(), zone=chosen["zone"])
if chosen["prefecture_code"]:
    year_ago = headline.development_year_ago_mu if chosen["basis"] == "development" else headline.registered_year_ago_mu
    sentences.insert(0, prefecture_sentence(choice.prefecture_name, scale_now, year_ago, chosen["as_of"],
                                            basis_label(chosen["basis"]), lang()))
for sentence in sentences:
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
if is_area:
    st.caption(t("zones_progress_all_caption"))

st.subheader(t("trend_title"))
trend = query("scale_trend", **chosen)
# targets belong to the province and the zones: against one prefecture's scale they would mislead, so none is drawn
targets = progress.head(0) if chosen["prefecture_code"] else progress
chart_with_data(charts.scale_trend(trend, targets, chosen["zone"], lang()), trend, ["month_end", "added_mu", "scale_mu"],
      key="scale_trend")
if chosen["prefecture_code"]:
    st.caption(t("trend_no_targets_for_prefecture"))
st.caption(t("trend_caption"))
