"""The process's own HTTP edge (sinkboard.app.edge, served through asgi.py): the security headers it adds, the paths
the public process does not serve, and an internal process without sign-on that listens on loopback only and refuses
requests that came through a proxy."""

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from sinkboard import PROJECT_ROOT
from sinkboard.app import edge
from sinkboard.app.serve import free_port


def run(middleware, path, headers=(), kind="http"):
    """One request through the middleware to a page app that answers 200: (whether the app was reached, what was
    sent back)."""
    reached, sent = [], []

    async def page_app(scope, receive, send):
        reached.append(scope["path"])
        if kind == "http":
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
            await send({"type": "http.response.body", "body": b"the page"})

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": kind, "path": path, "headers": [(name.lower().encode(), value.encode()) for name, value in headers]}
    asyncio.run(middleware(page_app)(scope, receive, send))
    return bool(reached), sent


def local(app):
    return edge.Edge(app, mode="internal", refuse_proxied=True)


def public(app):
    return edge.Edge(app, mode="public", refuse_proxied=False)


def test_the_internal_process_is_framed_by_no_one():
    headers = dict(edge.security_headers("internal"))
    policy = headers[b"content-security-policy"].decode()
    assert policy.endswith("frame-ancestors 'none'")
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert (headers[b"x-frame-options"], headers[b"x-content-type-options"], headers[b"referrer-policy"]) == (
        b"DENY", b"nosniff", b"no-referrer")


def test_the_public_process_is_framed_by_the_allowed_sites(monkeypatch):
    monkeypatch.setenv("SINKBOARD_FRAME_ANCESTORS", "https://lcj.sc.gov.cn, https://www.example-partner.cn:8443")
    headers = dict(edge.security_headers("public"))
    assert headers[b"content-security-policy"].decode().endswith(
        "frame-ancestors https://lcj.sc.gov.cn https://www.example-partner.cn:8443")
    assert b"x-frame-options" not in headers  # it cannot name two sites; the policy's frame-ancestors does
    monkeypatch.delenv("SINKBOARD_FRAME_ANCESTORS")
    assert dict(edge.security_headers("public"))[b"content-security-policy"].decode().endswith("frame-ancestors 'self'")


@pytest.mark.parametrize("value", ["*", "https://a.cn; script-src *", "https://a.cn\r\nSet-Cookie: x=1", "'none'",
                                   "javascript:alert(1)", "lcj.sc.gov.cn"])
def test_a_frame_ancestor_that_is_not_a_site_is_refused(monkeypatch, value):
    monkeypatch.setenv("SINKBOARD_FRAME_ANCESTORS", value)
    with pytest.raises(ValueError, match="SINKBOARD_FRAME_ANCESTORS"):
        edge.security_headers("public")


def test_streamlits_inline_script_is_allowed_by_its_hash():
    # the one inline script of Streamlit's index.html is "window.prerenderReady = false"; Chromium names this hash
    # when it refuses the script under script-src 'self'
    assert edge.streamlit_inline_scripts() == ["'sha256-THxz9J9+wf7rhwR2YkXJoSZ13UCmYyC+3lNDv2+8ugA='"]


@pytest.mark.parametrize("header", ["X-Forwarded-For", "Forwarded", "X-Real-IP"])
def test_without_sign_on_a_proxied_request_is_refused_before_any_page_runs(header):
    reached, sent = run(local, "/registry", [(header, "203.0.113.9")])
    assert not reached
    assert sent[0]["status"] == 403
    body = sent[1]["body"].decode()
    assert body.count("\n") == 1 and body.startswith("This dashboard has no sign-on")
    assert (b"x-frame-options", b"DENY") in sent[0]["headers"]
    reached, sent = run(local, "/_stcore/stream", [(header, "203.0.113.9")], kind="websocket")
    assert not reached and sent == [{"type": "websocket.close", "code": 1008}]  # the upgrade is answered 403


