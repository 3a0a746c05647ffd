"""The static public site (`python -m sinkboard publish`), published from a public warehouse alone: every view in both
languages, the figures of the live public pages, nothing private, nothing from another host, its weight, and the
switch that leaves the served site whole when a publish fails."""

import gzip
import json
import re
import shutil
import subprocess
import sys

import duckdb
import pytest
from private import private_values

from sinkboard import PROJECT_ROOT
from sinkboard.app import page_list
from sinkboard.outputs.site.publish import PublishError, as_of_options, publish
from sinkboard.outputs.site.views import LIST_ROWS, VIEWS
from sinkboard.store.warehouse import connect
from sinkboard.text.catalogue import value_label

LANGS = ("zh", "en")
MB = 1_000_000
TEXT_FILES = (".json", ".gz", ".html", ".css")  # the site's pages, styles and documents (stored gzip-compressed)


def site_texts(site):
    """The site's pages, styles and documents (not the renderer's bundle, whose libraries name their own web sites in
    strings it never fetches, nor the assets' .gz copies of it): (path, text)."""
    for path in sorted(site.rglob("*")):
        if path.suffix in TEXT_FILES and not (path.suffix == ".gz" and "assets" in path.relative_to(site).parts):
            yield path, readable(path)


def readable(path):
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def public_copy(warehouse, folder):
    """The warehouse's public file alone, as a public server holds it (the internal file is not there)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy((warehouse / "public.duckdb").resolve(), folder / "public.duckdb")
    return folder


def published(warehouse, root):
    """The site published from the warehouse's public file alone."""
    publish(public_copy(warehouse, root / "public"), root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def mini_site(mini_warehouse, tmp_path_factory):
    return published(mini_warehouse, tmp_path_factory.mktemp("mini_site"))


@pytest.fixture(scope="module")
def sample_site(sample_warehouse, tmp_path_factory):
    return published(sample_warehouse, tmp_path_factory.mktemp("sample_site"))


@pytest.fixture(scope="module")
def history_site(mini_history, tmp_path_factory):
    """The site of a warehouse of two ingests (mini, then mini + mini_next): its view of what changed has figures."""
    return published(mini_history, tmp_path_factory.mktemp("history_site"))


def document(site, view, lang, area="province", as_of=None):
    manifest = json.loads((site / "data" / "manifest.json").read_text(encoding="utf-8"))
    as_of = as_of or manifest["default_as_of"]
    return json.loads(gzip.decompress((site / "data" / view / area / f"{as_of}.{lang}.json.gz").read_bytes()))


def texts(blocks):
    """Every text a document shows, its tables' cells and its charts' figures included."""
    for block in blocks:
        for key in ("text", "label", "title"):
            if key in block:
                yield str(block[key])
        yield from block.get("lines", [])
        for tile in block.get("tiles", []):
            yield from (str(v) for v in tile.values())
        if "table" in block:
            yield from block["table"]["columns"]
            for row in block["table"]["rows"]:
                yield from (str(v) for v in row)
            yield block["csv"]
        for frame in block.get("data", {}).values():
            for row in frame["rows"]:
                yield from (str(v) for v in row)
        for option in block.get("options", []):
            yield option["label"]
            yield from texts(option["blocks"])


def test_every_view_has_a_page_and_documents_in_both_languages(mini_site):
    manifest = json.loads((mini_site / "data" / "manifest.json").read_text(encoding="utf-8"))
    public_pages = {p.url_path for p in page_list.PAGES if p.audience == "public"}
    assert set(VIEWS) == public_pages
    assert (mini_site / "index.html").exists()
    for lang in LANGS:
        for view in VIEWS:
            page = (mini_site / lang / f"{view}.html").read_text(encoding="utf-8")
            assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
            assert "<title>" in page and f'src="../assets/site.js?v={manifest["assets"]}"' in page
            for area in manifest["areas"]:
                assert f'value="{area["key"]}"' in page
            for as_of in manifest["as_of"]:
                for area in manifest["areas"]:
                    assert (mini_site / "data" / view / area["key"] / f"{as_of}.{lang}.json.gz").exists()


def test_as_of_options_are_each_year_end_and_the_latest_month_end():
    import datetime as dt

    assert as_of_options(dt.date(2019, 1, 31), dt.date(2025, 10, 31)) == [
        "2025-10-31", "2024-12-31", "2023-12-31", "2022-12-31", "2021-12-31", "2020-12-31", "2019-12-31"]
    # a latest date within a month counts to the month end before it: the public figures are monthly
    assert as_of_options(dt.date(2021, 3, 31), dt.date(2022, 12, 30))[:2] == ["2022-11-30", "2021-12-31"]
    assert as_of_options(dt.date(2021, 3, 31), dt.date(2022, 12, 31))[:2] == ["2022-12-31", "2021-12-31"]


def test_the_site_carries_the_zones_and_the_registered_projects(mini_site, mini_warehouse):
    con = connect(mini_warehouse / "public.duckdb")
    zones = con.execute("select zone, zone_en from zones").fetchall()
    registered = {r[0] for r in con.execute("select project_id from projects").fetchall()}
    con.close()
    assert zones and registered
    for lang in LANGS:
        shown = "\n".join(texts(document(mini_site, "overview", lang)["blocks"]))
        for zone, zone_en in zones:
            assert (zone if lang == "zh" else zone_en) in shown
        listed = "\n".join(texts(document(mini_site, "open_registry", lang)["blocks"]))
        assert {p for p in registered if p in listed} == registered


def test_the_site_holds_nothing_private(mini_site, mini_warehouse):
    """People's names, unregistered projects, payments and source files of the internal warehouse appear in no file."""
    secrets = private_values(mini_warehouse)
    assert all(secrets.values()), secrets
    every_file = "\n".join(text for _path, text in site_texts(mini_site))
    for kind, values in secrets.items():
        leaked = sorted(v for v in values if v and v in every_file)
        assert leaked == [], f"the site shows {kind}: {leaked[:5]}"


def test_the_view_of_what_changed_names_the_new_project_and_the_change_of_the_registered_scale(history_site,
                                                                                              mini_history):
    """mini_next's P07 (翠屏竹林经营, 5,000 mu) newly registered; the province's published registered scale 3,000 →
    12,000 mu (inside 4,500 → 13,500: a farmer's 1,500 mu is never published); nothing
    private (P02, a farmer's project whose area changed, is nowhere) in any file of the site."""
    for lang in LANGS:
        doc = document(history_site, "open_changes", lang)
        registered = next(b for b in doc["blocks"] if b["kind"] == "table" and b["name"] == "open_changes_registered")
        rows = {row[0]: row for row in registered["table"]["rows"]}
        # its name, county, prefecture, type, area (5,000 mu), registered date, then the columns offered: zone, id
        assert rows["翠屏竹林经营"][4:] == ["5,000", "2023-09-15", value_label("川南", lang), "P07"]
        switch = next(b for b in doc["blocks"] if b["kind"] == "switch")
        # the first measure, the registered scale: the province first, before, after, change
        by_zone = switch["options"][0]["blocks"][0]["table"]["rows"]
        assert by_zone[0] == [value_label("全省", lang), "3,000", "12,000", "9,000"]
    every_file = "\n".join(text for _path, text in site_texts(history_site))
    assert "P02" not in every_file and "锦江城市森林" not in every_file
    for kind, values in private_values(mini_history).items():
        leaked = sorted(v for v in values if v and v in every_file)
        assert leaked == [], f"the site shows {kind}: {leaked[:5]}"


def test_no_page_or_document_names_another_host(mini_site):
    for path, text in site_texts(mini_site):
        found = re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I)
        assert found == [], f"{path.relative_to(mini_site)} names {found[:3]}"


