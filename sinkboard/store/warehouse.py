"""Where the warehouses live, which one this process may open, and the runner for the questions in queries/."""

import os
import re
from functools import cache
from pathlib import Path

import duckdb

from sinkboard import DEFAULT_WAREHOUSE_DIR, PROJECT_ROOT
from sinkboard.store import files, versions

QUERIES_DIR = PROJECT_ROOT / "queries"
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")


def mode():
    """'public' only when SINKBOARD_MODE says so; anything else runs the internal dashboard."""
    return "public" if os.environ.get("SINKBOARD_MODE", "").strip().lower() == "public" else "internal"


def warehouse_dir():
    return Path(os.environ.get("SINKBOARD_WAREHOUSE") or DEFAULT_WAREHOUSE_DIR)


def uses_default_warehouse():
    return not os.environ.get("SINKBOARD_WAREHOUSE")


def database_path(for_mode=None):
    """The one file this process opens: the public process never opens the internal one."""
    return warehouse_dir() / f"{for_mode or mode()}.duckdb"


def version(path):
    """Changes whenever an ingest swaps in a new file, so cached results are keyed on it."""
    stat = path.stat()
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


class Warehouse:
    """A read-only warehouse file attached to an in-memory database that can reach no other file; cursor() gives a
    connection of its own to it.

    The file is attached rather than opened with duckdb.connect(path): DuckDB keeps one instance per path in a
    process, so after an ingest renames a new file over the old one, connect(path) would still answer from the old
    file for as long as any connection to it lives."""

    def __init__(self, path):
        real = Path(path).resolve()  # out/internal.duckdb -> out/current/… -> out/v-…/internal.duckdb, resolved once
        self._readers = None
        readers = real.parent / versions.READERS_FILE
        if readers.exists():
            # a shared lock tells the next ingest that this version is still read, so it is not removed under us
            self._readers = files.acquire(readers, shared=True, create=False)
        self.connection = duckdb.connect(":memory:")
        self.connection.execute("attach $path as warehouse (read_only)", {"path": str(real)})
        # nothing the dashboard runs may read or write another file, load an extension or undo this: the warehouse
        # file is attached and open, so its own pages are still read
        self.connection.execute("set enable_external_access = false")
        self.connection.execute("set lock_configuration = true")

    def cursor(self):
        cursor = self.connection.cursor()
        cursor.execute("use warehouse")
        return cursor

    def execute(self, sql, parameters=None):
        return self.cursor().execute(sql, parameters)

    def close(self):
        self.connection.close()
        if self._readers is not None:
            os.close(self._readers)
            self._readers = None

    def __del__(self):
        if getattr(self, "_readers", None) is not None:
            os.close(self._readers)


def connect(path):
    return Warehouse(path)


def warehouse_format(connection):
    """The WAREHOUSE_FORMAT the warehouse was built with (0 for one built before formats were recorded)."""
    columns = {row[0] for row in connection.execute("select column_name from duckdb_columns() "
                                                    "where table_name = 'build_info' and database_name = current_database()").fetchall()}
    if "warehouse_format" not in columns:
        return 0
    return connection.execute("select warehouse_format from build_info").fetchone()[0]


@cache
def query_text(name):
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"not a query name: {name!r}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_names():
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def run_query(connection, name, **params):
    """Runs queries/NAME.sql with its named parameters on a cursor of the connection; returns a DataFrame."""
    text = query_text(name)
    wanted = set(PARAMETER.findall(text))
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"query {name} needs parameters {sorted(missing)}")
    cursor = connection.cursor()
    try:
        return cursor.execute(text, {k: v for k, v in params.items() if k in wanted}).df()
    finally:
        cursor.close()
