"""What only a real browser shows: pages render in headless Chromium, the reject table appears, charts and the map draw.
Every wait is for a condition (the script has finished, an element is drawn, the network is quiet), with bounds that
only a fault reaches on a busy machine."""

import io
import time

import pytest
from PIL import Image
from playwright.sync_api import expect, sync_playwright

from sinkboard.app import page_list
from sinkboard.app.serve import start_local

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
WAIT_MS = 120_000  # the bound of every wait: a page on a busy 2-core machine can take a while, a broken one never comes
expect.set_options(timeout=WAIT_MS)


def start_server(warehouse, mode="internal"):
    return start_local(warehouse, mode)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def sample_app(sample_warehouse):
    process, url = start_server(sample_warehouse)
    yield url
    process.terminate()
    process.wait(60)


@pytest.fixture(scope="module")
def public_app(sample_warehouse):
    process, url = start_server(sample_warehouse, mode="public")
    yield url
    process.terminate()
    process.wait(60)


def new_page(browser, width=1400, height=1800):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(WAIT_MS)  # navigation, clicks and waits alike
    return page


def open_page(browser, url, width=1400, height=1800):
    """A page at url once its script has finished."""
    page = new_page(browser, width, height)
    page.goto(url)
    page.locator(IDLE).wait_for()
    return page


def colours(locator):
    """How many colours a screenshot of the element holds (a blank canvas has one or two)."""
    image = Image.open(io.BytesIO(locator.screenshot())).convert("RGB")
    return len(image.getcolors(maxcolors=100_000) or [])


def test_data_quality_page_shows_the_reject_table(browser, sample_app):
    page = open_page(browser, f"{sample_app}/data_quality")
    expect(page.get_by_role("heading", name="被拒绝的行")).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]').nth(1)).to_be_visible()
    expect(page.get_by_text("合成示例数据")).to_be_visible()
    page.close()


def test_overview_draws_its_charts(browser, sample_app):
    page = open_page(browser, f"{sample_app}/")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    # the open year's target bars and the scale trend; waited for, as the page sends its elements one after another
    # (only the open tab's chart is made since the tabs run lazily, so a count taken at the first chart could be 1)
    expect(charts.first).to_be_visible()
    expect(charts.nth(1)).to_be_visible()
    expect(charts.first.locator("canvas, svg").first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.close()


def test_map_canvas_is_not_blank(browser, sample_app):
    page = open_page(browser, f"{sample_app}/map")
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    expect(canvas).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-testid=\"stDeckGlJsonChart\"] canvas')?.width > 0")
    # deck.gl draws on animation frames after the element appears, later the busier the machine: look again until the
    # counties are drawn, and only a canvas still blank at the bound fails
    deadline = time.monotonic() + WAIT_MS / 1000
    while (drawn := colours(canvas)) <= 50 and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert drawn > 50, "the map canvas is blank"
    page.close()


def test_public_view_has_no_internal_pages(browser, public_app):
    page = open_page(browser, f"{public_app}/")
    expect(page.get_by_role("heading", name="林草碳汇项目总览")).to_be_visible()
    expect(page.get_by_text("数据质量")).to_have_count(0)
    page.close()


def test_a_downloaded_table_arrives_with_its_filters_and_no_formula(browser, sample_app):
    import openpyxl

    # the whole page in view: a popover near the bottom opens inside the viewport
    page = open_page(browser, f"{sample_app}/zones", width=1280, height=6000)
    page.locator(".st-key-projects_table_downloads button").first.click()
    xlsx = page.locator(".st-key-projects_table_xlsx button")
    expect(xlsx).to_be_visible()
    with page.expect_download() as arrived:
        xlsx.click()
    book = openpyxl.load_workbook(io.BytesIO(open(arrived.value.path(), "rb").read()))
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    assert cells[0][:2] == ["截至日期", "2025-10-30"]
    assert ["数据", "合成示例数据，非真实统计"] in [row[:2] for row in cells[:6]]
    assert book.active.title == "分区"  # the page's title
    names = {row[1].value: row[1] for row in book.active.iter_rows(min_row=7)}
    # the sample's formula-like name, as it is and marked as text (quote prefix): no apostrophe shows
    assert names["=HYPERLINK(\"http://example.com\",\"合成公式示例\")"].quotePrefix
    assert all(cell.data_type != "f" for row in book.active.iter_rows() for cell in row)
    page.close()


@pytest.mark.parametrize("mode", ["public", "internal"])
def test_every_page_asks_only_the_apps_own_server(browser, sample_app, public_app, mode):
    """No font, icon, tile or script from another host: the bureau's network may have no internet, and a visitor
    must not be tracked."""
    url = public_app if mode == "public" else sample_app
    page = new_page(browser, width=1280, height=1600)
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(url) else None)
    for entry in page_list.pages_for(mode):
        page.goto(f"{url}/{'' if entry.default else entry.url_path}")
        page.locator(IDLE).wait_for()
        # what a page asks for once drawn (fonts, icons, map tiles) has been asked for when the network is quiet
        page.wait_for_load_state("networkidle")
    page.close()
    assert outside == []


