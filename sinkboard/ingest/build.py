"""The ingest's build: a folder of exported files into the internal and public DuckDB warehouses, every row read
accounted for."""

import datetime as dt
import gc
import json
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import reduce
from importlib import resources
from itertools import chain, islice
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sinkboard import WAREHOUSE_FORMAT, __version__
from sinkboard.figures.trading_terms import SMALL_PURCHASE_TCO2E
from sinkboard.ingest import hidden_cells, history
from sinkboard.ingest.checks import IngestError, summarise, verify
from sinkboard.ingest.console import Silent
from sinkboard.ingest.contract import CATEGORIES, DATASETS, category_rows, header_key
from sinkboard.ingest.privacy import is_organisation
from sinkboard.ingest.readers import (
    BATCH_CELLS,
    BATCH_ROWS,
    SUFFIXES,
    FileProblem,
    normalised,
    normalised_rows,
    read_file,
    stored_visibly,
    text_cell,
)
from sinkboard.ingest.regions import CountyResolver, check_plan, geography
from sinkboard.ingest.small_cells import build_public
from sinkboard.store import versions
from sinkboard.store.files import acquire, fsync_folder
from sinkboard.text.hidden import stored

SUMMARY_PREFIXES = ("合计", "总计", "小计")
MAX_TITLE_ROWS = 10
SYNTHETIC_MARKER = "SYNTHETIC.json"
# the warehouse folder: current -> v-<time>-<pid>/ holding internal.duckdb and public.duckdb (see ingest)


@dataclass
class FileRows:
    """What was read from one file; its rows are in DuckDB (the table incoming_<dataset>), not here."""
    dataset: str
    source_file: str  # path relative to the source folder, as staff see it
    sha256: str
    encoding: str
    rows_data: int = 0  # data rows handed to staging
    rows_skipped: int = 0  # summary rows


def sql_text(name):
    return resources.files("sinkboard.ingest").joinpath("sql", name).read_text(encoding="utf-8")


def discover(source: Path, allow_empty=False):
    """dataset -> its export files, in lexical order of their names (later = newer).

    Refuses a dataset folder named in the wrong case (`PROJECTS`: its files would be left out unseen), a file that
    resolves outside the source folder (a link), and, unless allow_empty, a source without a single export file:
    such a build would replace a good warehouse with an empty one."""
    if not source.is_dir():
        raise IngestError(f"{source}: no such folder")
    root = source.resolve()
    try:
        entries = sorted(p.name for p in source.iterdir() if not p.name.startswith("."))
    except OSError as error:
        raise IngestError(f"{source}: the folder cannot be read ({error.strerror or error})") from error
    miscased = [name for name in entries if name not in DATASETS and name.casefold() in DATASETS]
    if miscased:
        found = "; ".join(f"found {name}; dataset folders are lower case: {name.casefold()}" for name in miscased)
        raise IngestError(f"{source}: {found}")
    found = {}
    for name in DATASETS:
        folder = source / name
        if name not in entries:
            found[name] = []
            continue
        if not folder.is_dir():
            raise IngestError(f"{name}: a file where the folder of {name} exports should be")
        try:
            children = list(folder.iterdir())
        except OSError as error:
            raise IngestError(f"{name}/: the folder cannot be read ({error.strerror or error})") from error
        # folders and special files named like exports are kept: read_export fails them by name
        exports = [p for p in children if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))]
        for path in exports:
            try:
                target = path.resolve()
            except (OSError, RuntimeError) as error:  # a loop of links
                raise IngestError(f"{name}/{path.name}: a link that cannot be followed ({error})") from error
            if not target.is_relative_to(root):
                raise IngestError(f"{name}/{path.name}: a link to {target}, outside the source folder {source}; "
                                  f"copy the file into the folder instead")
        found[name] = sorted(exports, key=lambda p: p.name)
    if not allow_empty and not any(found.values()):
        raise IngestError(
            f"{source}: no export files found, so the warehouses would be empty; expected the folders "
            f"{', '.join(DATASETS)} holding {'/'.join(SUFFIXES)} files, found {', '.join(entries) or 'nothing'} "
            f"(to build empty warehouses on purpose, pass --allow-empty)"
        )
    return found


