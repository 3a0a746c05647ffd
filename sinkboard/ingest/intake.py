"""Data intake from the browser: checks uploaded export files, dry-runs the ingest with them in a temporary copy of the
source folder, and on confirmation stores them in the source folder (named by date and SHA-256, with a manifest line
each) and rebuilds the warehouses. No Streamlit here: the page draws what these functions return."""

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pandas as pd

from sinkboard import DEFAULT_WAREHOUSE_DIR, PROJECT_ROOT, SAMPLE_DIR
from sinkboard.ingest.build import IngestError, ingest
from sinkboard.ingest.contract import DATASETS, header_key
from sinkboard.ingest.readers import SUFFIXES, normalised_rows, read_file
from sinkboard.store import warehouse
from sinkboard.store.files import file_sha256, locked
from sinkboard.text import formats, hidden

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILES = 20
MAX_NAME_BYTES = 255  # what Linux file systems allow for one name, the stored prefix included
MANIFEST = "intake-manifest.jsonl"  # at the top of the source folder, where the ingest never looks
DEFAULT_SOURCE = "intake-source"  # beside the default (sample) warehouse: data/sample in the repo is never written
HEADER_ROWS = 11  # the contract's header search: up to 10 title rows above the header
COUNT_COLUMNS = ["rows_read", "rows_loaded", "rows_rejected", "rows_skipped", "rows_duplicate"]


@dataclass(frozen=True)
class Place:
    """Where confirmed files go (source), what that folder starts as a copy of (seed), and the warehouses to rebuild."""

    source: Path
    seed: Path | None
    warehouse: Path

    def reading(self):
        """The folder that holds the current exports: the source, or its seed until the first intake copies it."""
        return self.seed if self.seed is not None and not self.source.is_dir() else self.source


def place_from_settings():
    """SINKBOARD_SOURCE when set; for the default sample warehouse a copy-on-write folder beside it; else None
    (a warehouse named by SINKBOARD_WAREHOUSE was built from a folder only its owner knows)."""
    configured = os.environ.get("SINKBOARD_SOURCE", "").strip()
    if configured:
        return Place(Path(configured), None, warehouse.warehouse_dir())
    if warehouse.uses_default_warehouse():
        return Place(DEFAULT_WAREHOUSE_DIR / DEFAULT_SOURCE, SAMPLE_DIR, DEFAULT_WAREHOUSE_DIR)
    return None


@dataclass(frozen=True)
class Upload:
    name: str  # as the browser sent it
    data: bytes = field(repr=False)
    dataset: str | None = None
    sha256: str | None = None  # worked out from the data when not given

    def __post_init__(self):
        if self.sha256 is None:
            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())

    @property
    def size(self):
        return len(self.data)


@dataclass(frozen=True)
class Refusal:
    """An upload that will not be taken, with why: `reason` picks the message (intake_refused_<reason> in i18n)."""

    name: str
    reason: str
    detail: dict = field(default_factory=dict)


def megabytes(size):
    return f"{size / 1024 / 1024:.1f}"


