"""The warehouse built from the synthetic sample shipped in data/sample/, rebuilt when missing or older than its
sources (the sample, the code, the reference data)."""

from pathlib import Path

from sinkboard import DEFAULT_WAREHOUSE_DIR, PROJECT_ROOT, SAMPLE_DIR
from sinkboard.ingest.build import ingest


def sample_is_stale(out):
    internal = out / "internal.duckdb"
    if not internal.exists() or not (out / "public.duckdb").exists():
        return True
    built = internal.stat().st_mtime
    package = Path(__file__).resolve().parent.parent
    sources = [*SAMPLE_DIR.rglob("*"), *package.rglob("*.py"), *package.rglob("*.sql"),
               *(PROJECT_ROOT / "data" / "reference").rglob("*")]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


def prepare_sample_warehouse(out=None):
    """Builds the warehouse from the shipped sample when it is missing or older than its sources."""
    out = Path(out or DEFAULT_WAREHOUSE_DIR)
    if not sample_is_stale(out):
        return f"sample warehouse in {out} is up to date"
    ingest(SAMPLE_DIR, out)
    return f"sample warehouse rebuilt in {out}"
