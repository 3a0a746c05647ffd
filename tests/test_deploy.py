"""The shipped deployment, for real: Debian's nginx with deploy/nginx.conf in front of two public and two internal
dashboard processes on loopback, spoken to over HTTPS as an outsider would. The public listener reaches no internal page
by any name, address or path; both listeners send the security headers; the websocket works through nginx; one
browser's requests all reach one process, and new browsers are spread over both."""

import http.server
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM, CHROMIUM_ARGS, IDLE, WAIT_MS

from sinkboard import PROJECT_ROOT
from sinkboard.app import page_list
from sinkboard.app.serve import free_port, start_local

pytestmark = pytest.mark.browser
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # /usr/sbin is not on every user's PATH
SHIPPED = PROJECT_ROOT / "deploy" / "nginx.conf"
PUBLIC_NAME, INTERNAL_NAME = "carbon.example.gov.cn", "sinkboard.intranet.example"
# the sites the shipped config lets frame the public view, given to the public processes as well
FRAME_SITES = "https://lcj.sc.gov.cn https://www.example-partner.cn"
INTERNAL_PATHS = [f"/{page.url_path}" for page in page_list.PAGES if page.audience == "internal"]


def certificate(folder, name):
    """A throwaway self-signed certificate for `name`: certs/NAME.crt and certs/NAME.key under folder."""
    (folder / "certs").mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
                    "-keyout", folder / "certs" / f"{name}.key", "-out", folder / "certs" / f"{name}.crt"],
                   check=True, capture_output=True)


