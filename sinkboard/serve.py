"""Runs the dashboard with Streamlit, routing every URL through app.py's st.navigation from the first request on."""

import sys

from sinkboard import PROJECT_ROOT, warehouse

# on top of .streamlit/config.toml (no error details, no usage statistics): what each process allows its browsers.
# The code is never reloaded while serving: a reload racing a page's run failed it with KeyError: 'sinkboard' under
# load (restart the process to take new code).
SERVING = ["--server.enableXsrfProtection=true", "--server.fileWatcherType=none", "--server.runOnSave=false"]
INTERNAL_SETTINGS = [*SERVING, "--server.maxUploadSize=50"]
PUBLIC_SETTINGS = [*SERVING, "--server.maxUploadSize=1", "--client.toolbarMode=viewer", "--server.enableStaticServing=false"]


def serve(extra_args=()):
    from streamlit.web import cli

    from sinkboard import pages_mode

    pages_mode.switch_off()  # so the first deep link goes through app.py too
    settings = PUBLIC_SETTINGS if warehouse.mode() == "public" else INTERNAL_SETTINGS
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "app.py"), *settings, *extra_args]
    return cli.main()
