"""Entry point: page config, mode (internal or public), the shared sidebar, and the navigation."""

import streamlit as st

from sinkboard.shell import sidebar
from sinkboard.ui import is_public, t

st.set_page_config(page_title="四川林草碳汇 · sinkboard", layout="wide")
sidebar()

pages = {
    t("section_leadership"): [
        st.Page("pages/overview.py", title=t("page_overview"), icon=":material/dashboard:", url_path="overview", default=True),
        st.Page("pages/zones.py", title=t("page_zones"), icon=":material/layers:", url_path="zones"),
        st.Page("pages/map.py", title=t("page_map"), icon=":material/map:", url_path="map"),
    ],
    t("section_staff"): [
        st.Page("pages/pipeline.py", title=t("page_pipeline"), icon=":material/timeline:", url_path="pipeline"),
    ],
}
if not is_public():
    pages[t("section_data")] = [
        st.Page("pages/data_quality.py", title=t("page_data_quality"), icon=":material/fact_check:", url_path="data-quality"),
    ]
st.navigation(pages).run()
