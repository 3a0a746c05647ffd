"""Embed helper: pick a public view and its filters, copy the address or the iframe snippet for a partner's site."""

import os

import streamlit as st

from sinkboard import registry
from sinkboard.links import iframe_snippet, view_address
from sinkboard.ui import filters, t

chosen = filters()
st.title(t("page_embed"))
st.caption(t("embed_intro"))

public_pages = [page for page in registry.pages_for("public")]
page = st.selectbox(t("embed_view"), public_pages, format_func=lambda p: t(p.title_key), key="embed_page")
left, right = st.columns(2)
with_filters = left.toggle(t("embed_with_filters"), value=True, key="embed_with_filters")
height = right.number_input(t("embed_height"), min_value=300, max_value=3000, value=800, step=100, key="embed_height")
base_url = os.environ.get("SINKBOARD_PUBLIC_URL", "").strip() or "http://localhost:8502"
state = st.session_state
values = {"lang": state.get("lang"), "zone": chosen["zone"], "prefecture": chosen["prefecture_code"],
          "basis": chosen["basis"], "as_of": chosen["as_of"]} if with_filters else {"lang": state.get("lang")}
address = view_address(base_url, "" if page.default else page.url_path, **values)
st.subheader(t("embed_address"))
st.code(address, language=None)
st.subheader(t("embed_snippet"))
st.code(iframe_snippet(address, t(page.title_key), height), language="html")
st.caption(t("embed_caption", base=base_url))
