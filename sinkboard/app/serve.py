"""The dashboard's server: Streamlit run on app.py (as the st.App of asgi.py) with each mode's settings, every URL
routed through app.py's st.navigation from the first request on."""

import gc
import importlib
import ipaddress
import os
import pkgutil
import socket
import subprocess
import sys
import time
import urllib.request

from sinkboard import PROJECT_ROOT
from sinkboard.access import roles
from sinkboard.app import edge, identity
from sinkboard.store import warehouse

# what `streamlit run` is given: app.py as an st.App with the headers and refusals of sinkboard.app.edge
LAUNCHER = PROJECT_ROOT / "asgi.py"

# on top of .streamlit/config.toml (no error details, no usage statistics): what each process allows its browsers.
# The code is never reloaded while serving: a reload racing a page's run fails it (KeyError: 'sinkboard'), so new
# code takes a restart.
SERVING = ["--server.enableXsrfProtection=true", "--server.fileWatcherType=none", "--server.runOnSave=false",
           "--server.enableAgentApi=false"]
INTERNAL_SETTINGS = [*SERVING, "--server.maxUploadSize=50"]
PUBLIC_SETTINGS = [*SERVING, "--server.maxUploadSize=1", "--client.toolbarMode=viewer", "--server.enableStaticServing=false"]


# what the pages import: the ingest only for the internal intake page, the developer tools never
SERVED_PACKAGES = {"internal": ("app", "access", "store", "text", "figures", "charts", "outputs", "ingest"),
                   "public": ("app", "access", "store", "text", "figures", "charts", "outputs")}


def freeze_loaded_objects():
    """Imports the modules the pages use, then puts everything loaded so far out of the garbage collector's sight
    (gc.freeze). Streamlit, pandas, Altair and DuckDB load about 130,000 objects that live as long as the process;
    unfrozen, a full collection walks them all about once in ten page runs, every page's slowest runs. Frozen objects
    are still freed when nothing refers to them; only cycles among them stay."""
    for name in SERVED_PACKAGES[warehouse.mode()]:
        package = importlib.import_module(f"sinkboard.{name}")
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    gc.collect()
    gc.freeze()


def is_loopback(address):
    try:
        return address == "localhost" or ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:  # a host name: other computers may reach it
        return False


def load_configuration(args):
    """Streamlit's configuration as `streamlit run` reads it: these arguments over config.toml and the environment."""
    from streamlit.web import bootstrap, cli

    flags = cli.main_run.make_context("run", [str(LAUNCHER), *args]).params
    bootstrap.load_config_options({name: value for name, value in flags.items() if name not in ("target", "args")})


def loopback_only(args):
    """The arguments of an internal process without sign-on, bound to 127.0.0.1 when they name no address; or
    SystemExit with one line when they name an address other computers reach."""
    from streamlit import config

    load_configuration(args)
    if identity.sign_on_method() != "local":
        return args
    address = (config.get_option("server.address") or "").strip()
    if not address:
        # set here as well, so that `streamlit run` reading the arguments again finds its [server] section unchanged
        config.set_option("server.address", "127.0.0.1", "command-line")
        return [*args, "--server.address=127.0.0.1"]
    if not is_loopback(address):
        raise SystemExit(f"sinkboard: the internal dashboard has no sign-on configured ([auth] in the secrets or "
                         f"SINKBOARD_TRUSTED_PROXIES), so it serves this computer only: it will not listen on "
                         f"{address}; give 127.0.0.1 or configure a sign-on (README.md, Deployment)")
    return args


def serve(extra_args=()):
    from streamlit.web import cli

    from sinkboard.app import pages_mode

    mode = warehouse.mode()
    args = [*(PUBLIC_SETTINGS if mode == "public" else INTERNAL_SETTINGS), *extra_args]
    if mode == "internal":
        args = loopback_only(args)
        if identity.sign_on_method() != "local":  # a person's role comes from the roles file: read it now, not at sign-in
            try:
                roles.load()
            except roles.RolesFileError as error:
                raise SystemExit(f"sinkboard: the roles file cannot be read: {error}") from None
    try:
        edge.security_headers(mode)
    except ValueError as error:  # a setting of the headers that is not one
        raise SystemExit(f"sinkboard: {error}") from None
    freeze_loaded_objects()
    pages_mode.switch_off()  # so the first deep link goes through app.py too
    sys.argv = ["streamlit", "run", str(LAUNCHER), *args]
    return cli.main()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_local(warehouse_dir, mode="internal", output=subprocess.DEVNULL, preexec_fn=None, port=None, secrets=None,
                env=None):
    """`python -m sinkboard serve` on a port of 127.0.0.1 (a free one unless given) as its own process, for the browser
    tests and the load script: (the process, its URL) once it answers its health check, or RuntimeError after 60 s or
    when it exits. `secrets` names a secrets.toml to read instead of .streamlit/'s (the sign-on tests' [auth]); `env`
    adds settings to this process's environment."""
    port = port or free_port()
    env = {**os.environ, **(env or {}), "SINKBOARD_WAREHOUSE": str(warehouse_dir), "SINKBOARD_MODE": mode}
    secrets_args = ["--secrets.files", str(secrets)] if secrets is not None else []
    process = subprocess.Popen(
        [sys.executable, "-m", "sinkboard", "serve", "--server.port", str(port), "--server.address", "127.0.0.1",
         *secrets_args],
        cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, preexec_fn=preexec_fn,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the dashboard did not start")
