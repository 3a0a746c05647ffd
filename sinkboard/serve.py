"""Runs the dashboard with Streamlit, routing every URL through app.py's st.navigation from the first request on."""

import sys

from sinkboard import PROJECT_ROOT


def serve(extra_args=()):
    from streamlit.web import cli

    from sinkboard import pages_mode

    pages_mode.switch_off()  # so the first deep link goes through app.py too
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "app.py"), *extra_args]
    return cli.main()