def test_each_view_weighs_at_most_a_megabyte_compressed(sample_site):
    """What a reader's browser fetches for a view (its page, the script, the style, its document, the boundaries of a
    map), gzip-compressed as the web server sends it."""

    def weight(path):
        data = path.read_bytes()
        # a document is stored compressed and sent as it is; the rest as nginx compresses it
        return len(data) if path.suffix == ".gz" else len(gzip.compress(data, compresslevel=6))

    shared = weight(sample_site / "assets" / "site.js") + weight(sample_site / "assets" / "site.css")
    counties = weight(sample_site / "assets" / "geo" / "sichuan_counties.geojson")
    for lang in LANGS:
        for view in VIEWS:
            manifest = json.loads((sample_site / "data" / "manifest.json").read_text(encoding="utf-8"))
            heaviest = max(weight(p) for p in (sample_site / "data" / view).rglob(f"*.{lang}.json.gz"))
            total = weight(sample_site / lang / f"{view}.html") + shared + heaviest
            if view in ("map", "pools"):
                total += counties + weight(sample_site / "assets" / "geo" / "sichuan_prefectures.geojson")
            assert total <= MB, (view, lang, total, manifest["default_as_of"])
    # the whole site on disk (the sample is scale 1; benchmarks/README.md gives the figure at scale 50)
    assert sum(p.stat().st_size for p in sample_site.rglob("*") if p.is_file()) <= 30 * MB


