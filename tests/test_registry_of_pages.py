"""The page registry is the one list: every page file and every query is in it, and the public mode registers only
public pages."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from sinkboard import PROJECT_ROOT, registry
from sinkboard.i18n import ZH
from sinkboard.warehouse import query_names

APP = str(PROJECT_ROOT / "app.py")


def test_every_page_file_is_in_the_registry():
    files = {f"pages/{p.name}" for p in (PROJECT_ROOT / "pages").glob("*.py")}
    assert files == {page.file for page in registry.PAGES}


def test_every_query_is_run_by_a_page_or_the_shell_and_every_named_query_exists():
    named = {q for page in registry.PAGES for q in page.queries} | set(registry.SHELL_QUERIES)
    assert named == set(query_names())


def test_pages_name_the_queries_they_run():
    for page in registry.PAGES:
        source = (PROJECT_ROOT / page.file).read_text(encoding="utf-8")
        run = set(re.findall(r"""query\(\s*["']([a-z0-9_]+)["']""", source))
        allowed = set(page.queries) | set(registry.SHELL_QUERIES)
        assert run <= allowed, (page.file, run - allowed)


def test_registry_entries_are_well_formed():
    assert len({page.url_path for page in registry.PAGES}) == len(registry.PAGES)
    assert sum(page.default for page in registry.PAGES) == 1
    for page in registry.PAGES:
        assert page.section in registry.SECTIONS and page.audience in registry.AUDIENCES
        assert page.title_key in ZH
    assert registry.page_named("overview").default


def test_public_mode_registers_only_public_pages(mini_warehouse, monkeypatch):
    monkeypatch.setenv("SINKBOARD_WAREHOUSE", str(mini_warehouse))
    monkeypatch.setenv("SINKBOARD_MODE", "public")
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    for page in registry.PAGES:
        if page.audience == "internal":
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                app.switch_page(page.file).run()
        else:
            app.switch_page(page.file).run()
            assert not app.exception, page.file
