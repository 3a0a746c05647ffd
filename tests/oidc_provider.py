"""The OpenID Connect provider of tests/oidc (oidc-provider, on Node.js) run on loopback for the sign-on tests, and the
internal dashboard run with an [auth] section that signs people on through it."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sinkboard.app.serve import start_local

PROVIDER_DIR = Path(__file__).parent / "oidc"
CLIENT_ID = "sinkboard"
START_SECONDS = 60  # the provider answers in about a second; only a fault takes a minute


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    app_ports: tuple  # the ports of the dashboards it sends people back to, in the order they were asked for


def free_ports(count):
    """`count` different free ports of 127.0.0.1 (each held until all are found, so no two are the same)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def discovery(issuer):
    """The provider's discovery document (/.well-known/openid-configuration)."""
    with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=5) as response:
        return json.load(response)


@contextmanager
def running_provider(log_file, apps=1):
    """The provider on a free port of 127.0.0.1, with the client `sinkboard` whose redirect addresses are the
    /oauth2callback of `apps` dashboards on ports chosen here; yields a Provider once its discovery document names its
    issuer, and stops it at the end. Node.js and `npm ci --prefix tests/oidc` (make test does both) come first."""
    node = shutil.which("node")
    if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("the sign-on tests need Node.js and `npm ci --prefix tests/oidc` (make test does both)")
    port, *app_ports = free_ports(1 + apps)
    provider = Provider(f"http://127.0.0.1:{port}", CLIENT_ID, secrets.token_urlsafe(24), tuple(app_ports))
    env = {**os.environ, "OIDC_CLIENT_ID": provider.client_id, "OIDC_CLIENT_SECRET": provider.client_secret,
           "OIDC_REDIRECT_URIS": " ".join(f"http://127.0.0.1:{p}/oauth2callback" for p in app_ports)}
    with open(log_file, "wb") as log:
        process = subprocess.Popen([node, "provider.js", str(port)], cwd=PROVIDER_DIR, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                try:
                    if discovery(provider.issuer)["issuer"] == provider.issuer:
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the OpenID Connect provider did not start: {Path(log_file).read_text()}")
                time.sleep(0.2)
            yield provider
        finally:
            process.terminate()
            process.wait(30)


def write_secrets(path, provider, app_url):
    """A secrets.toml whose [auth] signs people on to the dashboard at app_url through the provider, as
    README's deployment describes for any OpenID Connect provider."""
    path.write_text(f"""[auth]
redirect_uri = "{app_url}/oauth2callback"
cookie_secret = "{secrets.token_urlsafe(32)}"
client_id = "{provider.client_id}"
client_secret = "{provider.client_secret}"
server_metadata_url = "{provider.issuer}/.well-known/openid-configuration"
# the groups are a scope of their own; the provider's prompts are login and consent, not Streamlit's default
# select_account
client_kwargs = {{ scope = "openid email profile groups", prompt = "login" }}
""", encoding="utf-8")
    return path


@contextmanager
def running_app(warehouse, provider, folder, app=0, env=None):
    """The internal dashboard on the provider's `app`-th port, signing people on through it, with its secrets.toml,
    its log and (unless env says otherwise) its audit log in `folder`; yields its URL and stops it at the end."""
    folder.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{provider.app_ports[app]}"
    secrets_file = write_secrets(folder / "secrets.toml", provider, url)
    with open(folder / "app.log", "wb") as log:
        process, url = start_local(warehouse, port=provider.app_ports[app], secrets=secrets_file, output=log,
                                   env={"SINKBOARD_AUDIT_DIR": str(folder / "audit"), **(env or {})})
        try:
            yield url
        finally:
            process.terminate()
            process.wait(60)
