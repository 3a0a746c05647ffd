"""The data page sends the browser one page of rejected rows at a time: a bad export can hold millions."""

import pytest
from exports import project, write_projects

from sinkboard.ingest.build import ingest


@pytest.fixture(scope="module")
def rejecting(tmp_path_factory):
    """P0001-P0600 with an area of "x" (600 bad_number rejects, rows 2-601), then P9999 that loads."""
    root = tmp_path_factory.mktemp("rejecting")
    write_projects(root / "src", [project(f"P{i:04d}", area="x") for i in range(1, 601)] + [project("P9999")])
    ingest(root / "src", root / "wh")
    return root / "wh"


@pytest.fixture
def app(open_app, rejecting):
    """The internal app on the data page of that warehouse."""
    return open_app(rejecting, page="pages/data_quality.py")


def test_six_hundred_rejects_come_five_hundred_a_page(app):
    assert not app.exception
    shown = app.dataframe[-1].value
    assert len(shown) == 500 and shown["行号"].tolist() == list(range(2, 502))
    assert any("显示第 1–500 行；符合筛选的 600 行，共 600 行被拒绝" in c.value for c in app.caption)
    app.number_input(key="dq_page").set_value(2).run()
    shown = app.dataframe[-1].value
    assert shown["行号"].tolist() == list(range(502, 602))
    assert any("显示第 501–600 行" in c.value for c in app.caption)
    # a filter goes back to the first page
    app.selectbox(key="dq_reason").set_value("bad_number").run()
    assert app.dataframe[-1].value["行号"].tolist()[:2] == [2, 3]


def test_the_messages_are_in_the_pages_language(app):
    assert set(app.dataframe[-1].value["说明"]) == {"面积(亩)不是数字：x"}  # the export's own header for area_mu
    app.radio(key="lang").set_value("en").run()
    assert set(app.dataframe[-1].value["Message"]) == {"area_mu is not a number: x"}  # as the ingest wrote it
