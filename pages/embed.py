"""Embed helper: pick a public view and its filters, copy the address or the iframe snippet for a partner's site."""

import os

import streamlit as st

from sinkboard.app import page_list
from sinkboard.app.links import iframe_snippet, view_address
from sinkboard.app.ui import filters, t

chosen = filters()
st.title(t("page_embed"))
st.caption(t("embed_intro"))

# the options are the pages' url paths, labelled in this run's language; the choice is written back before the
# widget, as the sidebar does, or the browser keeps showing the view's Chinese name after a switch to English
public_pages = {page.url_path: page for page in page_list.pages_for("public")}
page_labels = {path: t(page.title_key) for path, page in public_pages.items()}
kept = st.session_state.get("embed_page")
st.session_state["embed_page"] = kept if kept in page_labels else next(iter(page_labels))
page = public_pages[st.selectbox(t("embed_view"), list(page_labels), format_func=page_labels.get, key="embed_page")]
left, right = st.columns(2)
with_filters = left.toggle(t("embed_with_filters"), value=True, key="embed_with_filters")
height = right.number_input(t("embed_height"), min_value=300, max_value=3000, value=800, step=100, key="embed_height")
base_url = os.environ.get("SINKBOARD_PUBLIC_URL", "").strip() or "http://localhost:8502"
state = st.session_state
values = {"lang": state.get("lang"), "zone": chosen["zone"], "prefecture": chosen["prefecture_code"],
          "basis": chosen["basis"], "as_of": chosen["as_of"]} if with_filters else {"lang": state.get("lang")}
address = view_address(base_url, "" if page.default else page.url_path, **values)
st.subheader(t("embed_address"))
st.code(address, language=None, wrap_lines=True)  # wrapped: a long address would run off a narrow page
st.subheader(t("embed_snippet"))
st.code(iframe_snippet(address, t(page.title_key), height), language="html", wrap_lines=True)
st.caption(t("embed_caption", base=base_url))
