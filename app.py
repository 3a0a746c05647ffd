"""Entry point: page config, mode (internal or public), the sign-on gate of the internal process, the shared sidebar,
and the navigation from the page list: each person sees the pages of their role, and any other page's address answers
"not permitted" without running the page."""

import logging
import uuid

import streamlit as st
from streamlit import config

from sinkboard import PROJECT_ROOT
from sinkboard.app import page_list, sign_on
from sinkboard.app.sidebar import sidebar
from sinkboard.app.ui import mode, t

FAVICON = PROJECT_ROOT / "sinkboard" / "app" / "favicon.png"

# the favicon is a file of our own: a Material icon as favicon is fetched from an outside font host
# an embedded view (?embed=true) opens with the sidebar folded away: its filters come in its address. Streamlit keeps
# `embed` out of st.query_params; st.context tells.
embedded = bool(st.context.is_embedded)
st.set_page_config(page_title=t("app_title"), page_icon=str(FAVICON), layout="wide",
                   initial_sidebar_state="collapsed" if embedded else "auto")
person = sign_on.gate() if mode() == "internal" else None  # the public process has no sign-on: it shows anyone
if person is not None:
    sign_on.signed_in_box(person)  # under the navigation, above the filters: who is signed in stays in sight
sidebar()

navigation = {}
for page in page_list.pages_for(mode()):  # the public process never registers an internal page
    if person is None or page_list.allowed(page, person.role):
        entry = st.Page(page.file, title=t(page.title_key), icon=page.icon, url_path=page.url_path,
                        default=page.default)
    else:  # registered under its address, hidden, and answering with a refusal: the page file never runs
        entry = st.Page(sign_on.refusal(page), title=t(page.title_key), icon=page.icon, url_path=page.url_path,
                        visibility="hidden")
    navigation.setdefault(t(f"section_{page.section}"), []).append(entry)
# every page listed: collapsed, Streamlit adds a "View N more" link in English whatever the language
page = st.navigation(navigation, expanded=True)
st.session_state.page_path = page.url_path  # for the audit lines the page writes
try:
    page.run()
except Exception as error:  # Streamlit's own control flow (rerun, stop) is not an Exception and passes through
    if config.get_option("global.appTest"):  # (st.get_option answers False for this hidden option)
        raise  # tests see the failure itself
    reference = uuid.uuid4().hex[:8]
    logging.getLogger("sinkboard").exception("page %s failed (reference %s)", page.url_path, reference, exc_info=error)
    st.error(t("page_failed", reference=reference))
