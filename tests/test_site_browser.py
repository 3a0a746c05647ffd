"""The published static site in a real browser (headless Chromium): every public view in both languages draws its
document from the site's own host alone, each chart as an SVG with marks and its data table beside it; the area filter
shows another area's document, a download gives the document's CSV, the keyboard reaches the filters and the downloads,
and an embed at 640 px never scrolls sideways. The site is published from the sample once, served by Python's
http.server on loopback."""

import functools
import gzip
import http.server
import json
import threading

import pytest
from playwright.sync_api import expect, sync_playwright

from sinkboard.outputs.site import publish as site_publish
from sinkboard.outputs.site.views import LIST_ROWS
from sinkboard.store import warehouse

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WAIT_MS = 120_000  # the bound of every wait: a busy 2-core machine can be slow, a broken page never comes
expect.set_options(timeout=WAIT_MS)
LANGS = ("zh", "en")
ALL_AS_OF, ALL_AREAS = site_publish.as_of_options, site_publish.areas
VIEWS = ("overview", "zones", "map", "pipeline", "pools", "potential", "open_trading", "open_subsidies", "open_registry",
         "open_changes")

# a page is drawn when its blocks are in, no document is on its way and every chart shown holds an SVG (or its fault)
DRAWN = """() => document.querySelector('#blocks .block') && !document.querySelector('#view.loading')
  && [...document.querySelectorAll('.chart')].every(c => c.querySelector('svg, .failed'))"""

# what each chart block shown holds: the marks its SVG draws, its data table's headings and rows, its download's file
SHOWN_CHARTS = """() => [...document.querySelectorAll('.chart-block')].map(block => ({
  marks: block.querySelectorAll('.chart svg .role-mark > *').length,
  label: block.querySelector('.chart').getAttribute('aria-label'),
  caption: block.querySelector('details.data-table table caption')?.textContent ?? null,
  columns: [...block.querySelectorAll('details.data-table thead th')].map(th => th.textContent),
  rows: block.querySelectorAll('details.data-table tbody tr').length,
  file: block.querySelector('button.download')?.dataset.file ?? null}))"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(sample_warehouse, tmp_path_factory):
    """The sample's site for its latest month end, the province and the zones: every view and block of the whole site,
    in a small part of the time its every state takes to write."""
    out = tmp_path_factory.mktemp("site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_publish, "as_of_options", lambda first, latest: ALL_AS_OF(first, latest)[:1])
        patch.setattr(site_publish, "areas", lambda zones, prefectures: [
            a for a in ALL_AREAS(zones, prefectures) if a["kind"] != "prefecture"])
        site_publish.publish(sample_warehouse, out)
    return out.resolve()


@pytest.fixture(scope="module")
def base(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def context(browser):
    # one context for the module: the script bundle is fetched once and then comes from the browser's cache
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(WAIT_MS)
    yield context
    context.close()


def document(site, view, area, as_of, lang):
    return json.loads(gzip.decompress((site / "data" / view / area / f"{as_of}.{lang}.json.gz").read_bytes()))


def manifest(site):
    return json.loads((site / "data" / "manifest.json").read_text(encoding="utf-8"))


def shown_blocks(blocks):
    """The blocks a page shows at first, in its order: a switch shows its first option's."""
    for block in blocks:
        yield block
        if block["kind"] == "switch" and block["options"]:
            yield from shown_blocks(block["options"][0]["blocks"])


