"""intake: being built."""

import streamlit as st

from sinkboard.ui import filters, t

chosen = filters()
st.title(t("page_intake"))