def one_line(problem):
    """A library's message on one line: the command prints each failure as one line."""
    return " ".join(str(problem).split())


def find_header(rows, dataset):
    """Index into rows of the header row: the first within the title rows that names half the required columns."""
    lookup = dataset.header_lookup()
    groups = dataset.required
    for index, (_, cells) in enumerate(rows[: MAX_TITLE_ROWS + 1]):
        named = {lookup.get(header_key(c)) for c in cells if c is not None}
        recognised = sum(1 for group in groups if named.intersection(group))
        if recognised * 2 >= len(groups):
            return index
    return None


# the datasets whose loaded rows keep the file they came from (loaded_sources), for the history of builds
SOURCED = ("projects", "issuances", "trades", "subsidies")
# the build's scratch database (attached under this name; settle.sql names it too), which holds the staged rows
SCRATCH = "scratch"


def incoming_table(dataset):
    """Name of the temporary table a dataset's rows are streamed into (from DATASETS, never from a file)."""
    return f"incoming_{dataset.name}"


def create_incoming(con, dataset):
    """The table of one dataset's rows as read: every column text, with the file, its order, the row and the raw JSON."""
    columns = ", ".join(f'"{column}" varchar' for column in dataset.columns)  # names from DATASETS
    con.execute(f"create or replace temp table {incoming_table(dataset)} "
                f"(_file varchar, _file_order bigint, {columns}, _row bigint, _raw varchar)")


def read_export(path: Path, source: Path, dataset, con, file_order) -> FileRows:
    """Streams one file's data rows into the dataset's incoming table, BATCH_ROWS at a time, and counts them."""
    relative = stored(path.relative_to(source).as_posix())  # a file's name is text the pages show, as a value is
    sheet = None
    try:
        sheet = read_file(path)
        return stream_export(sheet, relative, dataset, con, file_order)
    except (IngestError, duckdb.Error):
        raise
    except FileProblem as problem:
        raise IngestError(f"{relative}: {one_line(problem)}") from problem
    except FileNotFoundError as error:
        if path.is_symlink():
            raise IngestError(f"{relative}: a link to a file that does not exist ({os.readlink(path)})") from error
        raise IngestError(f"{relative}: the file disappeared while the ingest ran (moved or deleted?)") from error
    except OSError as error:
        raise IngestError(f"{relative}: the file cannot be read ({error.strerror or error})") from error
    except Exception as error:  # a reader's own error on a damaged file: still one clean failure naming the file
        raise IngestError(f"{relative}: the file cannot be read ({type(error).__name__}: {one_line(error)})") from error
    finally:
        if sheet is not None:
            sheet.close()  # closes the file when the read stopped early