def open_view(context, base, address, width=1280, height=900):
    """The page at address once drawn, and the list of what went wrong on it: a console error, an uncaught exception,
    a failed or refused request, a request to another host."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    problems = []
    own = base + "/"

    def requested(request):
        if not request.url.startswith((own, "data:", "blob:")):
            problems.append(f"request to another host: {request.url}")

    page.on("request", requested)
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"exception: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(
        f"{response.status}: {response.url}"))
    page.goto(f"{base}/{address}")
    page.wait_for_function(DRAWN)
    return page, problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", VIEWS)
def test_each_view_draws_its_document_from_its_own_host(context, base, site, view, lang):
    facts = manifest(site)
    doc = document(site, view, "province", facts["default_as_of"], lang)
    page, problems = open_view(context, base, f"{lang}/{view}.html")
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN" if lang == "zh" else "en")
    expect(page.locator("#area")).to_have_value("province")
    expect(page.locator("#as_of")).to_have_value(facts["default_as_of"])
    charts = [b for b in shown_blocks(doc["blocks"]) if b["kind"] == "chart"]
    shown = page.evaluate(SHOWN_CHARTS)
    assert [(c["label"], c["caption"], c["columns"], c["rows"], c["file"]) for c in shown] == [
        (b["title"], b["title"], b["table"]["columns"], len(b["table"]["rows"]), b["file"]) for b in charts]
    assert all(c["marks"] > 0 for c in shown), shown
    tables = [b for b in shown_blocks(doc["blocks"]) if b["kind"] == "table"]
    expect(page.locator(".table-block table.data")).to_have_count(len(tables))
    assert problems == []
    page.close()


def zone_with_registered_projects(sample_warehouse, site):
    """The first zone (by the site's key) with a project on the public registry, and its projects' IDs, newest
    registration first, worked out from the public warehouse on its own."""
    facts = manifest(site)
    connection = warehouse.connect(sample_warehouse / "public.duckdb")
    try:
        for area in facts["areas"]:
            if area["kind"] != "zone":
                continue
            ids = [row[0] for row in connection.execute(
                "select project_id from project_milestones where zone = $zone and status in ('注册', '签发') "
                "and registered_date <= $as_of::date and owner_type is distinct from '农户' "
                "order by registered_date desc, project_id", {"zone": area["zone"], "as_of": facts["default_as_of"]}
            ).fetchall()]
            if ids:
                return area, ids
    finally:
        connection.close()
    raise AssertionError("no zone of the sample has a registered project")


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_a_zone_shows_its_document_and_keeps_it_in_the_address(context, base, site, sample_warehouse, lang):
    area, ids = zone_with_registered_projects(sample_warehouse, site)
    page, problems = open_view(context, base, f"{lang}/open_registry.html")
    page.select_option("#area", area["key"])
    page.wait_for_url(f"**/open_registry.html?area={area['key']}")
    page.wait_for_function(DRAWN)
    listed = page.locator(".table-block table.data tbody tr td:first-child").all_text_contents()
    # the zone's projects alone, newest first, as many as the list shows
    assert listed == ids[:LIST_ROWS]
    # the address now opens the zone's view, in a new page too
    again, more = open_view(context, base, f"{lang}/open_registry.html?area={area['key']}")
    expect(again.locator("#area")).to_have_value(area["key"])
    assert again.locator(".table-block table.data tbody tr td:first-child").all_text_contents() == listed
    assert problems + more == []
    page.close()
    again.close()


def test_an_unknown_area_or_date_in_the_address_falls_back_to_the_default(context, base, site):
    page, problems = open_view(context, base, "en/overview.html?area=nowhere&as_of=1999-12-31")
    expect(page.locator("#area")).to_have_value("province")
    expect(page.locator("#as_of")).to_have_value(manifest(site)["default_as_of"])
    assert problems == []
    page.close()


def test_a_download_gives_the_documents_csv(context, base, site):
    doc = document(site, "overview", "province", manifest(site)["default_as_of"], "zh")
    first = next(b for b in shown_blocks(doc["blocks"]) if "csv" in b)
    page, problems = open_view(context, base, "zh/overview.html")
    with page.expect_download() as arrived:
        page.locator("button.download").first.click()
    download = arrived.value
    assert download.suggested_filename == first["file"]
    held = open(download.path(), "rb").read()
    # as the dashboard's CSV: UTF-8 with a byte-order mark, so that Excel reads the Chinese
    assert held.startswith(b"\xef\xbb\xbf")
    assert held.decode("utf-8-sig") == first["csv"]
    assert problems == []
    page.close()


def test_the_keyboard_reaches_the_filters_and_the_downloads(context, base):
    page, problems = open_view(context, base, "en/overview.html")
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const e = document.activeElement;"
                                " return e.id || (e.classList.contains('download') ? 'download' : e.tagName) }")
        reached.add(focused)
        if "download" in reached:
            break
    assert {"area", "as_of", "download"} <= reached
    # focus is visible: the focused button has an outline
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert problems == []
    page.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", VIEWS)
def test_the_embed_at_640_px_never_scrolls_sideways(context, base, view, lang):
    page, problems = open_view(context, base, f"{lang}/{view}.html?embed=1", width=640)
    expect(page.locator("nav.views")).to_be_hidden()
    expect(page.locator("#area")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 640
    assert problems == []
    page.close()
