"""Entry point: page config, mode (internal or public), the shared sidebar, and the navigation from the page registry."""

import streamlit as st

from sinkboard import registry
from sinkboard.shell import sidebar
from sinkboard.ui import mode, t

st.set_page_config(page_title=t("app_title"), layout="wide")
sidebar()

navigation = {}
for page in registry.pages_for(mode()):  # the public process never registers an internal page
    navigation.setdefault(t(f"section_{page.section}"), []).append(
        st.Page(page.file, title=t(page.title_key), icon=page.icon, url_path=page.url_path, default=page.default))
st.navigation(navigation).run()
