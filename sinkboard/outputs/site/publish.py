"""`python -m sinkboard publish`: the static public site written from the public warehouse alone, every view in both
languages for every area and as-of month end the site offers, built beside the site being served and switched in with
one rename (SITE is a link to a version folder); a failed publish leaves the served site as it was."""

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import vl_convert

from sinkboard import PROJECT_ROOT, REFERENCE_DIR, WAREHOUSE_FORMAT
from sinkboard.figures.choice import choose, date_range, published_as_of
from sinkboard.outputs.site import pages
from sinkboard.outputs.site.document import Document
from sinkboard.outputs.site.views import BOUNDARIES, VIEWS, State
from sinkboard.store import files, warehouse
from sinkboard.text import formats
from sinkboard.text.catalogue import LANGUAGES, text, value_label

ASSETS = Path(__file__).parent / "assets"
BASIS = "development"  # the dashboard's default basis, which every caption states
KEEP = 2  # versions kept: the one served and the one before it (a reader may still be fetching its files)


class PublishError(Exception):
    """The site cannot be published (no public warehouse, an old format, a folder in the way); the message says why."""


def as_of_options(first, latest):
    """The as-of dates the site offers: every year end within the data and the latest month end, newest first.
    The public figures are monthly, so a month end is what they can stand for."""
    latest = published_as_of(latest)
    years = [dt.date(year, 12, 31) for year in range(first.year, latest.year + 1) if dt.date(year, 12, 31) < latest]
    return [latest.isoformat(), *(day.isoformat() for day in reversed(years))]


def areas(zones, prefectures):
    """The areas the site offers: the province, each zone (z1… in the plan's order) and each prefecture (by code)."""
    listed = [{"key": "province", "kind": "province", "zone": None, "prefecture_code": None,
               "name": {lang: text("all_province", lang) for lang in LANGUAGES}}]
    for number, row in enumerate(zones.sort_values("sort_order").itertuples(), start=1):
        listed.append({"key": f"z{number}", "kind": "zone", "zone": row.zone, "prefecture_code": None,
                       "name": {"zh": row.zone, "en": row.zone_en or value_label(row.zone, "en")}})
    for row in prefectures.itertuples():
        listed.append({"key": row.prefecture_code, "kind": "prefecture", "zone": row.zone,
                       "prefecture_code": row.prefecture_code,
                       "name": {lang: value_label(row.prefecture_name, lang) for lang in LANGUAGES}})
    return listed


def document(view, lang, area, as_of, run, facts):
    """One view's document for one state, as JSON text."""
    zones, prefectures, is_synthetic, built_at = facts
    # a prefecture is chosen alone, as the live page's address names it (?prefecture=…): the province's targets, named so
    zone = area["zone"] if area["kind"] == "zone" else None
    choice = choose(zones, prefectures, lang, as_of, BASIS, zone, area["prefecture_code"])
    state = State(choice, run, zones, is_synthetic, built_at)
    _nav, title_key, build = VIEWS[view]
    doc = Document(text(title_key, lang), lang, choice.context(is_synthetic))
    build(doc, state)
    return doc.as_json(area["name"][lang], as_of.isoformat())


def _facts(query):
    zones, prefectures = query("zones"), query("prefectures")
    return zones, prefectures, bool(query("synthetic").iloc[0].is_synthetic), query("freshness").iloc[0].built_at


def write_documents(path, folder, as_of_text):
    """Every view's documents at one as-of date, for every area, in both languages (one worker's share of the site)."""
    connection = warehouse.connect(path)
    try:
        def query(name, **params):
            return warehouse.run_query(connection, name, **params)

        facts = _facts(query)
        as_of = dt.date.fromisoformat(as_of_text)
        for area in areas(facts[0], facts[1]):
            results = {}  # a state's query results, shared by its views and its two languages

            def run(name, **params):
                key = (name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())))
                if key not in results:
                    results[key] = query(name, **params)
                return results[key]

            for view in VIEWS:
                target = folder / "data" / view / area["key"]
                target.mkdir(parents=True, exist_ok=True)
                for lang in LANGUAGES:
                    # stored compressed: the site is a tenth of the size, on disk and on the wire, on any server
                    packed = gzip.compress(document(view, lang, area, as_of, run, facts).encode(), 9, mtime=0)
                    (target / f"{as_of_text}.{lang}.json.gz").write_bytes(packed)
    finally:
        connection.close()
    return as_of_text


def run_workers(path, folder, dates, workers):
    """Writes each date's documents in a Python process of its own (a fresh interpreter, whatever state this one
    holds), `workers` at once; a worker that fails stops the others and the publish, naming its date and cause."""
    pending, running = list(dates), []
    try:
        while pending or running:
            while pending and len(running) < workers:
                as_of, errors = pending.pop(0), tempfile.TemporaryFile()
                command = [sys.executable, "-m", "sinkboard.outputs.site.publish", str(path), str(folder), as_of]
                running.append((as_of, errors, subprocess.Popen(command, cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL,
                                                                stdout=subprocess.DEVNULL, stderr=errors)))
            as_of, errors, process = running.pop(0)
            with errors:
                if process.wait() != 0:
                    errors.seek(0)
                    lines = errors.read().decode("utf-8", "replace").strip().splitlines() or [f"exit {process.returncode}"]
                    raise PublishError(f"the documents as of {as_of} could not be written: {lines[-1]}")
    finally:
        for _as_of, errors, process in running:
            process.kill()
            process.wait()
            errors.close()