def test_publishing_again_switches_the_site_and_keeps_the_one_before(mini_warehouse, tmp_path):
    public = public_copy(mini_warehouse, tmp_path / "public")
    site = tmp_path / "site"
    first = publish(public, site)
    assert site.is_symlink() and site.resolve() == first.resolve()
    second = publish(public, site)
    assert site.resolve() == second.resolve() and first.exists()
    third = publish(public, site)
    assert site.resolve() == third.resolve() and second.exists() and not first.exists()


def test_a_failed_publish_leaves_the_served_site_and_says_why_in_one_line(mini_warehouse, tmp_path):
    public = public_copy(mini_warehouse, tmp_path / "public")
    site = tmp_path / "site"
    served = publish(public, site)
    before = sorted(p.relative_to(served) for p in served.rglob("*"))
    # a public file that lost a table the views read: the build fails half way
    broken = public_copy(mini_warehouse, tmp_path / "broken")
    con = duckdb.connect(str(broken / "public.duckdb"))
    con.execute("drop table carbon_stock")
    con.close()
    result = subprocess.run([sys.executable, "-m", "sinkboard", "publish", "--warehouse", str(broken), "--out", str(site)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"publish failed, the site at {site} is unchanged"), result.stderr
    assert site.resolve() == served.resolve()
    assert sorted(p.relative_to(served) for p in served.rglob("*")) == before
    assert not list((tmp_path / "site.versions").glob(".building-*"))
    # no public file at all, and a folder in the way of the link: refused before anything is built
    with pytest.raises(PublishError, match="no public warehouse"):
        publish(tmp_path / "nowhere", site)
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "index.html").write_text("someone's site")
    with pytest.raises(PublishError, match="not a site published here"):
        publish(public, tmp_path / "taken")


def test_ingest_publishes_the_site_when_asked(tmp_path):
    out, site = tmp_path / "warehouse", tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "sinkboard", "ingest", str(PROJECT_ROOT / "tests" / "fixtures" / "mini"),
                             "--out", str(out), "--publish", str(site)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"site published to {site}" in result.stdout
    assert (site / "zh" / "overview.html").exists()


# ---------------------------------------------------------------------------------------------------------------------
# the same figures as the live public pages


def shown_by(app):
    """The tiles (label, value, delta) and the lines of text a live page shows."""
    tiles = [(m.label, m.value, m.delta or None) for m in app.metric]
    lines = [line for kind in ("caption", "text", "info") for e in getattr(app, kind) for line in str(e.value).split("\n")]
    return tiles, lines


def static_shown(doc):
    tiles, lines = [], []

    def walk(blocks, first_only):
        for block in blocks:
            if block["kind"] == "tiles":
                tiles.extend((t["label"], t["value"], t.get("note")) for t in block["tiles"])
            elif block["kind"] in ("caption", "notice") and not block.get("site"):
                lines.append(block["text"])
            elif block["kind"] == "lines":
                lines.extend(block["lines"])
            elif block["kind"] == "switch":
                walk(block["options"][0]["blocks"], first_only)

    walk(doc["blocks"], True)
    return tiles, lines


