"""Files on disk as the store handles them: one lock implementation, content hashes, durable renames."""

import fcntl
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path


def acquire(path: Path, *, shared=False, wait=True, create=True):
    """A descriptor holding an flock on path (a file, created when missing unless create=False, or a folder); closing
    it releases the lock. With wait=False a lock held by another raises BlockingIOError at once."""
    if Path(path).is_dir():
        handle = os.open(path, os.O_RDONLY)
    else:
        handle = os.open(path, (os.O_RDWR | os.O_CREAT) if create else os.O_RDONLY, 0o644)
    try:
        fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB))
    except BaseException:
        os.close(handle)
        raise
    return handle


@contextmanager
def locked(path: Path, *, shared=False, wait=True):
    handle = acquire(path, shared=shared, wait=wait)
    try:
        yield
    finally:
        os.close(handle)


_hash_cache = {}  # (path, size, mtime) -> sha256: a source folder is hashed once, not on every rerun of a page


def file_sha256(path: Path):
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _hash_cache:
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        _hash_cache[key] = digest.hexdigest()
    return _hash_cache[key]


def fsync_folder(folder: Path):
    """Makes a rename in the folder durable."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