def test_without_sign_on_a_direct_request_reaches_the_page_with_the_headers():
    reached, sent = run(local, "/registry", [("Host", "localhost:8501")])
    assert reached and sent[0]["status"] == 200
    assert sent[0]["headers"] == [(b"content-type", b"text/html"), *edge.security_headers("internal")]
    reached, sent = run(lambda app: edge.Edge(app, mode="internal", refuse_proxied=False), "/registry",
                        [("X-Forwarded-For", "203.0.113.9")])
    assert reached and sent[0]["status"] == 200  # with a sign-on, the proxy in front is expected


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/", "//_stcore//metrics", "/_stcore/agent",
                                  "/_stcore/agent/openapi.json", "/_stcore/agent/mcp"])
def test_the_public_process_does_not_serve_its_metrics_or_the_agent_api(path):
    reached, sent = run(public, path)
    assert not reached and sent[0]["status"] == 404
    reached, sent = run(lambda app: edge.Edge(app, mode="public", refuse_proxied=False, base_path="/dash/"),
                        "/dash" + path)
    assert not reached and sent[0]["status"] == 404
    reached, _ = run(lambda app: edge.Edge(app, mode="internal", refuse_proxied=False), path)
    assert reached  # the internal process keeps them for monitoring on its own computer


@pytest.mark.parametrize("path", ["/", "/_stcore/health", "/_stcore/metricsx", "/map"])
def test_the_public_process_serves_everything_else(path):
    reached, sent = run(public, path, [("X-Forwarded-For", "203.0.113.9")])
    assert reached and sent[0]["status"] == 200


def serve(warehouse_dir, tmp_path, *args):
    """The internal `python -m sinkboard serve` with no sign-on configured (an empty secrets file, no trusted
    proxies)."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("")
    env = {**os.environ, "SINKBOARD_MODE": "internal", "SINKBOARD_WAREHOUSE": str(warehouse_dir)}
    env.pop("SINKBOARD_TRUSTED_PROXIES", None)
    return subprocess.Popen([sys.executable, "-m", "sinkboard", "serve", "--secrets.files", str(secrets), *args],
                            cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "192.0.2.7", "sinkboard.intranet.example"])
def test_without_sign_on_the_internal_process_will_not_listen_beyond_this_computer(tmp_path, address):
    process = serve(tmp_path, tmp_path, "--server.port", str(free_port()), "--server.address", address)
    _, errors = process.communicate(timeout=120)
    assert process.returncode != 0
    assert errors.strip().splitlines() == [
        "sinkboard: the internal dashboard has no sign-on configured ([auth] in the secrets or "
        f"SINKBOARD_TRUSTED_PROXIES), so it serves this computer only: it will not listen on {address}; give "
        "127.0.0.1 or configure a sign-on (README.md, Deployment)"]


def listening_addresses(port):
    """The local addresses of the sockets listening on this TCP port (Linux's /proc/net/tcp and tcp6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in open(table).read().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                # the kernel writes each 32-bit word in host (little-endian) order
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
                found.add(socket.inet_ntop(socket.AF_INET if width == 8 else socket.AF_INET6, words))
    return found


def test_without_sign_on_and_without_an_address_the_internal_process_listens_on_loopback(tmp_path, sample_warehouse):
    port = free_port()
    process = serve(sample_warehouse, tmp_path, "--server.port", str(port))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "the dashboard did not start"
                time.sleep(0.3)
        assert listening_addresses(port) == {"127.0.0.1"}
        for header in ("X-Forwarded-For", "Forwarded", "X-Real-IP"):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={header: "for=203.0.113.9"})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=30)
            assert refused.value.code == 403
            assert refused.value.read().decode().startswith("This dashboard has no sign-on")
        # the websocket a page runs on, asked for through a proxy
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            raw.sendall(b"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        b"Sec-WebSocket-Version: 13\r\nX-Real-IP: 203.0.113.9\r\n\r\n")
            assert raw.recv(1024).startswith(b"HTTP/1.1 403")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert response.status == 200 and response.headers["X-Frame-Options"] == "DENY"
    finally:
        process.terminate()
        process.wait(60)
