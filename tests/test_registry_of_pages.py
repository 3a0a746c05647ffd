"""The page registry is the one list: every page file and every query is in it, and the public mode registers only
public pages."""

import re

import pytest

from sinkboard import PROJECT_ROOT
from sinkboard.app import page_list
from sinkboard.store.warehouse import query_names
from sinkboard.text.catalogue import messages


def test_every_page_file_is_in_the_registry():
    files = {f"pages/{p.name}" for p in (PROJECT_ROOT / "pages").glob("*.py")}
    assert files == {page.file for page in page_list.PAGES}


def test_every_query_is_run_by_a_page_or_the_shell_and_every_named_query_exists():
    named = {q for page in page_list.PAGES for q in page.queries} | set(page_list.SHELL_QUERIES)
    assert named == set(query_names())


def test_pages_name_the_queries_they_run():
    for page in page_list.PAGES:
        source = (PROJECT_ROOT / page.file).read_text(encoding="utf-8")
        run = set(re.findall(r"""query\(\s*["']([a-z0-9_]+)["']""", source))
        allowed = set(page.queries) | set(page_list.SHELL_QUERIES)
        assert run <= allowed, (page.file, run - allowed)


def test_registry_entries_are_well_formed():
    assert len({page.url_path for page in page_list.PAGES}) == len(page_list.PAGES)
    assert sum(page.default for page in page_list.PAGES) == 1
    for page in page_list.PAGES:
        assert page.section in page_list.SECTIONS and page.audience in page_list.AUDIENCES
        assert page.title_key in messages("zh")
    assert page_list.page_named("overview").default


def test_public_mode_registers_only_public_pages(open_app, mini_warehouse):
    app = open_app(mini_warehouse, "public")
    for page in page_list.PAGES:
        if page.audience == "internal":
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                app.switch_page(page.file).run()
        else:
            app.switch_page(page.file).run()
            assert not app.exception, page.file
