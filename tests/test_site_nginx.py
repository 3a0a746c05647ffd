"""The static public site as deploy/nginx.conf serves it, for real: the sample's site published into a folder, Debian's
nginx with the shipped config (only its ports and the site's folder replaced) on loopback, spoken to over HTTPS. Every
view's page and document answer compressed with the caching and security headers; a republish while a client asks in
a loop gives only whole files of one build or the other, and after the switch only the new one's; each view weighs at
most 1 MB as transferred; the pages draw their charts in Chromium with nothing refused by the policy."""

import gzip
import hashlib
import json
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, CHROMIUM_ARGS, WAIT_MS
from test_deploy import FRAME_SITES, live_config, start_nginx

from sinkboard import PROJECT_ROOT
from sinkboard.app.serve import free_port
from sinkboard.outputs.site import views as site_views

pytestmark = pytest.mark.browser
SITE_NAME = "views.carbon.example.gov.cn"
LOAD = PROJECT_ROOT / "scripts" / "site_load.py"
VIEWS = list(site_views.VIEWS)
PAGES = [f"{lang}/{view}.html" for lang in ("zh", "en") for view in VIEWS]


def publish(warehouse, site):
    done = subprocess.run([sys.executable, "-m", "sinkboard", "publish", "--warehouse", str(warehouse),
                           "--out", str(site)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def served(mini_warehouse):
    """The mini warehouse's site published and served by nginx; yields the port, the site's path and the warehouse."""
    # nginx's workers run as another user (nobody, under root) and must read the site: not in pytest's own temporary
    # folders, which only their owner may enter
    prefix = Path(tempfile.mkdtemp(prefix="sinkboard-site-nginx-"))
    prefix.chmod(0o755)
    nginx = None
    try:
        site = prefix / "site"
        publish(mini_warehouse, site)
        config = live_config([free_port(), free_port()], [free_port(), free_port()], port := free_port(), free_port())
        assert config.count("root /srv/sinkboard/site;") == 1
        nginx = start_nginx(prefix, config.replace("root /srv/sinkboard/site;", f"root {site};"))
        yield {"port": port, "site": site, "warehouse": mini_warehouse}
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(30)
        shutil.rmtree(prefix)


def client():
    """A client that speaks to nginx's loopback port under the site's name, asking for gzip."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the throwaway certificate
    return httpx.Client(verify=context, timeout=60, headers={"Host": SITE_NAME, "Accept-Encoding": "gzip"})


def get(session, port, path, headers=None):
    return session.get(f"https://127.0.0.1:{port}/{path}", headers=headers,
                       extensions={"sni_hostname": SITE_NAME})


def default_document(page_path, html):
    """The path of the document a view page shows first (its data attributes), relative to the site."""
    attributes = dict(re.findall(r'\sdata-(view|lang|data|default-area|default-as-of)="([^"]*)"', html))
    assert attributes["data"] == "../data", page_path
    return (f"data/{attributes['view']}/{attributes['default-area']}/{attributes['default-as-of']}"
            f".{attributes['lang']}.json.gz")


def security_headers_of(response):
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert re.search(r"script-src 'self' 'unsafe-eval'(;|$)", policy)
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert re.search(r"frame-ancestors ([^;]*)", policy).group(1) == FRAME_SITES  # as the public listener's
    assert "http" not in policy.replace(FRAME_SITES, "")  # no other host for anything else
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["strict-transport-security"] == "max-age=31536000"
    assert response.headers["server"] == "nginx"
    assert "x-frame-options" not in response.headers  # the partners' sites frame the views


def test_every_view_and_its_document_answer_compressed_with_the_caching_and_security_headers(served):
    port, site = served["port"], served["site"].resolve()
    kinds = {}
    with client() as session:
        for page in PAGES:
            response = get(session, port, page)
            assert response.status_code == 200, page
            assert response.headers["content-encoding"] == "gzip", page
            assert response.headers["content-type"] == "text/html; charset=utf-8"
            assert response.headers["cache-control"] == "no-cache"  # asked again at each visit, by its ETag
            assert response.content == (site / page).read_bytes()  # whole, once unzipped
            security_headers_of(response)
            document = default_document(page, response.text)
            answer = get(session, port, document)
            assert answer.status_code == 200, document
            # stored compressed, sent as it is: the renderer unpacks it
            assert "content-encoding" not in answer.headers, document
            assert answer.headers["content-type"] == "application/gzip"
            assert answer.headers["cache-control"] == "no-cache"
            assert answer.content == (site / document).read_bytes()
            assert json.loads(gzip.decompress(answer.content))["blocks"]
            security_headers_of(answer)
            kinds[page] = document
            # revalidation: the same ETag back is a 304 with no body
            again = get(session, port, document, headers={"If-None-Match": answer.headers["etag"]})
            assert again.status_code == 304 and again.content == b""
        assert len(set(kinds.values())) == len(PAGES)  # a document per view and language
        for asset, kind in (("assets/site.js", "text/javascript; charset=utf-8"), ("assets/site.css",
                            "text/css; charset=utf-8"), ("assets/geo/sichuan_counties.geojson",
                            "application/geo+json; charset=utf-8")):
            response = get(session, port, asset)
            assert response.status_code == 200, asset
            # compressed unless too small to gain (gzip_min_length)
            compressed = (site / asset).stat().st_size >= 256
            assert response.headers.get("content-encoding") == ("gzip" if compressed else None), asset
            assert response.headers["content-type"] == kind
            assert response.headers["cache-control"] == "max-age=3600"
            assert response.content == (site / asset).read_bytes()
            security_headers_of(response)
        # the language choice at the site's root, and nothing outside the published folder
        assert get(session, port, "").status_code == 200
        assert get(session, port, "../site.versions/").status_code in (400, 404)
        assert get(session, port, "nginx.conf").status_code == 404


def test_each_view_weighs_at_most_a_megabyte_and_the_load_client_sees_no_error(served, tmp_path):
    base = ["--url", f"https://127.0.0.1:{served['port']}", "--host", SITE_NAME]
    run = subprocess.run([sys.executable, str(LOAD), *base, "--weigh", str(served["site"]), "--json",
                          str(tmp_path / "weights.json")], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    weights = json.loads((tmp_path / "weights.json").read_text())
    assert sorted(weights["views"]) == sorted(page.removesuffix(".html") for page in PAGES)
    for name, view in weights["views"].items():
        assert 0 < view["bytes"] <= 1_000_000, name
        assert any("/site.js" in part for part in view["parts"]), name  # named by its digest: site.js?v=…
        assert sum(view["parts"].values()) == view["bytes"]
    assert any(part.endswith(".geojson") for part in weights["views"]["zh/map"]["parts"])  # the map's own file
    assert weights["site_bytes"] <= 30_000_000

    run = subprocess.run([sys.executable, str(LOAD), *base, "--views", str(4 * len(VIEWS)), "--concurrency", "6", "--json",
                          str(tmp_path / "load.json")], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    load = json.loads((tmp_path / "load.json").read_text())
    assert (load["completed"], load["errors"]) == (4 * len(VIEWS), 0)
    assert {view: figures["page_views"] for view, figures in load["by_view"].items()} == {view: 4 for view in VIEWS}
    # each view in each language twice, each time asking for what weighing it found: the page, its two assets, its
    # document and the map files the document names
    assert load["requests"] == sum(2 * len(view["parts"]) for view in weights["views"].values())


def test_a_republish_under_requests_serves_whole_files_of_one_build_then_only_the_new_one(served):
    """Two clients ask for every page and its document in a loop while the site is published again: every answer is
    200 and byte for byte a file of the old or the new build; once a client has had the new build's file, it never
    again gets the old build's; after the switch every answer is the new build's."""
    port, site = served["port"], served["site"]
    old_version = site.resolve()
    # the served build's pages and documents get a newline more, so that each answer says which build it came from
    old = {}  # path: the digest of its body
    for path in old_version.rglob("*"):
        if path.suffix in (".html", ".json", ".gz") and "assets" not in path.parts:
            path.write_bytes(path.read_bytes() + b"\n")
            old[path.relative_to(old_version).as_posix()] = digest(path.read_bytes())
    stop, failures = threading.Event(), []
    seen = [[], []]  # each client's answers in order: (path, the digest of the body)

    def ask_in_a_loop(answers):
        with client() as session:
            while not stop.is_set():
                for page in PAGES:
                    response = get(session, port, page)
                    if response.status_code != 200:
                        failures.append(f"{page}: {response.status_code}")
                        continue
                    answers.append((page, digest(response.content)))
                    document = default_document(page, response.text)
                    answer = get(session, port, document)
                    if answer.status_code != 200:
                        failures.append(f"{document}: {answer.status_code}")
                        continue
                    answers.append((document, digest(answer.content)))

    threads = [threading.Thread(target=ask_in_a_loop, args=(answers,)) for answers in seen]
    for thread in threads:
        thread.start()
    try:
        publish(served["warehouse"], site)
    finally:
        switched = [len(answers) for answers in seen]  # what each client had when publish returned
        stop.set()
        for thread in threads:
            thread.join(120)
    new_version = site.resolve()
    assert new_version != old_version and old_version.exists()  # switched, and the previous version kept
    assert failures == []

    def build_of(path, body):
        new_file = new_version / path
        is_new = new_file.exists() and digest(new_file.read_bytes()) == body
        assert is_new or old.get(path) == body, f"{path}: a file of neither build"
        return "new" if is_new else "old"

    for answers, at_switch in zip(seen, switched):
        builds = [build_of(path, body) for path, body in answers]
        assert "old" in builds and "new" in builds  # the client asked before the switch and after it
        first_new = builds.index("new")
        assert "old" not in builds[first_new:], "the old build after the new one"
        assert len(builds) > at_switch and "old" not in builds[at_switch:], "the old build after publish returned"


def digest(body):
    return hashlib.sha256(body).hexdigest()


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            *CHROMIUM_ARGS, "--ignore-certificate-errors", f"--host-resolver-rules=MAP {SITE_NAME} 127.0.0.1"])
        yield browser
        browser.close()


@pytest.mark.parametrize("page_path", ["zh/map.html", "en/overview.html"])
def test_a_view_draws_its_charts_through_nginx_with_nothing_refused(served, chromium, page_path):
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    refused, elsewhere = [], []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("request", lambda request: elsewhere.append(request.url)
            if not request.url.startswith(f"https://{SITE_NAME}:") and not request.url.startswith(("blob:", "data:"))
            else None)
    page.goto(f"https://{SITE_NAME}:{served['port']}/{page_path}")
    page.locator("#blocks svg.marks").first.wait_for()  # a chart Vega drew
    if "map" in page_path:
        page.locator("#blocks svg.marks g.mark-shape path").first.wait_for()  # the map, from its geojson
    context.close()
    assert refused == []
    assert elsewhere == []
