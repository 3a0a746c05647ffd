"""Embed helper: pick a public view and its filters, copy the address or the iframe snippet of the static site's view
(for pages read by many) or of the live public dashboard's (for what only it does) for a partner's site."""

import os

import streamlit as st

from sinkboard.app import page_list
from sinkboard.app.links import iframe_snippet, site_address, site_area, site_as_of, site_zone_keys, view_address
from sinkboard.app.ui import filters, query, t
from sinkboard.figures.choice import basis_label, date_range

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
state = st.session_state
title = t(page.title_key)


def show_code(address):
    st.markdown("**" + t("embed_address") + "**")
    st.code(address, language=None, wrap_lines=True)  # wrapped: a long address would run off a narrow page
    st.markdown("**" + t("embed_snippet") + "**")
    st.code(iframe_snippet(address, title, height), language="html", wrap_lines=True)


st.subheader(t("embed_site_heading"))
st.markdown(t("embed_site_when"))
site_url = os.environ.get("SINKBOARD_SITE_URL", "").strip() or "http://localhost:8080"
if with_filters:
    first, latest = date_range(query("data_dates").iloc[0])
    as_of = chosen["as_of"]
    site_day = site_as_of(as_of, first, latest)
    area = site_area(site_zone_keys(query("zones")), chosen["zone"], chosen["prefecture_code"])
    if as_of >= latest and site_day != as_of:
        st.caption(t("embed_site_latest", shown=f"{site_day:%Y-%m-%d}", as_of=f"{as_of:%Y-%m-%d}"))
    elif site_day != as_of:
        st.info(t("embed_site_as_of", shown=f"{site_day:%Y-%m-%d}", as_of=f"{as_of:%Y-%m-%d}"),
                icon=":material/event:")
    if chosen["basis"] != "development":
        st.info(t("embed_site_basis", basis=basis_label("development", state.get("lang")),
                  chosen=basis_label(chosen["basis"], state.get("lang"))), icon=":material/info:")
    show_code(site_address(site_url, state.get("lang"), page.url_path, area, site_day))
else:
    show_code(site_address(site_url, state.get("lang"), page.url_path))
st.caption(t("embed_site_caption", base=site_url))

st.subheader(t("embed_live_heading"))
st.markdown(t("embed_live_when"))
base_url = os.environ.get("SINKBOARD_PUBLIC_URL", "").strip() or "http://localhost:8502"
values = {"lang": state.get("lang"), "zone": chosen["zone"], "prefecture": chosen["prefecture_code"],
          "basis": chosen["basis"], "as_of": chosen["as_of"]} if with_filters else {"lang": state.get("lang")}
show_code(view_address(base_url, "" if page.default else page.url_path, **values))
st.caption(t("embed_caption", base=base_url))
