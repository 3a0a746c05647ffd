"""Open data: what changed since the previous update, from public facts only: the published aggregates before and after
(for the area, and per zone), and the projects the public registry lists now and did not list then."""

import streamlit as st

from sinkboard.app.ui import filters, freshness, lang, query, suppression_note, t, table, tile, tile_row, zone_label
from sinkboard.figures import open_changes
from sinkboard.text.formats import count, moment

WIDE_TILE = 210  # pixels: six tiles three a row at 1280 px, two at 800, their long labels whole

chosen = filters()
area = {"zone": chosen["zone"], "prefecture_code": chosen["prefecture_code"]}
choice = st.session_state.choice

st.title(t("page_open_changes"))
recorded = query("open_changes_ready").iloc[0].has_changes
info = query("open_changes_info") if recorded else None
if not recorded:
    # a warehouse of an earlier format, or the internal one (the public record is in the public warehouse alone)
    st.info(t("open_changes_unrecorded"))
elif not open_changes.is_compared(info):
    st.info(t("open_changes_none"))
else:
    dates = info.iloc[0]
    # a download says which two updates it compares and for which area (the sidebar's date and basis do not apply)
    context = [(t("open_changes_update_now"), f"{moment(dates.built_at, lang())} · {dates.as_of:%Y-%m-%d}"),
               (t("open_changes_update_before"),
                f"{moment(dates.previous_built_at, lang())} · {dates.previous_as_of:%Y-%m-%d}"),
               (t("zone_filter"), choice.zone_label or t("all_province")),
               (t("prefecture_filter"), choice.prefecture_name or t("all_prefectures"))]
    if st.session_state.get("is_synthetic"):
        context.append((t("download_data"), t("synthetic_short")))
    st.caption(t("open_changes_caption", built_at=moment(dates.built_at, lang()), as_of=f"{dates.as_of:%Y-%m-%d}",
                 previous_built_at=moment(dates.previous_built_at, lang()),
                 previous_as_of=f"{dates.previous_as_of:%Y-%m-%d}"))
    st.caption(t("open_changes_as_of_note"))

    st.subheader(t("open_changes_figures_heading"))
    figures = query("open_changes_figures", **area)
    if figures.empty:
        st.info(t("open_changes_no_figures"))
    else:
        shown = figures.iloc[0]
        area_name = zone_label(shown.zone, shown.zone_en)
        if chosen["prefecture_code"] and not chosen["zone"]:
            st.caption(t("open_changes_prefecture_zone", prefecture=choice.prefecture_name, zone=area_name))
        else:
            st.caption(t("open_changes_area", area=area_name))
        changes = open_changes.area_figures(figures)
        for column, (measure, kind) in zip(tile_row(len(open_changes.TILES)), open_changes.TILES):
            before, after, change = changes[measure]
            tile(column, t(f"open_changes_measure_{measure}"), after, kind, width=WIDE_TILE,
                 delta=open_changes.signed(change, lang()), delta_color="off",
                 help=t("open_changes_tile_help", figures=open_changes.before_after(before, after, lang())))
        suppression_note(chosen)

        st.subheader(t("open_changes_zones_heading"))
        measure = st.segmented_control(t("open_changes_measure"), open_changes.MEASURES,
                                       format_func=lambda m: t(f"open_changes_measure_{m}"),
                                       default=open_changes.MEASURES[0], required=True, key="open_changes_measure")
        table(open_changes.measure_table(figures, measure), open_changes.table_columns(measure),
              key="open_changes_zones", name=f"open_changes_{measure}", context=context)
        st.caption(t("open_changes_zones_caption"))

    st.subheader(t("open_changes_registered_heading"))
    registered = query("open_changes_registered", **area)
    if registered.empty:
        st.info(t("open_changes_registered_none"))
    else:
        st.caption(t("open_changes_registered_count", projects=count(len(registered), lang()),
                     area=choice.area_name))
        table(registered, open_changes.REGISTERED_COLUMNS, more=open_changes.REGISTERED_MORE,
              key="open_changes_registered", context=context)
    st.caption(t("public_list_note"))
st.caption(freshness())
