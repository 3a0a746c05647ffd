"""The app shell shared by every page: language, as-of date, zone and prefecture, scale basis, and the synthetic-data banner."""

import pandas as pd
import streamlit as st

from sinkboard.i18n import LANGUAGES
from sinkboard.ui import lang, query, t, zone_label


DEFAULTS = {"lang": "zh", "zone": "", "prefecture_code": "", "basis": "development"}


def sidebar():
    # Writing each choice back keeps it when the labels change with the language (or the page changes)
    for key, default in DEFAULTS.items():
        st.session_state[key] = st.session_state.get(key, default)
    with st.sidebar:
        st.radio(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, horizontal=True, key="lang")
        dates = query("data_dates").iloc[0]
        if pd.isna(dates.latest_date):
            st.info(t("no_data"))
            st.stop()
        first, latest = dates.first_date.date(), dates.latest_date.date()
        if "as_of" not in st.session_state or not first <= st.session_state.as_of <= latest:
            st.session_state.as_of = latest
        st.date_input(t("as_of"), min_value=first, max_value=latest, key="as_of")
        zones = query("zones")
        zone_names = dict(zip(zones.zone, zones.zone_en))
        # "" stands for "all": a None value would show as an empty selectbox
        st.selectbox(t("zone_filter"), ["", *zones.zone],
                     format_func=lambda z: zone_label(z, zone_names.get(z)) if z else t("all_province"), key="zone")
        plan = query("plan").iloc[0]
        st.caption(t("plan_caption", name=plan.plan_name if lang() == "zh" else plan.plan_name_en, date=plan.plan_date))
        prefectures = query("prefectures")
        if st.session_state.zone:
            prefectures = prefectures[prefectures.zone == st.session_state.zone]
        names = dict(zip(prefectures.prefecture_code, prefectures.prefecture_name))
        if st.session_state.get("prefecture_code") not in names:
            st.session_state.prefecture_code = ""
        st.selectbox(t("prefecture_filter"), ["", *names], format_func=lambda c: names[c] if c else t("all_prefectures"),
                     key="prefecture_code")
        st.session_state.prefecture_name = names.get(st.session_state.prefecture_code, "")
        st.radio(t("basis"), ["development", "registered"], format_func=lambda b: t(f"basis_{b}"), key="basis",
                 help=f"{t('basis_development_help')} {t('basis_registered_help')}")
    st.session_state.is_synthetic = bool(query("synthetic").iloc[0].is_synthetic)
    if st.session_state.is_synthetic:
        st.warning(t("synthetic_banner"), icon=":material/science:")
