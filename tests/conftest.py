"""Shared fixtures: warehouses built once per session from the hand-made 'mini' exports and from the shipped sample."""

import os
from pathlib import Path

import duckdb
import pytest

from sinkboard import SAMPLE_DIR
from sinkboard.ingest.build import ingest

FIXTURES = Path(__file__).parent / "fixtures"
# every chart a page test draws is checked against the Vega-Lite schema (the server makes a chart's spec once, unchecked)
os.environ["SINKBOARD_CHECK_CHARTS"] = "1"


@pytest.fixture(scope="session")
def mini_warehouse(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini_warehouse")
    ingest(FIXTURES / "mini", out)
    return out


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample_warehouse")
    ingest(SAMPLE_DIR, out)
    return out


@pytest.fixture
def mini(mini_warehouse):
    """A read-only connection to the internal warehouse built from the mini exports."""
    con = duckdb.connect(str(mini_warehouse / "internal.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture
def mini_public(mini_warehouse):
    con = duckdb.connect(str(mini_warehouse / "public.duckdb"), read_only=True)
    yield con
    con.close()
