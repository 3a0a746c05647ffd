"""The Streamlit side of the app: the cached connection and query results, the language, and labels."""

from pathlib import Path

import streamlit as st

from sinkboard import warehouse
from sinkboard.i18n import text, value_label



@st.cache_resource(max_entries=2)
def _connection(path, version):
    return warehouse.connect(Path(path))


@st.cache_data(show_spinner=False, max_entries=500)
def _result(name, params, path, version):
    return warehouse.run_query(_connection(path, version), name, **dict(params))


def query(name, **params):
    """Result of queries/NAME.sql, cached on its parameters and the warehouse version (a new ingest is picked up)."""
    path = warehouse.database_path()
    if not path.exists() and warehouse.uses_default_warehouse():
        with st.spinner("Building the warehouse from the synthetic sample…"):
            warehouse.prepare_sample_warehouse()
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


def filters():
    """The sidebar's choices, as query parameters: as_of, basis, zone, prefecture_code. Call it once per page run."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        # Streamlit ran this page on its own (its pages-folder mode: AppTest, or a deep link to a fresh
        # `streamlit run`), so app.py has not drawn the shell in this run: draw it here.
        from sinkboard.shell import sidebar

        sidebar()
    state = st.session_state
    return {
        "as_of": state["as_of"],
        "basis": state.get("basis", "development"),
        "zone": state.get("zone") or None,
        "prefecture_code": state.get("prefecture_code") or None,
    }


def basis_label(basis):
    return t(f"basis_{basis}")


def basis_caption(chosen):
    """Every figure says its basis, unit and as-of date: this line says the first and the last."""
    return t("basis_caption", basis=basis_label(chosen["basis"]), as_of=f"{chosen['as_of']:%Y-%m-%d}")


def zone_label(zone, zone_en=None):
    from sinkboard.i18n import value_label

    if lang() == "zh" or zone is None:
        return zone
    return zone_en or value_label(zone, "en")


def labelled(frame, columns):
    """The frame with the chosen columns only, headed in the current language."""
    return frame[columns].rename(columns=lambda c: t(f"col_{c}"))


def table(frame, columns, key, selectable=False):
    """An exact table with headings in the current language: dates as dates, shares as percentages.

    With selectable=True a person can pick one row; the positions of the picked rows are returned."""
    config = {}
    for column in columns:
        heading = t(f"col_{column}")
        if column.startswith("share"):
            config[heading] = st.column_config.NumberColumn(format="percent")
        elif column.endswith("_date"):
            config[heading] = st.column_config.DateColumn(format="YYYY-MM-DD")
        elif column.startswith(("months_to", "registration_", "issuance_")):
            config[heading] = st.column_config.NumberColumn(format="%.1f")
        elif column.endswith(("_mu", "_yuan", "_tco2e")):
            config[heading] = st.column_config.NumberColumn(format="localized")
    shown = labelled(frame, columns)
    for column in ("project_type", "status", "owner_type", "zone", "group_value"):
        if column in columns and lang() == "en":
            shown[t(f"col_{column}")] = [value_label(v, "en") for v in frame[column]]
    if not selectable:
        st.dataframe(shown, hide_index=True, key=key, column_config=config)
        return []
    event = st.dataframe(shown, hide_index=True, key=key, column_config=config, on_select="rerun", selection_mode="single-row")
    return event.selection.rows