def stream_export(sheet, relative, dataset, con, file_order) -> FileRows:
    # the first rows, one by one, up to the header (entirely empty rows are not counted); the rest in batches
    head = list(islice((row for row in normalised_rows(sheet.rows) if row[1].count(None) < len(row[1])),
                       MAX_TITLE_ROWS + 1))
    if not head:
        raise IngestError(f"{relative}: the file is empty (no header row)")
    header_index = find_header(head, dataset)
    if header_index is None:
        expected = ", ".join("/".join(group) for group in dataset.required)
        raise IngestError(
            f"{relative}: no header row naming the {dataset.name} columns ({expected}) in the first "
            f"{MAX_TITLE_ROWS + 1} rows; is this a {dataset.name} export?"
        )
    header_number, header = head[header_index]
    lookup = dataset.header_lookup()
    positions = {}
    for position, text in enumerate(header):
        column = lookup.get(header_key(text)) if text is not None else None
        if column is None:
            continue
        if column in positions:
            raise IngestError(
                f"{relative}: column {column} appears twice in the header on row {header_number} "
                f"({header[positions[column]]!r} and {text!r})"
            )
        positions[column] = position
    missing = [group for group in dataset.required if not any(c in positions for c in group)]
    if missing:
        names = ", ".join(" or ".join(group) for group in missing)
        raise IngestError(f"{relative}: required column {names} is missing from the header on row {header_number}")
    for column, position in positions.items():
        if position in sheet.nested:
            raise IngestError(f"{relative}: column {header[position]!r} ({column}) holds a struct, list or map in each "
                              f"cell, not one value")
    loader = BatchLoader(con, dataset, relative, file_order, header, positions)
    hidden_cells.insert(con, hidden_cells.noted_header(header_number, header, loader.names), dataset.name, relative)
    remaining = chain(head[header_index + 1 :], sheet.rows)

    def prepared():
        for batch in batches(remaining):
            numbers, rows = zip(*batch)
            yield loader.prepare_rows(numbers, rows)
        for numbers, columns in sheet.batches or ():
            yield loader.prepare(numbers, columns)

    with cycle_collection_paused():
        for insert in read_ahead(prepared()):
            loader.insert(insert)
    result = FileRows(dataset.name, relative, sheet.sha256, sheet.encoding)
    result.rows_data, result.rows_skipped = loader.rows_data, loader.rows_skipped
    return result


def batches(rows):
    """Rows in lists of BATCH_ROWS, or of fewer when they hold more than BATCH_CELLS cells: taken a hundred at a
    time, so that a batch of rows thousands of cells wide holds about as many cells as one of the usual width."""
    while True:
        batch, cells = [], 0
        while len(batch) < BATCH_ROWS and cells < BATCH_CELLS:
            piece = list(islice(rows, 100))
            if not piece:
                break
            batch += piece
            cells += sum(len(row) for _, row in piece)
        if not batch:
            return
        yield batch


def read_ahead(items):
    """The items of an iterator, each next one made in a thread while the caller works on the one before: the file's
    next batch is parsed in Python while DuckDB, which lets go of the interpreter as it runs, inserts the last one (two
    cores at work on a file instead of one). One batch ahead at most, so memory stays bounded; an exception in the
    iterator is raised here as it was; when the caller stops early, the batch in the making is finished and dropped
    before this returns, so the iterator can be closed."""
    done = object()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead") as pool:
        pending = pool.submit(next, items, done)
        while (item := pending.result()) is not done:
            pending = pool.submit(next, items, done)
            yield item


@contextmanager
def cycle_collection_paused():
    """Python's cycle collector off while a file's rows are read: each row is a new list, and the collector, set off by
    every few hundred of them, would go through every batch's rows again and again. Rows hold no cycles, so reference
    counting frees them all the same."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def extra_cells(row, width):
    """The cells of a row past the header's width that hold a value, as JSON {"column_N": text}; None when none do."""
    found = {f"column_{i + 1}": stored(value) for i in range(width, len(row))
             if row[i] is not None and (value := text_cell(row[i])) is not None}
    return json.dumps(found, ensure_ascii=False) if found else None