def static_tables(doc):
    """The tables a static view shows with every switch at its first option: (headings shown first, rows)."""
    found = []

    def walk(blocks):
        for block in blocks:
            if block["kind"] == "table":
                found.append((block["table"]["columns"][:block["table"]["first"]], block["table"]["rows"]))
            elif block["kind"] == "switch":
                walk(block["options"][0]["blocks"])

    walk(doc["blocks"])
    return found


def states(site):
    """The province at the latest date, the fourth zone at the third date offered, the first prefecture at the second:
    the static area's key and date, and the live page's address parameters for the same choice."""
    manifest = json.loads((site / "data" / "manifest.json").read_text(encoding="utf-8"))
    dates, areas = manifest["as_of"], manifest["areas"]
    zone = [a for a in areas if a["kind"] == "zone"][3]
    prefecture = [a for a in areas if a["kind"] == "prefecture"][0]
    return [("province", dates[0], {}),
            (zone["key"], dates[min(2, len(dates) - 1)], {"zone": zone["zone"], "as_of": dates[min(2, len(dates) - 1)]}),
            (prefecture["key"], dates[min(1, len(dates) - 1)],
             {"prefecture": prefecture["key"], "as_of": dates[min(1, len(dates) - 1)]})]


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("exports", ["sample", "mini"])
def test_the_static_view_shows_the_live_public_pages_figures(open_app, request, tmp_path, view, lang, exports):
    """For each state (province, a zone, a prefecture): the same tiles, every line of text, and the same tables (their
    headings, rows and the text of their first column) as the live public page, the live page's internal file deleted."""
    site = request.getfixturevalue(f"{exports}_site")
    warehouse = request.getfixturevalue(f"{exports}_warehouse")
    assert_same_as_live(open_app, site, public_copy(warehouse, tmp_path / "public"), view, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_static_view_of_what_changed_shows_the_live_pages_figures(open_app, history_site, mini_history, tmp_path,
                                                                       lang):
    """As above, on a warehouse of two ingests, where the view has figures to compare and projects to list."""
    assert_same_as_live(open_app, history_site, public_copy(mini_history, tmp_path / "public"), "open_changes", lang)


def assert_same_as_live(open_app, site, public, view, lang):
    page = next(p for p in page_list.PAGES if p.url_path == view)
    for area, as_of, params in states(site):
        app = open_app(public, "public", page=page.file, query_params={"lang": lang, **params})
        doc = document(site, view, lang, area, as_of)
        live_tiles, live_lines = shown_by(app)
        static_tiles, static_lines = static_shown(doc)
        assert static_tiles == live_tiles, area
        # every line the static view writes is one the live page writes (the live sidebar and notes add their own)
        assert [line for line in static_lines if line not in live_lines] == [], area
        live_tables = [frame.value for frame in app.dataframe]
        for headings, rows in static_tables(doc):
            same = [frame for frame in live_tables if list(frame.columns) == headings]
            assert same, (area, headings)
            live = same[0]
            # the static page lists at most LIST_ROWS projects where the live one shows more or pages through them
            assert len(rows) == len(live) or len(rows) == LIST_ROWS, (area, headings)
            if live.dtypes.iloc[0] == object:
                assert [r[0] for r in rows] == [str(v) for v in live.iloc[: len(rows), 0]], (area, headings)


def test_an_intake_publishes_the_site_again_in_the_background(mini_warehouse, tmp_path, monkeypatch):
    """With SINKBOARD_PUBLISH set, the intake's rebuild starts a publish of its own (the page does not wait for it)."""
    import time

    from sinkboard.ingest import intake

    site = tmp_path / "site"
    monkeypatch.setenv("SINKBOARD_PUBLISH", str(site))
    assert intake.start_publish(public_copy(mini_warehouse, tmp_path / "public")) == site
    log = tmp_path / "site.versions" / "publish.log"
    deadline = time.monotonic() + 900  # a bound only a fault reaches: a publish of the fixtures takes a minute or two
    while "publish" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(2)
    assert "site published to" in log.read_text(), log.read_text()
    assert (site / "zh" / "overview.html").exists()
    monkeypatch.delenv("SINKBOARD_PUBLISH")
    assert intake.start_publish(tmp_path / "public") is None
