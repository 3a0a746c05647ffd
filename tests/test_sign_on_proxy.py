"""The trusted-proxy sign-on in a real browser against a real server: the user and groups in the proxy's headers are
believed only from the addresses in SINKBOARD_TRUSTED_PROXIES, and give the person their role's pages."""

import pytest
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM, CHROMIUM_ARGS, IDLE, WAIT_MS

from sinkboard.access import audit
from sinkboard.app.serve import start_local

pytestmark = pytest.mark.browser
HEADERS = {"X-Forwarded-User": "wang.wu", "X-Forwarded-Groups": "sinkboard-other, sinkboard-staff"}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serve(monkeypatch, warehouse, audit_dir, proxies):
    monkeypatch.setenv("SINKBOARD_TRUSTED_PROXIES", proxies)
    monkeypatch.setenv("SINKBOARD_AUDIT_DIR", str(audit_dir))
    return start_local(warehouse, "internal")


def open_as_proxy(browser, url):
    context = browser.new_context(extra_http_headers=HEADERS, viewport={"width": 1400, "height": 1200})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.wait_for_selector(IDLE)
    return context, page


def test_a_trusted_proxy_names_the_person_and_their_groups_give_the_role(browser, mini_warehouse, tmp_path,
                                                                          monkeypatch):
    process, url = serve(monkeypatch, mini_warehouse, tmp_path / "audit", "127.0.0.1")
    try:
        context, page = open_as_proxy(browser, url)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text("已登录：wang.wu（工作人员）")
        navigation = page.get_by_test_id("stSidebarNav")
        expect(navigation).to_contain_text("简报")  # staff's briefing page
        assert "数据导入" not in navigation.inner_text() and "审计日志" not in navigation.inner_text()
        page.goto(f"{url}/intake")
        page.wait_for_selector(IDLE)
        expect(page.get_by_test_id("stAlert")).to_contain_text("无权访问")
        assert not page.get_by_test_id("stFileUploader").count()
        context.close()
        lines = audit.read(tmp_path / "audit")
        assert ("sign_in", "wang.wu", "staff") in {(x["event"], x.get("user"), x.get("role")) for x in lines}
        assert ("refused", "wang.wu", "intake") in {(x["event"], x.get("user"), x.get("page")) for x in lines}
    finally:
        process.terminate()
        process.wait(60)


def test_the_headers_of_a_request_from_elsewhere_are_not_believed(browser, mini_warehouse, tmp_path, monkeypatch):
    process, url = serve(monkeypatch, mini_warehouse, tmp_path / "audit", "10.20.30.40")
    try:
        context, page = open_as_proxy(browser, url)
        expect(page.get_by_test_id("stAlert")).to_contain_text("未能识别您的身份")
        assert not page.get_by_test_id("stMetric").count() and not page.get_by_test_id("stSidebarNav").count()
        context.close()
    finally:
        process.terminate()
        process.wait(60)
