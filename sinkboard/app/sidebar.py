"""The app shell shared by every page: language, as-of date, zone and prefecture, scale basis, and the synthetic-data banner."""

import streamlit as st

from sinkboard.app.links import read_parameters
from sinkboard.app.ui import lang, mode, plain, query, t
from sinkboard.figures.choice import (
    BASES,
    as_of_in_range,
    basis_label,
    choose,
    date_range,
    prefecture_names,
    published_as_of,
    zone_labels,
)
from sinkboard.text.catalogue import LANGUAGES

DEFAULTS = {"lang": "zh", "zone": "", "prefecture_code": "", "basis": "development"}

# On screen, a chart of panels (small multiples), whose width is its own and not its frame's, shrinks to fit the frame
# rather than running off it (an embed at 640 px, a laptop with the sidebar open); Vega's SVG scales with its viewBox.
# Printing a page (leadership pages to A4 landscape): only the page's content, charts shrunk to fit a sheet and never
# split across two. Streamlit's app is a scrolling box the height of the window: it must grow to its content, or only
# the first sheet would print.
PAGE_CSS = """<style>
[data-testid="stVegaLiteChart"] svg.marks { max-width: 100%; height: auto; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stPopover"],
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"], [data-testid="stBottom"] { display: none !important; }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  [data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg, [data-testid="stImage"] img {
    max-width: 100% !important; max-height: 175mm !important; width: auto !important; height: auto !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"], [data-testid="stMetric"],
  [data-testid="stHorizontalBlock"], [data-testid="stDataFrame"], [data-testid="stImage"] {
    break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
}
</style>"""


def apply_address_parameters():
    """On a session's first run, the filters named in the address (?lang=en&zone=川南&as_of=2024-12-31) are taken up;
    any other or invalid parameter is ignored and named in a notice."""
    state = st.session_state
    if "address_read" in state:
        return
    state.address_read = True
    span = date_range(query("data_dates").iloc[0])
    if span is None:
        return
    chosen, ignored = read_parameters(st.query_params.to_dict(), set(query("zones").zone),
                                      set(query("prefectures").prefecture_code), *span)
    for key, value in chosen.items():
        state[key] = value
    state.address_ignored = ignored


def sidebar():
    apply_address_parameters()
    # Writing each choice back keeps it when the labels change with the language (or the page changes)
    for key, default in DEFAULTS.items():
        st.session_state[key] = st.session_state.get(key, default)
    with st.sidebar:
        st.radio(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, horizontal=True, key="lang")
        span = date_range(query("data_dates").iloc[0])
        if span is None:
            st.info(t("no_data"))
            st.stop()
        first, latest = span
        st.session_state.as_of = as_of_in_range(st.session_state.get("as_of"), first, latest)
        st.date_input(t("as_of"), min_value=first, max_value=latest, key="as_of")
        if mode() == "public" and published_as_of(st.session_state.as_of) != st.session_state.as_of:
            st.caption(t("public_as_of_month_end", as_of=f"{published_as_of(st.session_state.as_of):%Y-%m-%d}"))
        zones = query("zones")
        # "" stands for "all": a None value would show as an empty selectbox
        # the labels are made now, in this run's language: a label function reading the language later (AppTest
        # calls it between runs) would label the options in another language than the one they were chosen in
        zone_options = zone_labels(zones, lang())
        st.selectbox(t("zone_filter"), list(zone_options), format_func=zone_options.get, key="zone")
        plan = query("plan").iloc[0]
        st.caption(t("plan_caption", name=plan.plan_name if lang() == "zh" else plan.plan_name_en, date=plan.plan_date))
        prefectures = query("prefectures")
        names = prefecture_names(prefectures, st.session_state.zone, lang())
        if st.session_state.get("prefecture_code") not in names:
            st.session_state.prefecture_code = ""
        prefecture_labels = {"": t("all_prefectures"), **names}
        st.selectbox(t("prefecture_filter"), list(prefecture_labels), format_func=prefecture_labels.get,
                     key="prefecture_code")
        st.session_state.prefecture_name = names.get(st.session_state.prefecture_code, "")
        basis_labels = {b: basis_label(b, lang()) for b in BASES}
        st.radio(t("basis"), list(basis_labels), format_func=basis_labels.get, key="basis",
                 help=f"{t('basis_development_help')} {t('basis_registered_help')}")
    # what the pages' filters, captions and downloads read (ui.filters, ui.download_context)
    state = st.session_state
    as_of = published_as_of(state.as_of) if mode() == "public" else state.as_of
    state.choice = choose(zones, prefectures, lang(), as_of, state.basis, state.zone, state.prefecture_code)
    st.html(PAGE_CSS)
    if st.session_state.get("address_ignored"):
        # the names come from the address, which anyone can write: text, not markup
        st.caption(t("address_ignored", names=", ".join(plain(name) for name in st.session_state.address_ignored)))
    st.session_state.is_synthetic = bool(query("synthetic").iloc[0].is_synthetic)
    if st.session_state.is_synthetic:
        st.warning(t("synthetic_banner"), icon=":material/science:")
