"""Runs the dashboard with Streamlit, routing every URL through app.py's st.navigation from the first request on."""

import sys

from sinkboard import PROJECT_ROOT


def serve(extra_args=()):
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    # With a pages/ folder beside app.py, Streamlit runs a deep link such as /overview as a bare script until some
    # session has called st.navigation; app.py lists pages/ itself, so that old mode is switched off up front.
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "app.py"), *extra_args]
    return cli.main()
