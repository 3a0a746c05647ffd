"""Who sees what inside: the roles file, and every page opened by a person of each role (signed on through OpenID
Connect, as st.user gives them): their pages run, any other page's address answers "not permitted" without running,
and each refusal is in the audit log."""

import os
import subprocess
import sys
import time

import pytest

from sinkboard import PROJECT_ROOT
from sinkboard.access import audit, roles
from sinkboard.app import identity, page_list

GROUPS = {"leadership": "sinkboard-leadership", "staff": "sinkboard-staff", "data_officer": "sinkboard-data",
          "administrator": "sinkboard-admin"}
# what the issue asks of each role, written out by hand rather than derived from the page list it checks
SEES = {
    "leadership": {"overview", "zones", "map", "changes", "pipeline", "trading", "subsidies", "pools", "potential",
                   "registry", "open_trading", "open_subsidies", "open_registry", "open_changes", "data_quality"},
}
SEES["staff"] = SEES["leadership"] | {"briefing", "embed"}
SEES["data_officer"] = SEES["staff"] | {"intake"}
SEES["administrator"] = SEES["data_officer"] | {"audit"}
INTERNAL_PAGES = {page.url_path for page in page_list.pages_for("internal")}


def person(role, **claims):
    return {"email": f"{role}@lcj.example", "name": role, "groups": [GROUPS[role]] if role else [],
            "iat": int(time.time()), **claims}


def test_the_shipped_roles_file_gives_each_group_its_role_and_the_highest_of_several():
    role_map = roles.load(roles.DEFAULT_FILE)
    for role, group in GROUPS.items():
        assert role_map.role_of([], [group]) == role
    assert role_map.role_of([], ["sinkboard-leadership", "sinkboard-data"]) == "data_officer"
    assert role_map.role_of(["someone@x"], ["other"]) is None


def test_a_person_named_in_the_roles_file_and_a_bad_file(tmp_path):
    good = tmp_path / "roles.toml"
    good.write_text('[roles]\nstaff = ["s"]\n[people]\n"Wang.Wu@X.cn" = "administrator"\n', encoding="utf-8")
    assert roles.load(good).role_of(["wang.wu@x.cn"], ["s"]) == "administrator"
    bad = tmp_path / "bad.toml"
    bad.write_text('[roles]\nboss = ["b"]\n', encoding="utf-8")
    with pytest.raises(roles.RolesFileError, match="bad.toml.*unknown role 'boss'"):
        roles.load(bad)
    with pytest.raises(roles.RolesFileError, match="missing.toml"):
        roles.load(tmp_path / "missing.toml")


def test_the_page_list_gives_each_role_the_pages_the_issue_names():
    for role in roles.ROLES:
        assert {p.url_path for p in page_list.pages_for("internal") if page_list.allowed(p, role)} == SEES[role]
    assert not [p for p in page_list.PAGES if page_list.allowed(p, None)]


def test_trusted_proxy_addresses(monkeypatch):
    monkeypatch.setenv("SINKBOARD_TRUSTED_PROXIES", "10.0.0.0/24, ::1")
    assert identity.from_trusted_proxy("10.0.0.7")
    assert identity.from_trusted_proxy(None) is False  # loopback, as Streamlit reports it, is not in the list
    monkeypatch.setenv("SINKBOARD_TRUSTED_PROXIES", "127.0.0.1")
    assert identity.from_trusted_proxy(None) and not identity.from_trusted_proxy("10.0.0.7")
    assert identity.from_trusted_proxy("::ffff:127.0.0.1")  # how a listener on every address sees a local proxy
    assert identity.sign_on_method(has_auth=False) == "proxy" and identity.sign_on_method(has_auth=True) == "oidc"


@pytest.fixture
def audit_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SINKBOARD_AUDIT_DIR", str(tmp_path / "audit"))
    return tmp_path / "audit"


def open_address(app, url_path):
    """Goes to a page by its address: AppTest's switch_page takes only page files, and a refused page is registered
    by its address alone (the browser tests in test_sign_on.py open the addresses themselves)."""
    app._page_hash = next(h for h, info in app._registered_pages.items() if info.get("url_pathname") == url_path)
    return app


def refusals(app):
    return [e.value for e in app.error if "无权访问" in e.value or "Not permitted" in e.value]


