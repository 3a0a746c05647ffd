"""Signing on to the internal dashboard through a real OpenID Connect provider (tests/oidc: oidc-provider on loopback)
in headless Chromium, with the provider's own login form, as a person of each role and one with no role: the
navigation of each role, the refusal of any other page's address, the audit line of a download, sign-out, and a
session that expires. One provider for the module; each person signs in once."""

import io
import time

import openpyxl
import pytest
from oidc_provider import running_app, running_provider
from playwright.sync_api import expect, sync_playwright

from sinkboard.access import audit
from sinkboard.app import page_list

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
# no host but loopback answers: the provider's pages ask a web font host, and the tests must not wait on one
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
WAIT_MS = 120_000  # the bound of every wait, as in test_browser: only a fault reaches it
expect.set_options(timeout=WAIT_MS)

# the provider's accounts (tests/oidc/provider.js): their login, name and role by deploy/roles.toml
PEOPLE = {"lead": ("Li Lead", "leadership"), "staff": ("Sam Staff", "staff"), "data": ("Dana Data", "data_officer"),
          "admin": ("Ada Admin", "administrator")}
ROLE_NAMES = {"leadership": "领导", "staff": "工作人员", "data_officer": "数据管理员", "administrator": "系统管理员"}
SHORT_SESSION_SECONDS = 20
# what a page that ran would show in the main area; a refused address shows its title and the refusal only
PAGE_OUTPUT = ('[data-testid="stMain"] :is([data-testid="stDataFrame"], [data-testid="stVegaLiteChart"], '
               '[data-testid="stMetric"], [data-testid="stFileUploader"], [data-testid="stDownloadButton"], '
               '[data-testid="stTable"], [data-testid="stDeckGlJsonChart"])')


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    # two dashboards sign people on through it: the usual one and one whose sessions last seconds
    with running_provider(tmp_path_factory.mktemp("oidc_provider") / "provider.log", apps=2) as provider:
        yield provider


