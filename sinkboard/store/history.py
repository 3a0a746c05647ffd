"""The history of builds: one folder per ingest under WAREHOUSE/history/, named by its version, written once at ingest
and never removed with the versions, so any two builds can be compared long after their warehouses are gone."""

import json
import os
from pathlib import Path

from sinkboard.store import versions

HISTORY = "history"
BUILD_FILE = "build.json"
# the shape of a record's tables; raised whenever it changes, so a record of another shape is not compared
RECORD_FORMAT = 1
# the tables of a record, each a Parquet file of that name
TABLES = ("files", "figures", "verdicts", "projects", "rejects", "events")


def folder(warehouse_dir):
    return Path(warehouse_dir) / HISTORY


def current_build_id(warehouse_dir):
    """The name of the version the warehouse folder's `current` points at (the build the dashboard shows), or None."""
    current = Path(warehouse_dir) / versions.CURRENT
    if not current.is_symlink():
        return None
    return Path(os.readlink(current)).name


def records(warehouse_dir):
    """build.json of every recorded build, oldest first."""
    found = []
    for path in sorted(folder(warehouse_dir).glob(f"v-*/{BUILD_FILE}")):
        try:
            found.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # a record being removed by hand, or damaged: the others still compare
    return sorted(found, key=lambda record: record["built_at"])


def table_path(warehouse_dir, build_id, table):
    return folder(warehouse_dir) / build_id / f"{table}.parquet"
