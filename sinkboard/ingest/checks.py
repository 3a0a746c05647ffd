"""The checks a built pair of warehouses passes before it is swapped in, and the summary the command prints."""

from contextlib import contextmanager
from pathlib import Path

import duckdb

from sinkboard.ingest.contract import DATASETS


class IngestError(Exception):
    """A file that fails the whole ingest; the message names the file and the problem."""


# tables every built warehouse must hold before it is swapped in
INTERNAL_TABLES = (*DATASETS, "rejects", "warnings", "ingest_files", "build_info", "counties", "prefectures", "zones",
                   "plans", "scale_events", "trade_facts", "subsidy_facts", "issuance_facts", "project_milestones",
                   "trade_rows", "trade_groups", "subsidy_reward_breaches", "loaded_sources")
PUBLIC_TABLES = ("build_info", "counties", "zones", "targets", "projects", "scale_events", "trade_facts", "subsidy_facts",
                 "issuance_facts", "project_milestones", "carbon_stock", "potential", "changes_info", "changes_registered",
                 "changes_figures")


@contextmanager
def read_back(folder: Path, kind, tables):
    """The built warehouse of one kind ('internal' or 'public') opened read-only, once it is known to hold the tables."""
    con = duckdb.connect(str(folder / f"{kind}.duckdb"), read_only=True)
    try:
        held = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
        missing = [t for t in tables if t not in held]
        if missing:
            raise IngestError(f"the built {kind} warehouse lacks the tables {', '.join(missing)}")
        yield con
    finally:
        con.close()


def verify(folder: Path, files_by_dataset):
    """Reopens the built files read-only and checks them against the accounting; an IngestError when anything is short."""
    for name in ("internal.duckdb", "public.duckdb"):
        if (folder / f"{name}.wal").exists():
            raise IngestError(f"writing {name} did not finish (its write-ahead log was left behind); is the disk full?")
    try:
        with read_back(folder, "internal", INTERNAL_TABLES) as con:
            for dataset, files in files_by_dataset.items():
                counted = con.execute(f"select count(*) from {dataset}").fetchone()[0]  # names from DATASETS
                expected = con.execute("select coalesce(sum(rows_loaded), 0) from ingest_files where dataset = $d",
                                       {"d": dataset}).fetchone()[0]
                if counted != expected:
                    raise IngestError(f"the built table {dataset} holds {counted} rows, the accounting says {expected}")
        with read_back(folder, "public", PUBLIC_TABLES):
            pass  # holding its tables is all that is checked of the public file
    except duckdb.Error as error:
        raise IngestError(f"the built warehouse cannot be read back ({error})") from error


def summarise(internal_path: Path):
    con = duckdb.connect(str(internal_path), read_only=True)
    try:
        return con.execute("""
            select dataset, count(*) as files, sum(rows_read)::bigint as read, sum(rows_loaded)::bigint as loaded,
                sum(rows_rejected)::bigint as rejected, sum(rows_skipped)::bigint as skipped, sum(rows_duplicate)::bigint as duplicate,
                sum(warnings)::bigint as warnings
            from ingest_files group by dataset order by dataset
        """).df()
    finally:
        con.close()