class BatchLoader:
    """Hands a file's data rows to its dataset's incoming table a batch at a time, in Arrow and DuckDB rather than row by
    row in Python: each cell normalised as text_cell does (hidden characters written visibly, and noted: hidden_cells),
    entirely empty rows dropped uncounted, summary rows (合计...) counted as skipped, the dataset's columns picked by their
    header position, and each row's raw JSON built.

    The raw JSON keeps the header's named columns and any other cell that holds a value (as column_N): a stray cell far
    out in the header row must not give every row thousands of empty keys. A rejected trade's raw row is shown on the
    data page, so a buyer who may be a person is masked there too."""

    def __init__(self, con, dataset, relative, file_order, header, positions):
        self.con, self.dataset, self.relative, self.file_order = con, dataset, relative, file_order
        self.header_width = len(header)
        self.named = {}  # header text -> position (a text written twice keeps its last position, as a dict would)
        for position, text in enumerate(header):
            if text is not None:
                self.named[stored(text)] = position
        self.names = hidden_cells.column_names(header, positions)
        self.columns = [positions.get(column) for column in dataset.columns]
        self.buyer, self.buyer_type = positions.get("buyer"), positions.get("buyer_type")
        self.rows_data = self.rows_skipped = 0

    def prepare_rows(self, numbers, rows):
        """The Arrow work on a batch of rows as lists of cell text: see prepare."""
        if not rows:
            return None
        width = self.header_width
        extra = None
        if set(map(len, rows)) != {width}:
            # ragged rows: the cells of a long one past the header (a stray cell far out in a workbook, say) go into its
            # raw JSON only, so a batch is never wider than the header; a short one is padded with missing cells up to
            # the batch's widest row (prepare adds the header's columns past it), not to a header far wider than it
            extra = [extra_cells(row, width) for row in rows]
            width = min(width, max(max(map(len, rows)), 1))
            rows = [row if len(row) == width else row[:width] if len(row) > width else [*row, *([None] * (width - len(row)))]
                    for row in rows]
        columns = [pa.array(column, pa.string()) for column in zip(*rows)]
        return self.prepare(pa.array(numbers, pa.int64()), columns, None if extra is None else pa.array(extra, pa.string()))

    def prepare(self, numbers, columns, extra=None):
        """A batch's rows normalised, filtered and counted as skipped, with the SQL that inserts them: (table, SQL), or
        None when no row is left. Runs in Python and Arrow, apart from DuckDB: see read_ahead."""
        columns = [normalised(column) for column in columns]
        if len(columns) > self.header_width:
            # a Parquet file's columns are its header's: never wider; kept as extra cells all the same
            extra = pa.array([extra_cells(row, self.header_width) for row in zip(*(c.to_pylist() for c in columns))],
                             pa.string())
            columns = columns[: self.header_width]
        columns, escaped = stored_visibly(columns)  # the cells of the escaped columns that held one are noted below
        first = pc.coalesce(*columns)
        if extra is not None:  # a row whose only values are past the header still holds a value
            first = pc.coalesce(first, pc.if_else(pc.is_valid(extra), "", pa.scalar(None, pa.string())))
        label = pc.replace_substring_regex(first, r"\s+", "")  # 合　计 and 小 计 as Chinese reports space them
        summary = pc.fill_null(reduce(pc.or_, [pc.starts_with(label, prefix) for prefix in SUMMARY_PREFIXES]), False)
        kept = pc.and_(pc.is_valid(first), pc.invert(summary))
        self.rows_skipped += pc.sum(summary).as_py() or 0
        table = pa.table({f"c{i}": column for i, column in enumerate(columns)} | {"_row": numbers}
                         | ({} if extra is None else {"_extra": extra})).filter(kept)
        if len(columns) < self.header_width:
            # the header's columns past the batch's widest row, added once the rows are filtered: one array of missing
            # cells for all of them, where a copy each would take gigabytes under a header thousands of cells wide
            missing = pa.chunked_array([pa.nulls(table.num_rows, pa.string())])
            cells = {f"c{i}": table.column(f"c{i}") if i < len(columns) else missing for i in range(self.header_width)}
            rest = {name: table.column(name) for name in ("_row", "_extra") if name in table.column_names}
            table = pa.table(cells | rest)
        if self.buyer is not None and self.buyer_type is not None:
            kinds = table.column(f"c{self.buyer_type}")
            organisations = [kind for kind in pc.unique(kinds).to_pylist() if is_organisation(kind)]
            table = table.append_column("_organisation", pc.fill_null(
                pc.is_in(kinds, value_set=pa.array(organisations, pa.string())), False))
        if table.num_rows == 0:
            return None
        return table, self.insert_sql(table), hidden_cells.noted_cells(table, escaped, self.names, self.buyer)

    def insert(self, prepared):
        """Inserts a batch that prepare made into the dataset's incoming table."""
        if prepared is None:
            return
        table, sql, noted = prepared
        self.con.register("batch", table)
        try:
            self.con.execute(sql, self.parameters())
        finally:
            self.con.unregister("batch")
        self.rows_data += table.num_rows
        hidden_cells.insert(self.con, noted, self.dataset.name, self.relative)

    def raw_value(self, position):
        if position == self.buyer:
            masked = f"masked_name(c{position})"
            return f"case when _organisation then c{position} else {masked} end" if self.buyer_type is not None else masked
        return f"c{position}"

    def insert_sql(self, table):
        """SQL of one batch's insert: positions are numbers and column names come from DATASETS; header texts go as
        parameters."""
        picked = ", ".join(f"c{p}" if p is not None else "null" for p in self.columns)
        raw = "json_object(" + ", ".join(f"$k{i}, {self.raw_value(p)}" for i, p in enumerate(self.named.values())) + ")"
        named = set(self.named.values())
        # cells under no header text (the batch's first header_width columns are c0, c1, ...) that hold a value
        extra = [i for i in range(self.header_width) if i not in named and table.column(i).null_count < table.num_rows]
        if extra:
            raw = f"json_merge_patch({raw}, json_object(" + ", ".join(f"'column_{i + 1}', c{i}" for i in extra) + "))"
        if "_extra" in table.column_names and table.column("_extra").null_count < table.num_rows:
            raw = f"case when _extra is null then {raw} else json_merge_patch({raw}, _extra) end"
        return f"insert into {incoming_table(self.dataset)} select $file, $order, {picked}, _row, {raw} from batch"

    def parameters(self):
        return {"file": self.relative, "order": self.file_order} | {f"k{i}": text for i, text in enumerate(self.named)}


