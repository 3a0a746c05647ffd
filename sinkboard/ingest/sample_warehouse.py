"""The warehouse built from the synthetic sample shipped in data/sample/, rebuilt when missing or older than its
sources (the sample, the code, the reference data). It is built in two ingests, first without the sample's newest
registry snapshot and then with it, so the history of builds holds a change to show."""

import shutil
import tempfile
from pathlib import Path

from sinkboard import DEFAULT_WAREHOUSE_DIR, PROJECT_ROOT, SAMPLE_DIR
from sinkboard.ingest.build import ingest
from sinkboard.store import history


def sample_is_stale(out):
    internal = out / "internal.duckdb"
    if not internal.exists() or not (out / "public.duckdb").exists():
        return True
    built = internal.stat().st_mtime
    package = Path(__file__).resolve().parent.parent
    sources = [*SAMPLE_DIR.rglob("*"), *package.rglob("*.py"), *package.rglob("*.sql"),
               *(PROJECT_ROOT / "data" / "reference").rglob("*")]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


def ingest_in_two_steps(source: Path, out: Path):
    """Ingests the source without its newest registry snapshot, then whole, into out."""
    snapshots = sorted((source / "projects").glob("*.*"))
    with tempfile.TemporaryDirectory() as scratch:
        earlier = Path(scratch) / source.name  # the same folder name: the history names its source by it
        shutil.copytree(source, earlier, ignore=lambda folder, names: [n for n in names
                                                                       if snapshots and Path(folder, n) == snapshots[-1]])
        ingest(earlier, out)
    ingest(source, out)


def prepare_sample_warehouse(out=None):
    """Builds the warehouse from the shipped sample when it is missing or older than its sources; the history of the
    sample's earlier builds is started afresh, so it tells the sample's own two steps."""
    out = Path(out or DEFAULT_WAREHOUSE_DIR)
    if not sample_is_stale(out):
        return f"sample warehouse in {out} is up to date"
    shutil.rmtree(history.folder(out), ignore_errors=True)
    ingest_in_two_steps(SAMPLE_DIR, out)
    return f"sample warehouse rebuilt in {out} (in two ingests: without, then with its newest registry snapshot)"