def write_site(path, folder, workers=None):
    """Writes the whole site into folder (new, empty) from the public warehouse file at path; the documents of each
    as-of date are made by a process of their own, as many at once as the machine has cores."""
    connection = warehouse.connect(path)
    try:
        if warehouse.warehouse_format(connection) != WAREHOUSE_FORMAT:
            raise PublishError(f"the warehouse in {path.parent} was built by an older version: ingest it again")
        span = date_range(warehouse.run_query(connection, "data_dates").iloc[0])
        if span is None:
            raise PublishError("the public warehouse holds no dated record: nothing to publish")
        zones, prefectures, is_synthetic, built_at = _facts(lambda name: warehouse.run_query(connection, name))
    finally:
        connection.close()
    offered = as_of_options(*span)
    manifest = {"as_of": offered, "default_as_of": offered[0], "is_synthetic": is_synthetic,
                "built_at": {lang: formats.moment(built_at, lang) for lang in LANGUAGES},
                "areas": areas(zones, prefectures), "views": list(VIEWS)}
    run_workers(path, folder, offered, workers or min(len(offered), os.cpu_count() or 1))

    # the assets first: the pages name them by their digest, so a browser never runs an old renderer on new documents
    assets = folder / "assets"
    (assets / "geo").mkdir(parents=True)
    snippet = (ASSETS / "site.js").read_text(encoding="utf-8")
    (assets / "site.js").write_text(vl_convert.javascript_bundle(snippet), encoding="utf-8")
    shutil.copyfile(ASSETS / "site.css", assets / "site.css")
    shutil.copyfile(Path(__file__).parents[2] / "app" / "favicon.png", assets / "favicon.png")
    for name in BOUNDARIES.values():
        shutil.copyfile(REFERENCE_DIR / "geo" / name, assets / "geo" / name)
    digest = hashlib.sha256()
    for path in [assets / "site.js", assets / "site.css", *sorted((assets / "geo").iterdir())]:
        digest.update(path.read_bytes())
        # compressed once here, which nginx sends as it is (gzip_static) instead of compressing it for every reader
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
    manifest["assets"] = digest.hexdigest()[:12]

    (folder / "data" / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    for lang in LANGUAGES:
        (folder / lang).mkdir()
        for view in VIEWS:
            (folder / lang / f"{view}.html").write_text(pages.view_page(manifest, lang, view, VIEWS), encoding="utf-8")
        (folder / lang / "index.html").write_text(pages.index_page(manifest, lang, VIEWS), encoding="utf-8")
    (folder / "index.html").write_text(pages.root_page(manifest, VIEWS), encoding="utf-8")
    return manifest


def publish(warehouse_dir, out):
    """Builds the site from WAREHOUSE_DIR/public.duckdb beside OUT and switches OUT to it with one rename; keeps the
    version before it. Returns the version folder."""
    out = Path(out)
    path = Path(warehouse_dir) / "public.duckdb"
    if not path.exists():
        raise PublishError(f"no public warehouse in {warehouse_dir}: run python -m sinkboard ingest SOURCE --out "
                           f"{warehouse_dir}")
    if out.exists() and not out.is_symlink():
        if out.is_dir() and not any(out.iterdir()):
            out.rmdir()
        else:
            raise PublishError(f"{out} is not a site published here (a folder or file, not a link to a version): move "
                               "it away or publish to another place")
    versions = out.parent / f"{out.name}.versions"
    versions.mkdir(parents=True, exist_ok=True)
    try:
        lock = files.acquire(versions / ".publish.lock", wait=False)
    except BlockingIOError:
        raise PublishError(f"another publish into {out} is running") from None
    try:
        for leftover in versions.glob(".building-*"):
            pid = leftover.name.removeprefix(".building-")
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                shutil.rmtree(leftover, ignore_errors=True)
        building = versions / f".building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        try:
            write_site(path.resolve(), building)
            version = versions / f"v-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}-{os.getpid()}"
            os.rename(building, version)
            files.fsync_folder(versions)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        link = out.parent / f".{out.name}-{os.getpid()}"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(version.relative_to(out.parent))
        os.replace(link, out)
        files.fsync_folder(out.parent)
        _remove_old(versions, version)
    finally:
        os.close(lock)
    return version


def _remove_old(versions, current):
    """Removes versions older than the newest KEEP; the served one is never removed."""
    kept = sorted((p for p in versions.glob("v-*") if p.is_dir()), key=lambda p: p.name)
    for folder in kept[:-KEEP]:
        if folder != current:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    # one worker of run_workers: PATH FOLDER AS_OF
    write_documents(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