def test_the_shipped_config_passes_nginx_t_once_its_certificates_exist(tmp_path):
    conf = tmp_path / "conf"
    conf.mkdir()
    shutil.copy(SHIPPED, conf / "nginx.conf")  # unchanged: its relative paths meet the certificates beside it
    certificate(conf, "public")
    certificate(conf, "internal")
    certificate(conf, "site")
    done = subprocess.run([NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(conf / "nginx.conf")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


def trusted_proxy_variant(text):
    """The shipped config with its commented alternative in place of the internal listener's OpenID Connect
    "location /": the lines of configuration in the alternative uncommented, its prose left as comments."""
    start, end = text.index("# ==== ALTERNATIVE"), text.index("# ==== end of the alternative")
    alternative = re.sub(r"(?m)^(\s*)# (location|\}|    )", r"\1\2", text[start:end])
    oidc = re.search(r"(?s)\n        location / \{\n            proxy_pass http://sinkboard_internal;.*?\n        \}\n", text)
    return text[:oidc.start()] + "\n" + text[oidc.end():start] + alternative + text[end:]


def test_the_trusted_proxy_alternative_passes_nginx_t_once_uncommented(tmp_path):
    # the gateway's address for nginx to resolve here (it is not asked: nginx -t only checks the configuration)
    variant = trusted_proxy_variant(SHIPPED.read_text(encoding="utf-8")).replace(
        "proxy_pass https://sso.example.gov.cn/check;", "proxy_pass https://127.0.0.1:9/check;")
    assert re.search(r"(?m)^ +auth_request /_sign_on_check;", variant)  # a directive now, no longer a comment
    assert variant.count("proxy_pass http://sinkboard_internal;") == 1
    assert "proxy_pass https://127.0.0.1:9/check;" in variant
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "nginx.conf").write_text(variant)
    certificate(conf, "public")
    certificate(conf, "internal")
    certificate(conf, "site")
    done = subprocess.run([NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(conf / "nginx.conf")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_nginx_refuses_the_public_view_its_internal_pages():
    """The internal pages the shipped config answers 404 for on the public listener are exactly the internal pages of
    the page list."""
    blocked = re.search(r"location ~\* \^/\(([a-z_|]+)\)", SHIPPED.read_text(encoding="utf-8")).group(1)
    assert sorted(f"/{name}" for name in blocked.split("|")) == sorted(INTERNAL_PATHS)


def live_config(public_ports, internal_ports, public_port, internal_port):
    """The shipped config with only its listen ports and its upstream processes' ports replaced."""
    text = SHIPPED.read_text(encoding="utf-8")
    for shipped, port in zip(("8502", "8503", "8501", "8504"), [*public_ports, *internal_ports]):
        text = text.replace(f"server 127.0.0.1:{shipped};", f"server 127.0.0.1:{port};")
    text = text.replace("listen 443 ssl", f"listen 127.0.0.1:{public_port} ssl")
    return text.replace("listen 8443 ssl", f"listen 127.0.0.1:{internal_port} ssl")


@pytest.fixture(scope="module")
def deployment(sample_warehouse, tmp_path_factory):
    """Four dashboard processes and nginx in front of them: yields the ports, the app processes' URLs and nginx's
    folder (its logs)."""
    prefix = tmp_path_factory.mktemp("nginx")
    secrets = prefix / "secrets.toml"
    # OpenID Connect sign-on for the internal processes; the provider's address need not answer for the sign-in screen
    secrets.write_text('[auth]\nredirect_uri = "https://sinkboard.intranet.example/oauth2callback"\n'
                       'cookie_secret = "a-throwaway-secret-of-the-deployment-test"\n'
                       'client_id = "sinkboard"\nclient_secret = "throwaway"\n'
                       f'server_metadata_url = "http://127.0.0.1:{free_port()}/.well-known/openid-configuration"\n')
    with ThreadPoolExecutor(4) as pool:
        starting = [pool.submit(start_local, sample_warehouse, "public", env={"SINKBOARD_FRAME_ANCESTORS": FRAME_SITES})
                    for _ in range(2)]
        starting += [pool.submit(start_local, sample_warehouse, "internal", secrets=secrets)
                     for _ in range(2)]
        started = [future.result() for future in starting if future.exception() is None]
    processes = [process for process, _ in started]
    urls = [url for _, url in started]
    nginx = None
    try:
        assert len(started) == 4, "a dashboard process did not start"
        ports = [int(url.rsplit(":", 1)[1]) for url in urls]
        public_port, internal_port = free_port(), free_port()
        nginx = start_nginx(prefix, live_config(ports[:2], ports[2:], public_port, internal_port))
        yield {"public": public_port, "internal": internal_port, "public_apps": urls[:2], "internal_apps": urls[2:],
               "prefix": prefix}
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(30)
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(60)


def start_nginx(prefix, config):
    """nginx in the foreground with this config as prefix/conf/nginx.conf beside throwaway certificates, once its
    listeners accept connections."""
    conf = prefix / "conf"
    conf.mkdir()
    (conf / "nginx.conf").write_text(config)
    certificate(conf, "public")
    certificate(conf, "internal")
    certificate(conf, "site")
    nginx = subprocess.Popen([NGINX, "-p", f"{prefix}/", "-c", str(conf / "nginx.conf"), "-g", "daemon off;"],
                             stderr=subprocess.PIPE, text=True)
    ports = [int(port) for port in re.findall(r"listen 127\.0\.0\.1:(\d+) ssl default_server", config)]
    deadline = time.monotonic() + 30
    while not all(accepts(port) for port in ports):
        if nginx.poll() is not None or time.monotonic() > deadline:
            nginx.kill()
            raise RuntimeError(f"nginx did not start: {nginx.communicate()[1]}")
        time.sleep(0.2)
    return nginx


def accepts(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


def answer(port, sni, path, host=None, extra=""):
    """One HTTPS request to 127.0.0.1:port, the TLS handshake naming `sni` (None: no name), with the Host header
    `host` (default: sni; "" sends an empty one, False none at all). (status, headers as a list of (name, value),
    body), or None when nginx refused the handshake or closed the connection without an answer."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the throwaway certificate
    host = sni if host is None else host
    request = f"GET {path} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host is not False else "")
    request += f"{extra}Connection: close\r\n\r\n"
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw, \
                context.wrap_socket(raw, server_hostname=sni) as tls:
            tls.sendall(request.encode())
            data = b""
            while chunk := tls.recv(65536):
                data += chunk
    except (ssl.SSLError, ConnectionResetError):
        return None
    if not data:
        return None
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:]]
    return int(lines[0].split()[1]), headers, body


def values(headers, name):
    return [value for key, value in headers if key.lower() == name.lower()]


def test_no_name_address_or_path_reaches_an_internal_page_from_the_public_listener(deployment):
    port = deployment["public"]
    # another name in the handshake, or none (an address): no TLS, no answer
    for sni in (INTERNAL_NAME, "127.0.0.1", None, "localhost"):
        assert answer(port, sni, "/registry", host=INTERNAL_NAME) is None, sni
    # the public name in the handshake, another Host: the listener's default server closes without an answer
    for host in (INTERNAL_NAME, "127.0.0.1", f"127.0.0.1:{port}", "localhost", f"{INTERNAL_NAME}:{port}"):
        assert answer(port, PUBLIC_NAME, "/registry", host=host) is None, host
    for host in ("", False):  # an empty Host, or none: nginx's own error page
        status, _, body = answer(port, PUBLIC_NAME, "/registry", host=host)
        assert status == 400 and b"<h1>400 Bad Request</h1>" in body
    # the public name: every internal page's path, however written, and Streamlit's metrics are 404 from nginx
    written = [*INTERNAL_PATHS, "/registry?project=P-003", "/REGISTRY", "/registry/", "//registry", "/%72egistry",
               "/data_quality/x", "/intake?lang=en", "/_stcore/metrics", "/_stcore//metrics", "/_STCORE/metrics",
               "/_stcore/agent/openapi.json"]
    for path in written:
        status, headers, _ = answer(port, PUBLIC_NAME, path)
        assert status == 404, path
        assert values(headers, "Server") == ["nginx"]
    # the public processes hold no internal page: an address naming one gets the public app's page shell
    status, _, body = answer(port, PUBLIC_NAME, "/?page=registry")
    assert status == 200 and b"<title>Streamlit</title>" in body
    # and nothing the public listener took went to an internal process
    public_apps = {url.removeprefix("http://") for url in deployment["public_apps"]}
    assert {upstream for _, _, upstream, _ in routes(deployment["prefix"], "public")} - {"-"} <= public_apps


def test_both_listeners_and_the_processes_themselves_send_the_security_headers(deployment):
    status, headers, _ = answer(deployment["public"], PUBLIC_NAME, "/")
    assert status == 200
    policies = values(headers, "Content-Security-Policy")
    ancestors = [re.search(r"frame-ancestors ([^;]*)", policy).group(1) for policy in policies]
    assert ancestors == [FRAME_SITES, FRAME_SITES]  # the app's own policy and nginx's, both enforced by a browser
    assert values(headers, "X-Content-Type-Options") == ["nosniff"]
    assert values(headers, "Referrer-Policy") == ["no-referrer"]
    assert values(headers, "X-Frame-Options") == []  # the allowed sites frame the public view
    assert values(headers, "Server") == ["nginx"]

    status, headers, _ = answer(deployment["internal"], INTERNAL_NAME, "/")
    assert status == 200
    policies = values(headers, "Content-Security-Policy")
    assert [re.search(r"frame-ancestors ([^;]*)", policy).group(1) for policy in policies] == ["'none'", "'none'"]
    assert values(headers, "X-Frame-Options") == ["DENY"]
    assert values(headers, "X-Content-Type-Options") == ["nosniff"]
    assert values(headers, "Referrer-Policy") == ["no-referrer"]
    assert values(headers, "Server") == ["nginx"]
    status, _, _ = answer(deployment["internal"], INTERNAL_NAME, "/_stcore/metrics")
    assert status == 404

    # straight from the processes, with no proxy in front: the same headers, and no server version
    import urllib.error
    import urllib.request

    public, internal = deployment["public_apps"][0], deployment["internal_apps"][0]
    with urllib.request.urlopen(f"{public}/") as response:
        assert f"frame-ancestors {FRAME_SITES}" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert not re.search(r"\d", response.headers.get("Server", ""))
    with urllib.request.urlopen(f"{internal}/") as response:
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{public}/_stcore/metrics")
    assert refused.value.code == 404
    with urllib.request.urlopen(f"{internal}/_stcore/metrics") as response:  # for monitoring on this computer
        assert response.status == 200


def routes(prefix, listener):
    """(the route key of a request, the process that answered it, the request line) for each line of nginx's access
    log of a listener; the key is the route cookie, or for a browser's first request the id nginx gave it."""
    log = (prefix / f"{listener}-access.log").read_text()
    return re.findall(r'"(\w+) (\S+) HTTP/[\d.]+" \d+ (\S+) "(\w*)"', log)


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as p:
        # the names resolve to loopback, so the handshake and Host carry them as a visitor's browser would
        rules = f"MAP {PUBLIC_NAME} 127.0.0.1, MAP {INTERNAL_NAME} 127.0.0.1"
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--ignore-certificate-errors",
                                                                    f"--host-resolver-rules={rules}"])
        yield browser
        browser.close()


def test_the_public_view_works_through_nginx_and_each_browser_keeps_to_one_process(deployment, chromium):
    base = f"https://{PUBLIC_NAME}:{deployment['public']}"
    public_apps = {url.removeprefix("http://") for url in deployment["public_apps"]}

    def reached_by(key):
        """The processes that answered the requests of the browser holding this route key, and the paths it asked."""
        lines = [(path, upstream) for _, path, upstream, route in routes(deployment["prefix"], "public") if route == key]
        return {upstream for _, upstream in lines}, {path for path, _ in lines}

    def visit(context):
        """The overview drawn in this browser (its websocket through nginx), then the browser closed: (its route
        key, the processes its requests reached, the paths it asked for)."""
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        refused = []
        page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
                else None)
        page.goto(f"{base}/")
        page.locator(IDLE).wait_for()
        expect(page.get_by_role("heading", name="林草碳汇项目总览")).to_be_visible()
        expect(page.locator('[data-testid="stVegaLiteChart"]').first.locator("canvas, svg").first).to_be_visible()
        page.goto(f"{base}/?page=registry")  # no internal page answers, the public overview does
        page.locator(IDLE).wait_for()
        expect(page.get_by_role("heading", name="林草碳汇项目总览")).to_be_visible()
        key = route_key(context)
        context.close()  # nginx logs the websocket when it closes
        assert refused == []  # nothing the pages do is refused by the Content-Security-Policy
        return key, *reached_by(key)

    first_key, reached, paths = visit(chromium.new_context())
    assert len(reached) == 1 and reached <= public_apps, reached
    assert {"/", "/_stcore/stream"} <= paths  # the page and its websocket, through the one process

    # a new browser gets a route cookie of its own on its first request; find one that nginx sends to the other process
    other = None
    for _ in range(30):  # each new browser goes to either process: thirty all to one is a broken hash
        context = chromium.new_context()
        context.new_page().goto(f"{base}/_stcore/health")  # one small request, by the browser itself
        if reached_by(route_key(context))[0] != reached:
            other = context
            break
        context.close()
    assert other is not None, "thirty new browsers all went to one process"
    second_key, second_reached, _ = visit(other)
    assert second_key != first_key
    assert len(second_reached) == 1 and second_reached != reached and second_reached <= public_apps


def route_key(context):
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "sinkboard_route")


