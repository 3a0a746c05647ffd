"""The Streamlit side of the app: the cached connection and query results, the language, and labels."""

from pathlib import Path

import streamlit as st

from sinkboard import warehouse
from sinkboard.i18n import text


@st.cache_resource(max_entries=2)
def _connection(path, version):
    return warehouse.connect(Path(path))


@st.cache_data(show_spinner=False, max_entries=500)
def _result(name, params, path, version):
    return warehouse.run_query(_connection(path, version), name, **dict(params))


def query(name, **params):
    """Result of queries/NAME.sql, cached on its parameters and the warehouse version (a new ingest is picked up)."""
    path = warehouse.database_path()
    if not path.exists():
        st.error(f"No warehouse at {path}. Build one with `python -m sinkboard ingest SOURCE --out {path.parent}`.")
        st.stop()
    return _result(name, tuple(sorted(params.items())), str(path), warehouse.version(path))


def lang():
    return st.session_state.get("lang", "zh")


def t(key, **values):
    return text(key, lang(), **values)


def is_public():
    return warehouse.mode() == "public"