def file_size(size):
    """A file's size as people read it: 377 B, 5.5 KB, 12.3 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{megabytes(size)} MB"


def name_problem(name):
    """The refusal reason for a file name, or None when it can be stored as it is."""
    if "/" in name or "\\" in name or ":" in name or name in ("", ".", ".."):
        return "path_in_name"  # ../x.csv, a/b.csv, a\b.csv, /abs.csv, C:x.csv
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "bad_name"
    if name.startswith((".", "~$")):
        return "hidden_name"  # hidden files and Excel lock files are not exports; the ingest skips them
    if len(stored_name(dt.datetime.now(dt.timezone.utc), "0" * 64, name).encode("utf-8")) > MAX_NAME_BYTES:
        return "name_too_long"
    return None


def file_problem(upload: Upload):
    """The refusal for what the file itself is (name, type, size), or None; duplicates and datasets come after."""
    problem = name_problem(upload.name)
    if problem:
        return Refusal(upload.name, problem)
    suffix = Path(upload.name).suffix.lower()
    if suffix not in SUFFIXES:
        return Refusal(upload.name, "wrong_type", {"suffix": suffix or "—", "allowed": " ".join(SUFFIXES)})
    if upload.size == 0:
        return Refusal(upload.name, "empty")
    if upload.size > MAX_FILE_BYTES:
        return Refusal(upload.name, "too_big", {"size": megabytes(upload.size), "limit": megabytes(MAX_FILE_BYTES)})
    return None


def check(uploads, place: Place):
    """(accepted uploads, refusals), in upload order. Too many files refuses the whole batch."""
    if len(uploads) > MAX_FILES:
        return [], [Refusal("", "too_many", {"count": len(uploads), "limit": MAX_FILES})]
    existing = source_hashes(place.reading())
    seen = {}
    accepted, refusals = [], []
    for upload in uploads:
        refusal = file_problem(upload)
        if refusal is None and upload.sha256 in existing:
            refusal = Refusal(upload.name, "duplicate_in_source", {"existing": existing[upload.sha256]})
        elif refusal is None and upload.sha256 in seen:
            refusal = Refusal(upload.name, "duplicate_in_upload", {"other": seen[upload.sha256]})
        elif refusal is None and upload.dataset not in DATASETS:
            refusal = Refusal(upload.name, "no_dataset")
        if refusal:
            refusals.append(refusal)
        else:
            accepted.append(upload)
            seen[upload.sha256] = upload.name
    return accepted, refusals


def dataset_files(folder: Path):
    """Every file in the dataset folders of an export folder, as (path relative to it, path)."""
    for name in DATASETS:
        sub = folder / name
        if sub.is_dir():
            for path in sorted(sub.iterdir()):
                if path.is_file():
                    yield path.relative_to(folder).as_posix(), path


def source_hashes(folder: Path):
    """sha256 -> the relative path of a file already in the source folder."""
    return {file_sha256(path): relative for relative, path in dataset_files(folder)} if folder.is_dir() else {}


def source_state(folder: Path):
    """What a dry run was made against: which folder, and every file in it with its size and modification time."""
    files = tuple((rel, p.stat().st_size, p.stat().st_mtime_ns) for rel, p in dataset_files(folder)) if folder.is_dir() else ()
    return str(folder), files


def infer_dataset(name, data):
    """The dataset whose required columns a file's header row names, or None when none or several fit equally.

    The header row is looked for as the ingest does (the first rows, after up to 10 title rows); among the datasets
    whose required columns are all there, the one naming the most of its columns wins."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES or not data:
        return None
    with tempfile.TemporaryDirectory(prefix="sinkboard-infer-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            sheet = read_file(path)
        except Exception:  # FileProblem and the readers' own errors: an unreadable file gets its message from the dry run
            return None
    try:  # the first rows that hold a value, not the whole file
        rows = [cells for _, cells in islice((r for r in normalised_rows(sheet.rows) if r[1].count(None) < len(r[1])),
                                             HEADER_ROWS)]
    finally:
        sheet.close()
    scores = {}
    for dataset in DATASETS.values():
        lookup = dataset.header_lookup()
        for cells in rows:
            named = {lookup.get(header_key(c)) for c in cells if c is not None} - {None}
            if all(named.intersection(group) for group in dataset.required):
                scores[dataset.name] = max(scores.get(dataset.name, 0), len(named))
    if not scores:
        return None
    best = max(scores.values())
    winners = [name for name, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def stored_name(at, sha256, name):
    """Date and time first, so the ingest's lexical order (later = newer) puts an upload after older exports."""
    return f"{at:%Y-%m-%d_%H%M%S}_{sha256[:16]}_{name}"


def stored_path(upload: Upload, at):
    return f"{upload.dataset}/{stored_name(at, upload.sha256, upload.name)}"


@dataclass
class FileOutcome:
    upload: Upload
    stored_as: str  # relative to the source folder
    counts: dict  # rows_read, rows_loaded, rows_rejected, rows_skipped, rows_duplicate
    reasons: pd.DataFrame  # reason, rows
    rejects: pd.DataFrame  # source_row, reason, message, faults, raw


@dataclass
class DryRun:
    uploads: list
    at: dt.datetime  # the time in the stored names
    state: tuple  # source_state of the folder it ran against
    files: list = field(default_factory=list)  # FileOutcome per upload
    after: pd.DataFrame | None = None  # ingest_files of the warehouse it would build
    error: str | None = None


def link_or_copy(source, destination):
    """Hard links when the temp folder is on the same file system (nothing is copied), copies otherwise."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def one_line(error, names=None):
    """An error as one line a person can act on; the staged names in it become the names they uploaded."""
    message = " ".join(str(error).split()) or type(error).__name__
    for stored, original in (names or {}).items():
        message = message.replace(stored, original)
    return message if isinstance(error, IngestError) else f"{type(error).__name__}: {message}"


def dry_run(uploads, place: Place, at=None):
    """Ingests a temporary copy of the source folder plus the uploads into a temporary warehouse; nothing else is
    written. The result says, per upload, what would load and what would be rejected and why."""
    at = at or dt.datetime.now(dt.timezone.utc)
    reading = place.reading()
    result = DryRun(list(uploads), at, source_state(reading))
    stored = {upload.sha256: stored_path(upload, at) for upload in uploads}
    names = {stored[u.sha256]: u.name for u in uploads}
    if not reading.is_dir():
        result.error = f"{reading}: no such folder"
        return result
    with tempfile.TemporaryDirectory(prefix="sinkboard-intake-") as folder:
        staging = Path(folder) / place.source.name  # the same name, so the build says where its data came from
        try:
            shutil.copytree(reading, staging, copy_function=link_or_copy)
            for upload in uploads:
                target = staging / stored[upload.sha256]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(upload.data)
            ingest(staging, Path(folder) / "warehouse")
            after, rejects = built_files(Path(folder) / "warehouse" / "internal.duckdb")
        except Exception as error:  # every failure is one line on the page, never a traceback
            result.error = one_line(error, names)
            return result
    result.after = after
    for upload in uploads:
        relative = stored[upload.sha256]
        named = hidden.stored(relative)  # the file's name as the warehouse holds it
        row = after[after.source_file == named]
        counts = {c: int(row[c].sum()) for c in COUNT_COLUMNS}
        own = rejects[rejects.source_file == named][["source_row", "reason", "message", "faults", "raw"]]
        own = own.reset_index(drop=True)
        reasons = own.groupby("reason", sort=False).size().rename("rows").reset_index()
        result.files.append(FileOutcome(upload, relative, counts, reasons, own))
    return result


def outcome_table(run: DryRun):
    """One row per upload: its name, dataset and what the dry run did with its rows."""
    rows = [{"file": o.upload.name, "dataset": o.upload.dataset, **o.counts} for o in run.files]
    return pd.DataFrame(rows, columns=["file", "dataset", *COUNT_COLUMNS])


def built_files(internal_path: Path):
    """ingest_files and rejects of a freshly built warehouse (its path is new, so no cached database stands in)."""
    con = warehouse.connect(internal_path)
    try:
        return (warehouse.run_query(con, "ingest_files"),
                warehouse.run_query(con, "rejects", dataset=None, reason=None, source_file=None, limit=None, offset=0))
    finally:
        con.close()


def dataset_changes(before: pd.DataFrame, after: pd.DataFrame):
    """Rows loaded and rejected per dataset, in the current warehouse and in the one the intake would build
    (both frames are rows of the ingest_files query; a table's rows are the rows loaded from its files)."""
    def totals(files):
        return files.groupby("dataset")[["rows_loaded", "rows_rejected"]].sum()

    old, new = totals(before), totals(after)
    frame = pd.DataFrame({"dataset": list(DATASETS)}).set_index("dataset")
    frame["rows_before"] = old.rows_loaded
    frame["rows_after"] = new.rows_loaded
    frame["rejected_before"] = old.rows_rejected
    frame["rejected_after"] = new.rows_rejected
    frame = frame.fillna(0).astype("int64")
    frame["rows_change"] = frame.rows_after - frame.rows_before
    changed = (frame.rows_change != 0) | (frame.rejected_after != frame.rejected_before)
    return frame[changed].reset_index()[["dataset", "rows_before", "rows_after", "rows_change", "rejected_before",
                                         "rejected_after"]]


@dataclass
class Confirmed:
    stored: list = field(default_factory=list)  # relative paths written into the source folder
    summary: pd.DataFrame | None = None  # the ingest's per-dataset summary
    error: str | None = None
    stale: bool = False  # the source changed since the dry run: make a new one
    publishing: Path | None = None  # the static public site being published again in the background


@contextmanager
def intake_lock(place: Place):
    """One intake at a time per warehouse folder (two staff confirming at once would race on the source and the swap).

    The lock is taken on the folder itself, so nothing is written for it."""
    place.warehouse.mkdir(parents=True, exist_ok=True)
    with locked(place.warehouse):
        yield


def confirm(run: DryRun, place: Place, who, now=None):
    """Stores the dry run's uploads in the source folder with a manifest line each and rebuilds the warehouses.

    Only a successful dry run against the source as it still is can be confirmed, so the rows loaded are the rows
    that were shown. If the rebuild fails the files and manifest lines are taken back out; the served warehouses are
    replaced only by a finished build (ingest builds beside them and renames)."""
    if run.error or not run.files:
        return Confirmed(error=run.error or "nothing to store")
    now = now or dt.datetime.now(dt.timezone.utc)
    with intake_lock(place):
        if source_state(place.reading()) != run.state:
            return Confirmed(stale=True)
        created = False
        written = []
        manifest = place.source / MANIFEST
        manifest_size = None
        try:
            if not place.source.is_dir():
                if place.seed is None:
                    return Confirmed(error=f"{place.source}: no such folder")
                copy_seed(place)
                created = True
            for outcome in run.files:
                target = place.source / outcome.stored_as
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(f".{target.name}.partial")  # hidden: the ingest never reads it
                partial.write_bytes(outcome.upload.data)
                os.replace(partial, target)
                written.append(target)
            manifest_size = manifest.stat().st_size if manifest.exists() else 0
            with manifest.open("a", encoding="utf-8") as handle:
                for outcome in run.files:
                    handle.write(json.dumps(manifest_line(outcome, who, now), ensure_ascii=False) + "\n")
            summary = ingest(place.source, place.warehouse)
        except Exception as error:
            undo(place, created, written, manifest, manifest_size)
            return Confirmed(error=one_line(error, {o.stored_as: o.upload.name for o in run.files}))
    return Confirmed(stored=[o.stored_as for o in run.files], summary=summary, publishing=start_publish(place.warehouse))


def start_publish(warehouse_dir):
    """When SINKBOARD_PUBLISH names the static public site, publishes it again from the new warehouse in a process of
    its own: it takes minutes, which the page does not wait for. A failure leaves the site as it was and writes its one
    line to publish.log beside the site's versions."""
    site = os.environ.get("SINKBOARD_PUBLISH", "").strip()
    if not site:
        return None
    site = Path(site)
    log_folder = site.parent / f"{site.name}.versions"
    log_folder.mkdir(parents=True, exist_ok=True)
    with (log_folder / "publish.log").open("a", encoding="utf-8") as log:
        subprocess.Popen([sys.executable, "-m", "sinkboard", "publish", "--warehouse", str(warehouse_dir), "--out",
                          str(site)], stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
                         cwd=PROJECT_ROOT)
    return site


def copy_seed(place: Place):
    """The source folder's first version: a full copy of its seed (copies, not links, so the seed is never changed)."""
    place.source.parent.mkdir(parents=True, exist_ok=True)
    building = place.source.with_name(f".{place.source.name}.copying-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(place.seed, building)
    os.rename(building, place.source)


def undo(place, created, written, manifest, manifest_size):
    if created:
        shutil.rmtree(place.source, ignore_errors=True)
        return
    for path in written:
        path.unlink(missing_ok=True)
    if manifest_size is not None and manifest.exists():
        if manifest_size:
            os.truncate(manifest, manifest_size)
        else:
            manifest.unlink()


def manifest_line(outcome: FileOutcome, who, now):
    upload = outcome.upload
    return {
        "received_at": now.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "by": who,
        "dataset": upload.dataset,
        "file": upload.name,
        "stored_as": outcome.stored_as,
        "sha256": upload.sha256,
        "bytes": upload.size,
        **outcome.counts,
    }


def read_manifest(source: Path):
    """The manifest's lines, oldest first (an empty list before the first intake)."""
    path = source / MANIFEST
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def history(source: Path, limit=50):
    """The latest intakes recorded in the manifest, newest first."""
    columns = ["received_at", "by", "dataset", "file", "rows_loaded", "rows_rejected", "sha256"]
    lines = read_manifest(source)[-limit:][::-1]
    frame = pd.DataFrame([{c: line.get(c) for c in columns} for line in lines], columns=columns)
    # in Beijing time, as the heading says (the manifest writes UTC)
    frame["received_at"] = [f"{formats.beijing(dt.datetime.fromisoformat(v.replace('Z', '+00:00'))):%Y-%m-%d %H:%M:%S}"
                            if isinstance(v, str) and v else None for v in frame.received_at]
    return frame