def test_the_internal_listener_asks_to_sign_in_before_showing_anything(deployment, chromium):
    """The internal processes sign people on with OpenID Connect: through nginx, any internal address shows the
    sign-in screen, and no page, navigation or figure."""
    base = f"https://{INTERNAL_NAME}:{deployment['internal']}"
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    for path in ("/", "/registry?project=P-003", "/data_quality", "/audit"):
        page.goto(f"{base}{path}")
        page.locator(IDLE).wait_for()
        expect(page.get_by_test_id("stAlert")).to_contain_text("请用单位账号登录")
        expect(page.get_by_test_id("stButton").filter(has_text="登录")).to_be_visible()
        for shown in ("stSidebarNav", "stMetric", "stDataFrame", "stVegaLiteChart"):
            assert page.get_by_test_id(shown).count() == 0, (path, shown)
    key = route_key(context)
    context.close()
    lines = [line for line in routes(deployment["prefix"], "internal") if line[3] == key]
    internal_apps = {url.removeprefix("http://") for url in deployment["internal_apps"]}
    assert "/_stcore/stream" in {path for _, path, _, _ in lines}
    assert len({upstream for _, _, upstream, _ in lines}) == 1
    assert {upstream for _, _, upstream, _ in routes(deployment["prefix"], "internal")} - {"-"} <= internal_apps