@pytest.mark.parametrize("role", roles.ROLES)
def test_each_role_runs_its_pages_and_is_refused_the_others(open_app, mini_warehouse, audit_dir, role):
    app = open_app(mini_warehouse, user=person(role))
    for page in page_list.pages_for("internal"):
        if page.url_path in SEES[role]:
            app.switch_page(page.file).run()
            assert not app.exception, (role, page.file, [e.message for e in app.exception])
            assert not refusals(app), (role, page.file)
        else:
            open_address(app, page.url_path).run()
            assert not app.exception
            assert refusals(app) and not app.dataframe and not app.get("download_button"), (role, page.file)
    refused = [line["page"] for line in audit.read(audit_dir) if line["event"] == "refused"]
    assert set(refused) == INTERNAL_PAGES - SEES[role]
    signed_in = [line for line in audit.read(audit_dir) if line["event"] == "sign_in"]
    assert [(line["user"], line["role"]) for line in signed_in] == [(f"{role}@lcj.example", role)]


def test_downloads_and_raw_cells_follow_the_role(open_app, mini_warehouse, sample_warehouse, audit_dir):
    leader = open_app(mini_warehouse, page="pages/registry.py", user=person("leadership"))
    assert not leader.get("popover") and not leader.get("download_button")
    staff = open_app(mini_warehouse, page="pages/registry.py", user=person("staff"))
    assert staff.get("download_button")
    offered = {"staff": None, "data_officer": None}
    for role in offered:
        app = open_app(sample_warehouse, page="pages/data_quality.py", user=person(role))
        offered[role] = app.multiselect(key="rejects_table_more").options  # the reject table's column chooser
        assert "原始内容" not in app.dataframe[-1].value.columns
    assert "原始内容" not in offered["staff"] and "原始内容" in offered["data_officer"]
    app.multiselect(key="rejects_table_more").select("raw").run()  # the data officer's
    assert "原始内容" in app.dataframe[-1].value.columns


def test_who_may_not_go_in_sees_the_door_and_no_page(open_app, mini_warehouse, audit_dir):
    nobody = open_app(mini_warehouse, user={"email": "x@y", "groups": ["other"], "iat": int(time.time())})
    assert [i.value for i in nobody.info] == ["您的账号已登录，但尚未被授予本看板的任何角色，请联系管理员。"]
    assert not nobody.dataframe and not nobody.metric
    expired = open_app(mini_warehouse, user=person("administrator", iat=int(time.time()) - 11 * 3600))
    assert [i.value for i in expired.info] == ["登录已过期，请重新登录。"] and not expired.metric
    assert [b.label for b in expired.button] == ["登录"]
    events = [(line["event"], line.get("user")) for line in audit.read(audit_dir)]
    assert ("refused", "x@y") in events and ("session_expired", "administrator@lcj.example") in events
    signed_out = open_app(mini_warehouse, user={"is_logged_in": False})
    assert [i.value for i in signed_out.info] == ["内部看板仅供省林草局授权人员使用，请用单位账号登录。"]
    assert not signed_out.metric and not signed_out.sidebar.selectbox
    admin = open_app(mini_warehouse, page="pages/audit.py", user=person("administrator"), lang="en")
    lines = admin.dataframe[0].value
    assert ("refused", "x@y") in set(zip(lines["Event"], lines["Account"]))
    assert ("session expired", "administrator@lcj.example") in set(zip(lines["Event"], lines["Account"]))


def test_a_server_with_sign_on_will_not_start_on_a_bad_roles_file(tmp_path):
    bad = tmp_path / "roles.toml"
    bad.write_text('[roles]\nboss = ["b"]\n', encoding="utf-8")
    env = {**os.environ, "SINKBOARD_ROLES": str(bad), "SINKBOARD_TRUSTED_PROXIES": "127.0.0.1",
           "SINKBOARD_MODE": "internal"}
    done = subprocess.run([sys.executable, "-m", "sinkboard", "serve", "--server.port", "1"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [f"sinkboard: the roles file cannot be read: {bad}: unknown role 'boss' "
                                                "(the roles are leadership, staff, data_officer, administrator)"]


def test_a_sign_in_comes_back_in_the_language_of_the_persons_locale(open_app, mini_warehouse, audit_dir):
    # st.login returns to the app's root, without the ?lang the person left from: the ID token's locale claim decides
    app = open_app(mini_warehouse, user=person("staff", locale="en-GB"))
    assert app.title[0].value == "Carbon-sink projects at a glance"
    assert open_app(mini_warehouse, user=person("staff")).title[0].value != app.title[0].value
