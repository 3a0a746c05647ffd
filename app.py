"""Entry point: page config, mode (internal or public), shared sidebar widgets, and the navigation."""

import streamlit as st

from sinkboard.i18n import LANGUAGES
from sinkboard.ui import is_public, query, t

st.set_page_config(page_title="四川林草碳汇 · sinkboard", layout="wide")

with st.sidebar:
    st.radio(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, horizontal=True, key="lang")

if bool(query("synthetic").iloc[0].is_synthetic):
    st.warning(t("synthetic_banner"), icon=":material/science:")

pages = {
    t("section_data"): [
        st.Page("pages/data_quality.py", title=t("page_data_quality"), icon=":material/fact_check:", url_path="data-quality"),
    ],
}
st.navigation(pages).run()