@pytest.fixture(scope="module")
def app(sample_warehouse, provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("signed_on_app")
    with running_app(sample_warehouse, provider, folder) as url:
        yield url, folder / "audit"


@pytest.fixture(scope="module")
def short_session_app(sample_warehouse, provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("short_session_app")
    hours = str(SHORT_SESSION_SECONDS / 3600)
    with running_app(sample_warehouse, provider, folder, app=1, env={"SINKBOARD_SESSION_HOURS": hours}) as url:
        yield url, folder / "audit"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser):
    """A page in a browser context of its own: its own cookies, so its own sign-in."""
    context = browser.new_context(viewport={"width": 1280, "height": 6000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    return page


def expect_alert(page, text):
    """A message box in the page's main area saying `text` (the sample's synthetic-data note may stand beside it)."""
    expect(page.get_by_test_id("stMain").get_by_test_id("stAlert").filter(has_text=text)).to_be_visible()


def load(page, url):
    page.goto(url)
    page.locator(IDLE).wait_for()


def sign_in(page, provider, login, door="请用单位账号登录"):
    """From the dashboard's sign-in screen (saying `door`), where nothing of the dashboard shows, through the provider's
    own login form (any password) and back to the dashboard."""
    expect_alert(page, door)
    assert not page.get_by_test_id("stSidebarNav").count() and not page.locator(PAGE_OUTPUT).count()
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{provider.issuer}/interaction/**")
    page.locator('input[name="login"]').fill(login)
    page.locator('input[name="password"]').fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(lambda url: not url.startswith(provider.issuer))
    page.locator(IDLE).wait_for()


@pytest.fixture(scope="module")
def signed_in(browser, provider, app):
    """A page signed in as the provider's account `login`, one per account for the module."""
    url, _ = app
    pages = {}

    def page_of(login):
        if login not in pages:
            page = new_page(browser)
            load(page, url)
            sign_in(page, provider, login)
            pages[login] = page
        return pages[login]

    yield page_of
    for page in pages.values():
        page.context.close()


def navigation_paths(page, url):
    """The url paths of the pages the sidebar's navigation lists (the default page's link is the app's root)."""
    default = next(p.url_path for p in page_list.PAGES if p.default)
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()  # its links all come in one message
    hrefs = page.get_by_test_id("stSidebarNav").locator("a").evaluate_all("links => links.map(a => a.href)")
    return sorted(href.removeprefix(url).strip("/") or default for href in hrefs)


@pytest.mark.parametrize("login", PEOPLE)
def test_each_role_signs_in_and_its_navigation_lists_exactly_its_pages(signed_in, app, login):
    url, _ = app
    name, role = PEOPLE[login]
    page = signed_in(login)
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"已登录：{name}（{ROLE_NAMES[role]}）")
    wanted = sorted(p.url_path for p in page_list.pages_for("internal") if page_list.allowed(p, role))
    assert navigation_paths(page, url) == wanted


@pytest.mark.parametrize("login", PEOPLE)
def test_an_address_outside_the_role_is_not_permitted_and_its_page_never_runs(signed_in, app, login):
    url, audit_dir = app
    _, role = PEOPLE[login]
    page = signed_in(login)
    outside = [p for p in page_list.pages_for("internal") if not page_list.allowed(p, role)]
    assert len(outside) == {"leadership": 4, "staff": 2, "data_officer": 1, "administrator": 0}[role]
    for refused in outside:
        load(page, f"{url}/{refused.url_path}")
        refusal = f"无权访问：此页面仅向“{ROLE_NAMES[refused.role]}”"
        expect_alert(page, refusal)
        assert not page.locator(PAGE_OUTPUT).count()
    lines = audit.read(audit_dir)
    refusals = {x.get("page") for x in lines if x["event"] == "refused" and x.get("user") == f"{login}@sinkboard.test"}
    assert refusals >= {p.url_path for p in outside}


def test_a_download_by_staff_writes_an_audit_line_in_their_name(signed_in, app):
    url, audit_dir = app
    page = signed_in("staff")
    load(page, f"{url}/zones")
    page.locator(".st-key-projects_table_downloads button").first.click()
    xlsx = page.locator(".st-key-projects_table_xlsx button")
    expect(xlsx).to_be_visible()
    with page.expect_download() as arrived:
        xlsx.click()
    book = openpyxl.load_workbook(io.BytesIO(open(arrived.value.path(), "rb").read()))
    rows = list(book.active.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "项目编号")
    downloads = [x for x in audit.read(audit_dir) if x["event"] == "download"]
    assert [(x["user"], x["role"], x["sign_on"], x["page"], x["file"], x["rows"]) for x in downloads] == [
        ("staff@sinkboard.test", "staff", "oidc", "zones", arrived.value.suggested_filename, len(rows) - header - 1)]


def test_leadership_has_no_download(signed_in, app):
    url, _ = app
    page = signed_in("lead")
    load(page, f"{url}/zones")
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    assert not page.locator(".st-key-projects_table_downloads").count()


def test_a_person_with_no_role_sees_no_page(signed_in, app):
    url, audit_dir = app
    page = signed_in("nobody")
    for path in ("", "zones", "audit"):
        load(page, f"{url}/{path}")
        expect_alert(page, "尚未被授予本看板的任何角色")
        assert not page.get_by_test_id("stSidebarNav").count() and not page.locator(PAGE_OUTPUT).count()
    lines = audit.read(audit_dir)
    assert ("refused", "no_role") in {(x["event"], x.get("detail")) for x in lines
                                      if x.get("user") == "nobody@sinkboard.test"}


def test_signing_out_ends_the_session_here_and_at_the_provider(browser, provider, app):
    url, audit_dir = app
    page = new_page(browser)
    load(page, url)
    sign_in(page, provider, "data")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("已登录：Dana Data")
    page.get_by_role("button", name="退出登录").click()
    # the provider's own sign-out page, then back to the dashboard
    page.wait_for_url(f"{provider.issuer}/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{url}/**")
    page.locator(IDLE).wait_for()
    expect_alert(page, "请用单位账号登录")
    load(page, f"{url}/registry")
    expect_alert(page, "请用单位账号登录")
    assert not page.get_by_test_id("stSidebarNav").count() and not page.locator(PAGE_OUTPUT).count()
    assert not [c for c in page.context.cookies() if c["name"].startswith("_streamlit_user")]
    # signing in again takes the provider's login form again
    page.get_by_role("button", name="登录").click()
    expect(page.locator('input[name="login"]')).to_be_visible()
    page.context.close()
    lines = audit.read(audit_dir)
    assert ("sign_out", "data_officer") in {(x["event"], x.get("role")) for x in lines
                                             if x.get("user") == "data@sinkboard.test"}


def test_an_expired_session_asks_to_sign_in_again(browser, provider, short_session_app):
    url, audit_dir = short_session_app
    page = new_page(browser)
    load(page, url)
    sign_in(page, provider, "lead")
    signed_in_by = time.time()  # the ID token's time of issue is before this
    expect(page.get_by_test_id("stSidebar")).to_contain_text("已登录：Li Lead")
    # the session's end is a time, so this wait is on the clock: until just past it
    page.wait_for_timeout(max(0, signed_in_by + SHORT_SESSION_SECONDS + 1 - time.time()) * 1000)
    load(page, f"{url}/zones")
    sign_in(page, provider, "lead", door="登录已过期，请重新登录")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("已登录：Li Lead")
    page.context.close()
    events = [x["event"] for x in audit.read(audit_dir) if x.get("user") == "lead@sinkboard.test"]
    assert events == ["sign_in", "session_expired", "sign_in"]