class Gateway(http.server.BaseHTTPRequestHandler):
    """A sign-on gateway as auth_request asks it: 200 with the person's user and groups for a browser holding its
    cookie (sso_user=NAME), 401 for any other."""

    def do_GET(self):  # noqa: N802 (the handler's name is http.server's)
        user = re.search(r"sso_user=(\w+)", self.headers.get("Cookie", ""))
        self.send_response(200 if user else 401)
        if user:
            self.send_header("X-Forwarded-User", user.group(1))
            self.send_header("X-Forwarded-Groups", "sinkboard-other, sinkboard-staff")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_trusted_proxy_alternative_signs_people_on_through_the_gateway(mini_warehouse, tmp_path, chromium):
    """The commented alternative, uncommented, in front of an internal process of the trusted-proxy method: the
    gateway's user reaches the dashboard, a client's own identity headers do not, and no one passes unsigned."""
    gateway = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    process, url = start_local(mini_warehouse, "internal", env={"SINKBOARD_TRUSTED_PROXIES": "127.0.0.1",
                                                                "SINKBOARD_AUDIT_DIR": str(tmp_path / "audit")})
    nginx = None
    try:
        port = int(url.rsplit(":", 1)[1])
        internal_port = free_port()
        text = trusted_proxy_variant(live_config([free_port(), free_port()], [port, port], free_port(), internal_port))
        text = text.replace("proxy_pass https://sso.example.gov.cn/check;",
                            f"proxy_pass http://127.0.0.1:{gateway.server_port}/check;")
        nginx = start_nginx(tmp_path, text)
        status, headers, _ = answer(internal_port, INTERNAL_NAME, "/registry", extra="X-Forwarded-User: admin\r\n")
        assert status == 302
        assert values(headers, "Location") == [
            f"https://sso.example.gov.cn/login?return_to=https://{INTERNAL_NAME}/registry"]

        base = f"https://{INTERNAL_NAME}:{internal_port}"
        # a person signed on at the gateway as wang.wu (staff), whose browser also claims to be an administrator
        context = chromium.new_context(extra_http_headers={"X-Forwarded-User": "admin",
                                                           "X-Forwarded-Groups": "sinkboard-admin"})
        context.add_cookies([{"name": "sso_user", "value": "wangwu", "url": base}])
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.goto(f"{base}/")
        page.locator(IDLE).wait_for()
        expect(page.get_by_test_id("stSidebar")).to_contain_text("已登录：wangwu（工作人员）")
        navigation = page.get_by_test_id("stSidebarNav")
        expect(navigation).to_contain_text("简报")  # staff's briefing page
        assert "审计日志" not in navigation.inner_text()  # the administrators' page
        context.close()
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(30)
        process.terminate()
        process.wait(60)
        gateway.shutdown()
