"""A warehouse folder's versions: `current` points at the version folder readers open, switched with one atomic
rename; older versions go once no reader holds them."""

import os
import shutil
from pathlib import Path

from sinkboard.store import files

CURRENT = "current"
READERS_FILE = ".readers"  # in a version folder: each reader holds a shared lock on it
LOCK_FILE = ".ingest.lock"  # in the warehouse folder: one writer at a time


def switch_current(out: Path, version: Path):
    """Points out/current at the new version with one atomic rename; internal.duckdb and public.duckdb in out are
    fixed links through current, so paths that name them follow the switch too."""
    link = out / f".current-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(version.name)
    current = out / CURRENT
    if current.is_dir() and not current.is_symlink():
        # a warehouse folder copied without its links holds a real folder here: keep it as an old version
        os.rename(current, out / f"v-00000000-copied-{os.getpid()}")
    os.replace(link, current)
    for name in ("internal.duckdb", "public.duckdb"):
        path = out / name
        if not (path.is_symlink() and os.readlink(path) == f"{CURRENT}/{name}"):
            # a warehouse of the earlier layout (real files here) is replaced by the link in one rename
            fixed = out / f".{name}-{os.getpid()}"
            if fixed.is_symlink() or fixed.exists():
                fixed.unlink()
            fixed.symlink_to(f"{CURRENT}/{name}")
            os.replace(fixed, path)
            wal = out / f"{name}.wal"
            if wal.exists():
                wal.unlink()
    files.fsync_folder(out)


def remove_old_versions(out: Path, keep=2):
    """Removes versions older than the newest `keep` (the current one and the one before it, which a reader may just
    have resolved), unless a reader still holds one: readers keep a shared lock on its readers file."""
    versions = sorted((p for p in out.glob("v-*") if p.is_dir()), key=lambda p: p.name)
    current = (out / CURRENT).resolve()
    for folder in versions[:-keep]:
        if folder.resolve() == current:
            continue
        try:
            os.close(files.acquire(folder / READERS_FILE, wait=False, create=False))
        except BlockingIOError:
            continue  # a reader has it open: the next ingest tries again
        except FileNotFoundError:
            pass  # no readers file: nobody can hold it
        shutil.rmtree(folder, ignore_errors=True)


def remove_abandoned_builds(out: Path):
    """Removes what an ingest that was killed left beside the warehouses (its process is gone)."""
    for folder in out.glob(".building-*"):
        pid = folder.name.removeprefix(".building-")
        if pid.isdigit() and (int(pid) == os.getpid() or not Path(f"/proc/{pid}").exists()):
            shutil.rmtree(folder, ignore_errors=True)
    for folder in out.glob("history/.building-*"):  # a record of the history (sinkboard.store.history) not committed
        pid = folder.name.removeprefix(".building-")
        if pid.isdigit() and (int(pid) == os.getpid() or not Path(f"/proc/{pid}").exists()):
            shutil.rmtree(folder, ignore_errors=True)
    for link in [*out.glob(".current-*"), *out.glob(".internal.duckdb-*"), *out.glob(".public.duckdb-*")]:
        pid = link.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            link.unlink(missing_ok=True)
