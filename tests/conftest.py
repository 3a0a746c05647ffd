"""Shared fixtures: warehouses built once per session from the hand-made 'mini' exports and from the shipped sample,
warehouses opened through the dashboard's own read-only connection, and the dashboard started from app.py."""

import os
import shutil
from pathlib import Path

import pytest
from exports import project, write_projects
from streamlit.testing.v1 import AppTest

from sinkboard import PROJECT_ROOT, SAMPLE_DIR
from sinkboard.ingest.build import ingest
from sinkboard.store import warehouse

FIXTURES = Path(__file__).parent / "fixtures"
APP = PROJECT_ROOT / "app.py"
# every chart a page test draws is checked against the Vega-Lite schema (the server makes a chart's spec once, unchecked)
os.environ["SINKBOARD_CHECK_CHARTS"] = "1"


@pytest.fixture(scope="session")
def mini_warehouse(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini_warehouse")
    ingest(FIXTURES / "mini", out)
    return out


@pytest.fixture(scope="session")
def mini_history(tmp_path_factory):
    """A warehouse folder into which the mini exports were ingested, then the same plus the newer registry snapshot of
    tests/fixtures/mini_next (its README works out what changed)."""
    source, out = tmp_path_factory.mktemp("mini_history_source"), tmp_path_factory.mktemp("mini_history")
    shutil.copytree(FIXTURES / "mini", source, dirs_exist_ok=True)
    ingest(source, out)
    shutil.copytree(FIXTURES / "mini_next", source, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    ingest(source, out)
    return out


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample_warehouse")
    ingest(SAMPLE_DIR, out)
    return out


@pytest.fixture
def open_warehouse():
    """Opens a warehouse folder's internal or public file as the dashboard does (sinkboard.store.warehouse.connect,
    read-only); every file opened is closed when the test ends."""
    opened = []

    def open_file(folder, mode="internal"):
        connection = warehouse.connect(Path(folder) / f"{mode}.duckdb")
        opened.append(connection)
        return connection

    yield open_file
    for connection in opened:
        connection.close()


@pytest.fixture
def mini(open_warehouse, mini_warehouse):
    """The internal warehouse built from the mini exports."""
    return open_warehouse(mini_warehouse)


@pytest.fixture
def mini_public(open_warehouse, mini_warehouse):
    return open_warehouse(mini_warehouse, "public")


@pytest.fixture
def built(tmp_path):
    """(source, out): a source with one good project file (P1 and P2), already ingested into tmp_path/wh."""
    source, out = tmp_path / "src", tmp_path / "wh"
    write_projects(source, [project("P1"), project("P2")])
    ingest(source, out)
    return source, out


@pytest.fixture
def open_app(monkeypatch):
    """Starts the dashboard on a warehouse folder as a visitor does, from app.py (so its sidebar, navigation and public
    guard run too), in the internal or the public process; then goes to a page and chooses a language when asked.
    Returns the AppTest after those runs, none of which raised."""

    def start(warehouse_dir, mode="internal", page=None, lang=None, query_params=None, env=None, user=None):
        """user: the claims of a person signed on through OpenID Connect (st.user), given as a sign-on provider would;
        without it the internal process runs without sign-on (its local administrator)."""
        monkeypatch.setenv("SINKBOARD_WAREHOUSE", str(warehouse_dir))
        monkeypatch.setenv("SINKBOARD_MODE", mode)  # as `python -m sinkboard serve` sets it for either process
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        # a bound for a run that hangs, generous enough for a busy machine
        app = AppTest.from_file(str(APP), default_timeout=120)
        app.query_params.update(query_params or {})
        if user is not None:
            app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
            app.user = {"is_logged_in": True, **user}
        app.run()
        if page is not None:
            app.switch_page(page).run()
        if lang is not None:
            app.radio(key="lang").set_value(lang).run()
        assert not app.exception, [e.message for e in app.exception]
        return app

    return start
