"""The process's own HTTP edge, whatever proxy stands in front of it: the security headers on every response, the
paths the public process does not serve, and, in an internal process without sign-on, the refusal of any request that
came through a proxy. Served as st.App middleware (asgi.py), so it runs before Streamlit sees a request."""

import base64
import hashlib
import os
import re
from functools import cache
from pathlib import Path

import streamlit

from sinkboard.app import identity
from sinkboard.store import warehouse

# a proxy in front of an internal process with no sign-on would hand the whole dashboard to everyone behind it
PROXY_HEADERS = (b"x-forwarded-for", b"forwarded", b"x-real-ip")
NOT_BEHIND_A_PROXY = (b"This dashboard has no sign-on and serves this computer only; "
                      b"it refuses requests that came through a proxy.\n")
# Streamlit's process metrics and its agent API (off, but its routes answer) are nobody's business on the public side
PUBLIC_NOT_SERVED = ("/_stcore/metrics", "/_stcore/agent")
# a CSP source: 'self', or a scheme, host and port (wildcard host parts allowed); nothing that could end the header
SITE = re.compile(r"'self'|https?://[A-Za-z0-9*.-]+(:[0-9]+)?")


def frame_ancestors():
    """The sites that may frame the public view, from SINKBOARD_FRAME_ANCESTORS (spaces or commas between them);
    'self' when unset. ValueError names a value that is not a site."""
    sites = os.environ.get("SINKBOARD_FRAME_ANCESTORS", "").replace(",", " ").split()
    for site in sites:
        if not SITE.fullmatch(site):
            raise ValueError(f"SINKBOARD_FRAME_ANCESTORS: {site!r} is not a site (e.g. https://www.example.gov.cn)")
    return sites or ["'self'"]


@cache
def streamlit_inline_scripts():
    """CSP hashes of the inline scripts in the installed Streamlit's index.html (one sets window.prerenderReady), so
    script-src allows them and nothing else inline."""
    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
            for body in re.findall(r"<script>(.*?)</script>", html, re.S)]


def content_security_policy(mode):
    """Everything from this process's own address: scripts by file (plus Streamlit's inline ones by hash), styles
    inline too (Streamlit's components write theirs into the page), images and workers also as data: or blob: (charts,
    the map); framed by no one internally, by the allowed sites publicly."""
    ancestors = " ".join(frame_ancestors()) if mode == "public" else "'none'"
    return "; ".join([
        "default-src 'self'", f"script-src 'self' {' '.join(streamlit_inline_scripts())}",
        "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:",
        "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'", "base-uri 'self'",
        "form-action 'self'", f"frame-ancestors {ancestors}"])


def security_headers(mode):
    """The headers every response of a process in this mode carries."""
    headers = [(b"content-security-policy", content_security_policy(mode).encode())]
    if mode == "internal":
        headers.append((b"x-frame-options", b"DENY"))
    return [*headers, (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


class Edge:
    """ASGI middleware: refuses what this process must not answer, and adds the security headers to what it does."""

    def __init__(self, app, mode, refuse_proxied, base_path=""):
        self.app = app
        self.headers = security_headers(mode)
        self.not_served = PUBLIC_NOT_SERVED if mode == "public" else ()
        self.refuse_proxied = refuse_proxied
        self.base_path = "/" + base_path.strip("/") if base_path.strip("/") else ""

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        if self.refuse_proxied and any(name in PROXY_HEADERS for name, _ in scope["headers"]):
            return await self.refuse(scope, send, 403, NOT_BEHIND_A_PROXY)
        if self.not_served and self.within(scope["path"], self.not_served):
            return await self.refuse(scope, send, 404, b"Not found\n")
        if scope["type"] == "websocket":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def within(self, path, prefixes):
        # one slash where a client wrote several, none at the end: the forms a router could still take for the path
        path = re.sub("/+", "/", path).rstrip("/")
        for prefix in prefixes:
            prefix = self.base_path + prefix
            if path == prefix or path.startswith(prefix + "/"):
                return True
        return False

    async def refuse(self, scope, send, status, body):
        if scope["type"] == "websocket":
            # closing before the handshake is accepted answers the upgrade request with 403
            return await send({"type": "websocket.close", "code": 1008})
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()), *self.headers]})
        await send({"type": "http.response.body", "body": body})


def middleware():
    """The st.App middleware of this process, from its mode and its sign-on method."""
    from starlette.middleware import Middleware
    from streamlit import config

    mode = warehouse.mode()
    refuse_proxied = mode == "internal" and identity.sign_on_method() == "local"
    return [Middleware(Edge, mode=mode, refuse_proxied=refuse_proxied,
                       base_path=config.get_option("server.baseUrlPath") or "")]
