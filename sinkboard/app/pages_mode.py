"""The one workaround for Streamlit's legacy pages-folder mode, in one place.

Streamlit 1.x runs `pages/*.py` as bare scripts (without app.py) whenever a `pages/` folder sits beside the main
script, until some session calls `st.navigation`; AppTest even resets that flag before every run. app.py lists the
pages itself (from sinkboard.app.page_list), so a page that finds itself run bare switches the mode off and reruns, and
the rerun goes through app.py: its shell, its navigation and so its public guard. tests/test_pages_mode.py fails
loudly when an upgrade renames what this relies on (`PagesManager.uses_pages_directory`)."""

from streamlit.runtime.pages_manager import PagesManager


def switch_off():
    """Route every run through the main script's st.navigation from now on (this process)."""
    PagesManager.uses_pages_directory = False


def running_bare():
    return bool(PagesManager.uses_pages_directory)


def reroute_if_bare():
    """Called first by every page: a bare run (deep link, AppTest) is rerun through app.py."""
    if running_bare():
        import streamlit as st

        switch_off()
        st.rerun()
