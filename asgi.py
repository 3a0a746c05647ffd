"""The dashboard as an ASGI app: app.py served by Streamlit behind sinkboard.app.edge. `python -m sinkboard serve`
hands this file to `streamlit run`, which serves the st.App it defines."""

import streamlit as st

from sinkboard.app import edge

app = st.App("app.py", middleware=edge.middleware())
