"""Overview: are we on track for the 2022/2025 targets, and where are we behind?"""

import pandas as pd
import streamlit as st

from sinkboard import charts
from sinkboard.formats import percent, quantity
from sinkboard.narrative import progress_sentences
from sinkboard.ui import basis_caption, basis_label, filters, lang, query, t

chosen = filters()
st.title(t("overview_title"))
st.caption(basis_caption(chosen))

progress = query("target_progress", as_of=chosen["as_of"], basis=chosen["basis"])
headline = query("headline", as_of=chosen["as_of"]).iloc[0]
this_year = int(headline.this_year)
province = progress[(progress.zone == "全省") & progress.target_mu.notna()].sort_values("year")

tiles = st.columns(2 + len(province))
scale_now = headline.development_mu if chosen["basis"] == "development" else headline.registered_mu
tiles[0].metric(t("tile_scale", basis=basis_label(chosen["basis"])), quantity(scale_now, "area", lang()), border=True)
for column, row in zip(tiles[1:], province.itertuples()):
    if row.status == "missed":
        delta = t("status_missed")
    elif row.gap_mu == 0:
        delta = t("tile_target_done")
    else:
        delta = t("tile_target_delta", gap=quantity(row.gap_mu, "area", lang()))
    column.metric(t("tile_target", year=row.year), percent(row.share_of_target), delta,
                  delta_color="normal" if row.gap_mu == 0 else "inverse", delta_arrow="off", border=True,
                  help=f"{quantity(row.target_mu, 'area', lang())} · {t('status_' + row.status)}")
tiles[-1].metric(t("tile_registered"), quantity(headline.registered_mu, "area", lang()), border=True)

more = st.columns(4)
more[0].metric(t("tile_issued"), quantity(headline.issued_tco2e, "carbon", lang()), border=True)
more[1].metric(t("tile_trading", year=this_year), quantity(headline.trade_volume_tco2e, "carbon", lang()), border=True)
more[2].metric(t("tile_trading_value", year=this_year), quantity(headline.trade_amount_yuan, "money", lang()), border=True)
budget_note = (t("tile_subsidy_of_budget", share=percent(headline.subsidy_paid_yuan / headline.subsidy_budget_yuan))
               if pd.notna(headline.subsidy_budget_yuan) else t("tile_no_budget"))
more[3].metric(t("tile_subsidy", year=this_year), quantity(headline.subsidy_paid_yuan, "money", lang()),
               budget_note, delta_color="off", delta_arrow="off", border=True)

st.subheader(t("summary_title"))
for sentence in progress_sentences(progress, chosen["as_of"], basis_label(chosen["basis"]), lang()):
    st.markdown(f"- {sentence}")

if province.empty:
    st.info(t("no_targets"))
    st.stop()

st.subheader(t("zones_progress"))
tab_years = province.sort_values(["years_left", "year"], key=lambda c: c == 0 if c.name == "years_left" else c).year.tolist()
year_tabs = st.tabs([str(year) for year in tab_years])  # upcoming targets first
for tab, year in zip(year_tabs, tab_years):
    tab.altair_chart(charts.target_bars(progress, year, lang()))
st.caption(t("zones_progress_caption"))

st.subheader(t("trend_title"))
trend = query("scale_trend", **chosen)
st.altair_chart(charts.scale_trend(trend, progress, chosen["zone"], lang()))
st.caption(t("trend_caption"))