def county_resolution(con, resolver: CountyResolver) -> pd.DataFrame:
    """Each distinct (county, county_code, prefecture) the rows in `frame` write, resolved once."""
    triples = con.execute("select distinct county, county_code, prefecture from frame").fetchall()
    rows = []
    for county, code, prefecture in triples:
        resolution = resolver.resolve(code, prefecture) if code is not None else resolver.resolve(county, prefecture)
        rows.append((county, code, prefecture, resolution.county_code, resolution.problem, resolution.fault,
                     resolution.value, resolution.detail))
    columns = ["county_raw", "county_code_raw", "prefecture_raw", "county_code", "county_problem", "county_fault",
               "county_value", "county_detail"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def load_reference(con):
    geo = geography()
    prefecture = {p["code"]: p for p in geo.prefectures}
    counties = pd.DataFrame(
        [(c["code"], c["name"], c["prefecture_code"], prefecture[c["prefecture_code"]]["name"],
          prefecture[c["prefecture_code"]]["zone"], c["name_en"], prefecture[c["prefecture_code"]]["name_en"])
         for c in geo.counties],
        columns=["county_code", "county_name", "prefecture_code", "prefecture_name", "zone", "county_name_en",
                 "prefecture_name_en"],
    )
    prefectures = pd.DataFrame(
        [(p["code"], p["name"], p["short_names"].split("|")[0], p["zone"], p["name_en"]) for p in geo.prefectures],
        columns=["prefecture_code", "prefecture_name", "short_name", "zone", "prefecture_name_en"],
    )
    zones = pd.DataFrame(
        [(z["zone"], z["name_en"], int(z["sort_order"]), z["key_types"].split("|"), z["moderate_types"].split("|"))
         for z in geo.zones],
        columns=["zone", "zone_en", "sort_order", "key_types", "moderate_types"],
    )
    former = pd.DataFrame(geo.former).rename(columns={"current_code": "county_code"})
    plan = geo.plan
    check_plan(plan, [p["code"] for p in geo.prefectures], CATEGORIES["project_type"])
    plans = pd.DataFrame([(plan["id"], plan["name"], plan["name_en"], str(plan["date"]))],
                         columns=["plan_id", "plan_name", "plan_name_en", "plan_date"])
    plan_targets = pd.DataFrame([(int(t["year"]), t["zone"], t["metric"], float(t["value"])) for t in plan.get("targets", [])],
                                columns=["year", "zone", "metric", "value"]).astype({"year": "int32", "value": "float64"})
    reference = [("counties", counties), ("prefectures", prefectures), ("zones", zones), ("former_divisions", former),
                 ("plans", plans), ("plan_targets", plan_targets)]
    for name, frame in reference:
        con.register("frame", frame)
        con.execute(f"create table {name} as select * from frame")  # name from the literal list above
        con.unregister("frame")
    con.register("frame", pd.DataFrame(category_rows(), columns=["field", "alias", "canonical"]))
    con.execute("create table category_values as select * from frame")
    con.unregister("frame")


def ingest_dataset(con, dataset, resolver):
    """Stages, settles and loads one dataset (its rows already in its incoming table) into its table, and its rejected
    rows into rejects; what is left behind is settled_<dataset>, the count of each outcome per file.

    Table names in the SQL below come from DATASETS (an allow-list), never from the files; values go as parameters."""
    table = f"raw_{dataset.name}"  # dataset names come from DATASETS
    incoming = incoming_table(dataset)
    if "county" in dataset.columns:
        # each distinct way the files write a county is resolved once; every row gets its answer by a join
        con.execute(f"create or replace temp view frame as select * from {incoming}")
        con.register("county_resolution", county_resolution(con, resolver))
        con.execute(f"create or replace temp table {table} as {sql_text('resolve_counties.sql')}")
        con.unregister("county_resolution")
        con.execute("drop view frame")
        con.execute(f"drop table {incoming}")
    else:
        con.execute(f"drop table if exists {table}")
        con.execute(f"alter table {incoming} rename to {table}")
    # the rows as read are temporary tables (inserting batches into them is quicker than into a file); the
    # staged rows go to the scratch file, and the rows as read are dropped at once, before the sorts that follow
    con.execute(f"create or replace table {SCRATCH}.staged as {sql_text(f'stage_{dataset.name}.sql')}")
    con.execute(f"drop table {table}")
    con.execute(sql_text("settle.sql"))  # the view settled: every staged row with its outcome
    con.execute(f"""
        create table {dataset.name} as
        with loaded as (
            select rec.* from settled where outcome = 'loaded' order by _file_order, _row
        )
        {"select loaded.*, counties.* exclude (county_code, county_name_en, prefecture_name_en) "
         "from loaded left join counties using (county_code)"
         if "county" in dataset.columns else "select * from loaded"}
    """)
    if dataset.name in SOURCED:
        # the file each loaded row came from, by its key: what changed between builds is told with the file behind it
        con.execute("insert into loaded_sources select $dataset, _key, _file from settled where outcome = 'loaded'",
                    {"dataset": dataset.name})
    con.execute("""
        insert into rejects
        select $dataset, _file, _row, reason, message, faults, _raw
        from settled
        where outcome in ('rejected', 'superseded')
        order by _file_order, _row
    """, {"dataset": dataset.name})
    # only the count of each outcome per file is kept for the accounting: the rows themselves are in the dataset's
    # table or in rejects
    con.execute(f"create temp table settled_{dataset.name} as select _file, outcome, count(*) as n from settled group by all")
    con.execute("drop view settled")
    con.execute(f"drop table {SCRATCH}.shared_key_outcomes")
    con.execute(f"drop table {SCRATCH}.staged")


def write_accounting(con, files_by_dataset):
    noted = hidden_cells.counts(con)
    rows = []
    for dataset, files in files_by_dataset.items():
        settled = con.execute(f"select _file, outcome, n from settled_{dataset}").fetchall()  # names from DATASETS
        counts = {(f, outcome): n for f, outcome, n in settled}
        for f in files:
            read = f.rows_data + f.rows_skipped
            loaded = counts.get((f.source_file, "loaded"), 0)
            rejected = counts.get((f.source_file, "rejected"), 0) + counts.get((f.source_file, "superseded"), 0)
            duplicate = counts.get((f.source_file, "duplicate"), 0)
            rows.append((dataset, f.source_file, f.sha256, f.encoding, read, loaded, rejected, f.rows_skipped, duplicate,
                         noted.get((dataset, f.source_file), 0)))
    frame = pd.DataFrame(rows, columns=["dataset", "source_file", "sha256", "encoding", "rows_read", "rows_loaded",
                                        "rows_rejected", "rows_skipped", "rows_duplicate", "warnings"])
    frame = frame.astype({c: "int64" for c in frame.columns if c.startswith("rows_") or c == "warnings"})
    con.register("frame", frame)
    con.execute("create table ingest_files as select * from frame")
    con.unregister("frame")


def memory_limit():
    return os.environ.get("SINKBOARD_INGEST_MEMORY", "512MB")


def build(source: Path, internal_path: Path, public_path: Path, allow_empty=False, progress=None):
    progress = progress or Silent()
    found = discover(source, allow_empty=allow_empty)
    progress.start(sum(len(files) for files in found.values()))
    files_by_dataset = {}
    scratch = internal_path.parent / "scratch.duckdb"
    con = duckdb.connect(str(internal_path))
    try:
        # a large ingest spills to disk beside the build instead of failing for memory
        con.execute("set memory_limit = $limit", {"limit": memory_limit()})
        # no row order kept where the SQL does not ask for one (every table the build keeps is written with an
        # order by): DuckDB then streams and spills instead of holding rows back to keep their order
        con.execute("set preserve_insertion_order = false")
        con.execute("set temp_directory = $dir", {"dir": str(internal_path.parent / "spill")})
        # the staged and settled rows go to a scratch database file beside the build, not to temporary tables:
        # DuckDB can write a file's blocks out and read them back as memory runs short, while a temporary table of 10
        # million staged rows holds the memory the sorts and joins after it need. The names in the SQL files find
        # them unqualified (after the warehouse's own tables); the file is deleted after the build.
        con.execute("attach $path as scratch", {"path": str(scratch)})
        con.execute(f"set search_path = 'main,{SCRATCH}'")
        load_reference(con)
        con.execute(sql_text("macros.sql"))
        # each rejected row's faults as codes with their values (sb_fault in macros.sql), and their English message
        con.execute("""
            create table rejects (
                dataset varchar, source_file varchar, source_row integer, reason varchar, message varchar,
                faults struct(code varchar, "column" varchar, value varchar, detail varchar, message varchar)[], raw json
            )
        """)
        con.execute(hidden_cells.CREATE)
        con.execute("create table loaded_sources (dataset varchar, record_key varchar, source_file varchar)")
        resolver = CountyResolver()
        order = 0
        for name, dataset in DATASETS.items():
            # one dataset's files at a time, each streamed into DuckDB in batches (memory does not grow with the
            # files); a file that fails stops the build before anything is swapped in
            files_by_dataset[name] = []
            create_incoming(con, dataset)
            # while files are read, Python parses the next batch on one core (read_ahead) and DuckDB inserts the last
            # on the others: given every core, its inserts would take the parser's core from it
            con.execute("set threads = $n", {"n": max(1, (os.cpu_count() or 1) - 1)})
            for path in found[name]:
                started = time.perf_counter()
                rows = read_export(path, source, dataset, con, order)
                progress.file_read(name, rows.source_file, rows.rows_data + rows.rows_skipped,
                                   time.perf_counter() - started)
                files_by_dataset[name].append(rows)
                order += 1
            con.execute("reset threads")
            ingest_dataset(con, dataset, resolver)
        write_accounting(con, files_by_dataset)
        is_synthetic = (source / SYNTHETIC_MARKER).is_file()
        con.execute(
            "create table build_info as select $built_at::timestamptz as built_at, $source as source_name, "
            "$synthetic as is_synthetic, $version as sinkboard_version, $format::integer as warehouse_format",
            {"built_at": dt.datetime.now(dt.timezone.utc), "source": stored(source.resolve().name),
             "synthetic": is_synthetic, "version": __version__, "format": WAREHOUSE_FORMAT},
        )
        progress.phase("building the marts")
        con.execute(sql_text("marts.sql"))
        con.execute(sql_text("scope.sql"))
        con.execute("set variable small_purchase_tco2e = ?", [float(SMALL_PURCHASE_TCO2E)])
        con.execute(sql_text("scope_internal.sql"))
        con.execute(f"detach {SCRATCH}")
        # an explicit checkpoint raises when the disk is full; close() would not, and leave the data in the WAL only
        con.execute("checkpoint")
    finally:
        con.close()
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            leftover.unlink(missing_ok=True)
    progress.phase("building the public warehouse")
    con = duckdb.connect(str(public_path))
    try:
        # the private parties' rows are read one by one (an individual's trades): as above, spilled rather than held
        con.execute("set memory_limit = $limit", {"limit": memory_limit()})
        con.execute("set temp_directory = $dir", {"dir": str(internal_path.parent / "spill")})
        build_public(con, internal_path)
        con.execute("checkpoint")
    finally:
        con.close()
    return files_by_dataset


def ingest(source: Path, out: Path, allow_empty=False, progress=None):
    """Builds both warehouses into a new version folder beside the old ones, checks them, then switches the one
    pointer (`out/current`) to it: readers see the old pair or the new pair, never a half-built or mixed one, and
    the old pair stays exactly as it was if anything fails."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise IngestError(f"{out}: the warehouse folder cannot be written ({error.strerror or error})") from error
    try:
        lock = acquire(out / versions.LOCK_FILE, wait=False)
    except BlockingIOError:
        raise IngestError(f"{out}: another ingest is writing to this folder; try again when it has finished") from None
    try:
        versions.remove_abandoned_builds(out)
        building = out / f".building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        try:
            try:
                files_by_dataset = build(source, building / "internal.duckdb", building / "public.duckdb",
                                         allow_empty=allow_empty, progress=progress)
                version = out / f"v-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%fZ}-{os.getpid()}"
                (progress or Silent()).phase("recording what changed since the build before")
                record = history.record(out, building, Path(source), version.name, memory_limit())
                (progress or Silent()).phase("checking the built warehouses")
                verify(building, files_by_dataset)
                shutil.rmtree(building / "spill", ignore_errors=True)
                summary = summarise(building / "internal.duckdb")
                (building / versions.READERS_FILE).write_bytes(b"")
                os.rename(building, version)
                fsync_folder(out)
            except duckdb.OutOfMemoryException as error:
                raise IngestError(
                    f"the build ran out of the memory it may use ({one_line(error).split(' Possible solutions')[0]}); "
                    f"raise SINKBOARD_INGEST_MEMORY (now {memory_limit()})") from error
            except duckdb.Error as error:
                raise IngestError(f"writing the warehouse failed ({one_line(error)}); is the disk full?") from error
            except OSError as error:
                raise IngestError(f"writing the warehouse failed ({error.strerror or error}: "
                                  f"{error.filename or out})") from error
        except BaseException:
            history.discard(out)
            raise
        finally:
            shutil.rmtree(building, ignore_errors=True)
        versions.switch_current(out, version)
        history.commit(record, version.name)
        versions.remove_old_versions(out)
    finally:
        os.close(lock)
    return summary