# What a person must never see on a page, as one script run in the page once it is drawn: a metric value cut short
# ("26…", a text wider than its box), anything wider than the window (the page itself, or an element of the main
# block outside it; what sits in a box that scrolls or clips sideways counts by that box), a table that scrolls
# sideways when it has to fit (at 1280 px and wider), and "null", "None", "NaN" or "undefined" in the main block's text.
SCREEN_CHECK = """tablesFit => {
  const width = window.innerWidth;
  const problems = [];
  const name = e => (e.dataset.testid || e.tagName.toLowerCase()) + ' "' + (e.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  for (const value of document.querySelectorAll('[data-testid="stMetricValue"]')) {
    if (value.scrollWidth > value.clientWidth + 1) problems.push('cut: ' + name(value));
  }
  if (document.documentElement.scrollWidth > width) {
    problems.push('page wider than the window: ' + document.documentElement.scrollWidth + ' > ' + width);
  }
  const main = document.querySelector('[data-testid="stMain"]');
  const clipped = e => {
    for (let box = e.parentElement; box && box !== main; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') return true;
    }
    return false;
  };
  const outside = [];
  for (const e of main.querySelectorAll('*')) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || clipped(e) || outside.some(o => o.contains(e))) continue;
    if (box.right > width + 1 || box.left < -1) {  // named once, by the outermost element outside
      outside.push(e);
      problems.push('outside the window: ' + name(e) + ' ' + Math.round(box.left) + '-' + Math.round(box.right));
    }
  }
  if (tablesFit) {
    for (const scroller of main.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')) {
      if (scroller.scrollWidth > scroller.clientWidth + 1) {
        const headings = [...scroller.querySelectorAll('[role="columnheader"]')].map(h => h.innerText).join(' | ');
        problems.push('table scrolls sideways: ' + scroller.scrollWidth + ' > ' + scroller.clientWidth + ' ' + headings);
      }
    }
  }
  for (const word of main.innerText.match(/\\b(null|None|NaN|undefined)\\b/g) || []) problems.push('shows ' + word);
  return problems;
}"""
DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]') && [...document.querySelectorAll(
  '[data-testid="stVegaLiteChart"]')].every(chart => chart.querySelector('canvas, svg'))"""


def screen_problems(page, url, tables_fit):
    """What SCREEN_CHECK finds on the page at url once its script has finished and its elements and charts are drawn."""
    page.goto(url)
    page.locator(IDLE).wait_for()
    page.wait_for_function(DRAWN)
    return page.evaluate(SCREEN_CHECK, tables_fit)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_every_page_fits_the_screen(browser, sample_app, public_app, mode, lang):
    """Every page at a small laptop's 800 px (the sidebar open beside it), 1280 and 1440 px: internally as its local
    administrator, who sees every page, and in public mode. One server per mode and one browser for them all."""
    url = public_app if mode == "public" else sample_app
    problems = []
    for width in (800, 1280, 1440):
        page = new_page(browser, width=width, height=1000)
        for entry in page_list.pages_for(mode):
            found = screen_problems(page, f"{url}/{'' if entry.default else entry.url_path}?lang={lang}", width >= 1280)
            problems += [f"{entry.url_path} at {width} px: {problem}" for problem in found]
        page.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", [640, 800, 1024])
def test_an_embedded_view_opens_with_the_sidebar_folded_away(browser, public_app, width):
    # a partner's iframe is 640 to 1024 px wide: the sidebar's 300 px would leave the tiles no room
    page = new_page(browser, width=width, height=1000)
    problems = []
    for entry in page_list.pages_for("public"):
        address = f"{public_app}/{'' if entry.default else entry.url_path}?embed=true&lang=en"
        problems += [f"{entry.url_path}: {problem}" for problem in screen_problems(page, address, tables_fit=False)]
        assert page.get_by_test_id("stMain").bounding_box()["x"] == 0  # the page starts at the frame's left edge
    expect(page.get_by_test_id("stSidebar")).not_to_be_visible()
    page.close()
    assert problems == [], "\n".join(problems)


def test_a_plain_view_opens_with_the_sidebar_beside_it(browser, public_app):
    page = open_page(browser, f"{public_app}/?lang=en", width=1400)
    expect(page.get_by_role("heading", name="Carbon-sink projects at a glance")).to_be_visible()
    assert page.get_by_test_id("stMain").bounding_box()["x"] >= 200  # not embedded: the sidebar is open beside it
    page.close()

